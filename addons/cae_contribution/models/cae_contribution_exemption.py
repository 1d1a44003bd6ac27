from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CaeContributionExemption(models.Model):
    """A dated exemption: the margin of the period never enters the base."""

    _name = "cae.contribution.exemption"
    _description = "Contribution exemption"
    _order = "date_from desc"

    activity_id = fields.Many2one("cae.activity", required=True, index=True)
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    reason = fields.Char(required=True)
    company_id = fields.Many2one(related="activity_id.company_id", store=True)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for exemption in self:
            if exemption.date_to < exemption.date_from:
                raise ValidationError(
                    self.env._("An exemption cannot end before it starts.")
                )
