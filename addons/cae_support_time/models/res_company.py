from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    cae_support_time_rate = fields.Monetary(
        string="Internal support: hourly rate",
        currency_field="currency_id",
        help="Compensation per approved hour of internal support, for the kinds "
        "without a rate of their own.",
    )

    @api.constrains("cae_support_time_rate")
    def _check_cae_support_time_rate(self):
        for company in self:
            if company.cae_support_time_rate < 0:
                raise ValidationError(
                    self.env._(
                        "The hourly rate of internal support cannot be negative."
                    )
                )
