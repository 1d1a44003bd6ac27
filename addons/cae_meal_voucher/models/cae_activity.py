from odoo import fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_amount


class CaeActivity(models.Model):
    _inherit = "cae.activity"

    cae_meal_voucher_suspended = fields.Boolean(
        string="Meal vouchers suspended",
        readonly=True,
        copy=False,
        tracking=True,
        help="The activity cannot afford its members' meal vouchers: no meal "
        "voucher month of it is validated until they are resumed.",
    )
    cae_meal_voucher_suspension_reason = fields.Char(
        string="Meal vouchers suspension reason", readonly=True, copy=False
    )
    cae_meal_voucher_suspension_date = fields.Date(
        string="Meal vouchers suspended on", readonly=True, copy=False
    )

    def _cae_available_treasury(self):
        """{activity id: available treasury today}, from the activities'
        état des comptes (two aggregate queries for all of them)."""
        if not self:
            return {}
        today = fields.Date.context_today(self)
        figures = self.env["cae.account.statement"]._cae_compute_statements(
            self, today, today
        )
        return {
            activity_id: values["available_treasury"]
            for activity_id, values in figures.items()
        }

    def _cae_check_meal_voucher_admin(self):
        if not self.env.user.has_group("cae_member.cae_member_group_admin"):
            raise AccessError(
                self.env._("Only the admin team suspends or resumes meal vouchers.")
            )

    def action_cae_meal_voucher_suspend(self):
        """Button: the suspension wizard for these activities."""
        self._cae_check_meal_voucher_admin()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Suspend the meal vouchers"),
            "res_model": "cae.meal.voucher.suspend",
            "view_mode": "form",
            "target": "new",
            "context": {"default_activity_ids": [fields.Command.set(self.ids)]},
        }

    def action_cae_meal_voucher_resume(self):
        self._cae_check_meal_voucher_admin()
        self.write(
            {
                "cae_meal_voucher_suspended": False,
                "cae_meal_voucher_suspension_reason": False,
                "cae_meal_voucher_suspension_date": False,
            }
        )
        return True

    def _cae_meal_voucher_below(self):
        """The activities whose available treasury is below their company's
        meal voucher threshold."""
        treasury = self._cae_available_treasury()
        return self.filtered(
            lambda a: (
                a.company_id.currency_id.compare_amounts(
                    treasury[a.id], a.company_id.cae_meal_voucher_treasury_threshold
                )
                < 0
            )
        )

    def _cae_format_amount(self, amount):
        self.ensure_one()
        return format_amount(self.env, amount, self.company_id.currency_id)
