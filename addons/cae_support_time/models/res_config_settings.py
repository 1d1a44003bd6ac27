from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # a label of its own: account's currency_id of the settings is "Currency"
    cae_support_time_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Support time currency"
    )
    cae_support_time_rate = fields.Monetary(
        related="company_id.cae_support_time_rate",
        currency_field="cae_support_time_currency_id",
        readonly=False,
    )
