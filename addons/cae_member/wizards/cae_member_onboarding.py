from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..models.cae_activity import ACTIVITY_TYPES


class CaeMemberOnboarding(models.TransientModel):
    _name = "cae.member.onboarding"
    _description = "New entrepreneur"

    name = fields.Char(required=True)
    email = fields.Char(required=True)
    phone = fields.Char()
    login = fields.Char(help="Login of the user; the email when empty.")
    payroll_ref = fields.Char(string="Payroll reference")
    activity_name = fields.Char(required=True)
    activity_code = fields.Char(required=True)
    activity_trade_name = fields.Char(string="Trade name")
    activity_type = fields.Selection(ACTIVITY_TYPES, required=True, default="standard")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.model
    def _check_login(self, login):
        if (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("login", "=", login)], limit=1)
        ):
            raise UserError(
                self.env._(
                    "A user with the login %(login)s already exists.", login=login
                )
            )

    def action_create(self):
        self.ensure_one()
        login = (self.login or self.email).strip()
        self._check_login(login)
        company = self.company_id
        partner = self.env["res.partner"].create(
            {
                "name": self.name,
                "email": self.email,
                "phone": self.phone,
                "is_cae_member": True,
                "company_id": False,
            }
        )
        # the employee record below links the new user (partner.user_ids)
        (
            self.env["res.users"]
            .sudo()
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": self.name,
                    "login": login,
                    "email": self.email,
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "groups_id": [
                        Command.set(
                            [
                                self.env.ref(
                                    "cae_member.cae_member_group_entrepreneur"
                                ).id
                            ]
                        )
                    ],
                }
            )
        )
        self.env["hr.employee"]._cae_ensure_for(
            partner, company=company, payroll_ref=self.payroll_ref
        )
        self.env["cae.activity"].create(
            {
                "name": self.activity_name,
                "code": self.activity_code,
                "trade_name": self.activity_trade_name or self.activity_name,
                "activity_type": self.activity_type,
                "company_id": company.id,
                "member_ids": [Command.link(partner.id)],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": partner.id,
            "view_mode": "form",
        }
