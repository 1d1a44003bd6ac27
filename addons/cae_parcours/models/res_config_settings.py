from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cae_cape_min_months = fields.Integer(
        related="company_id.cae_cape_min_months", readonly=False
    )
    cae_cape_max_months = fields.Integer(
        related="company_id.cae_cape_max_months", readonly=False
    )
    cae_sponsor_interviews = fields.Boolean(
        related="company_id.cae_sponsor_interviews", readonly=False
    )
