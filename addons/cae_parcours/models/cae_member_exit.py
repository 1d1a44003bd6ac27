from odoo import api, fields, models
from odoo.exceptions import UserError

EXIT_TYPES = [
    ("company_creation", "Company creation"),
    ("other_job", "Other job"),
    ("end_of_test", "End of test"),
    ("resignation", "Resignation"),
    ("dismissal_not_associate", "Dismissal for not becoming associate"),
    ("other", "Other"),
]


class CaeMemberExit(models.Model):
    """An exit from the cooperative; a later contract is a re-entry. Evidence:
    never deleted once a contract of the person has run."""

    _name = "cae.member.exit"
    _description = "Exit from the CAE"
    _order = "date desc"

    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="restrict"
    )
    date = fields.Date(required=True)
    exit_type = fields.Selection(EXIT_TYPES, required=True)
    reason = fields.Text()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    # override: the person's exit date follows the exits
    @api.model_create_multi
    def create(self, vals_list):
        exits = super().create(vals_list)
        exits._sync_partner_exit_date()
        return exits

    # override: the person's exit date follows the exits
    def write(self, vals):
        res = super().write(vals)
        self._sync_partner_exit_date()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_run(self):
        for exit_ in self:
            contracts = (
                self.env["cae.contract"]
                .sudo()
                .with_context(active_test=False)
                .search_count(
                    [
                        ("partner_id", "=", exit_.partner_id.id),
                        "|",
                        ("state", "in", ("running", "ended")),
                        ("date_signature", "!=", False),
                    ],
                    limit=1,
                )
            )
            if contracts:
                raise UserError(
                    self.env._(
                        "The exit of %(partner)s on %(date)s is evidence: a contract "
                        "of theirs has run, it cannot be deleted.",
                        partner=exit_.partner_id.name,
                        date=exit_.date,
                    )
                )

    # override: the person's exit date follows the exits
    def unlink(self):
        partners = self.partner_id
        res = super().unlink()
        for partner in partners:
            dates = partner.cae_exit_ids.mapped("date")
            partner.cae_exit_date = max(dates) if dates else False
        return res

    def _sync_partner_exit_date(self):
        """The partner's exit date is the date of their last exit."""
        for partner in self.partner_id:
            partner.cae_exit_date = max(partner.cae_exit_ids.mapped("date"))
