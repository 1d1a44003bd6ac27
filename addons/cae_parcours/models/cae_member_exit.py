from odoo import api, fields, models

EXIT_TYPES = [
    ("company_creation", "Company creation"),
    ("other_job", "Other job"),
    ("end_of_test", "End of test"),
    ("resignation", "Resignation"),
    ("dismissal_not_associate", "Dismissal for not becoming associate"),
    ("other", "Other"),
]


class CaeMemberExit(models.Model):
    """An exit from the cooperative; a later contract is a re-entry."""

    _name = "cae.member.exit"
    _description = "Exit from the CAE"
    _order = "date desc"

    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade"
    )
    date = fields.Date(required=True)
    exit_type = fields.Selection(EXIT_TYPES, required=True)
    reason = fields.Text()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.model_create_multi
    def create(self, vals_list):
        exits = super().create(vals_list)
        exits._sync_partner_exit_date()
        return exits

    def write(self, vals):
        res = super().write(vals)
        self._sync_partner_exit_date()
        return res

    def _sync_partner_exit_date(self):
        """The partner's exit date is the date of their last exit."""
        for partner in self.partner_id:
            partner.cae_exit_date = max(partner.cae_exit_ids.mapped("date"))
