from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cae_health_user_id = fields.Many2one(
        related="company_id.cae_health_user_id", readonly=False
    )
    cae_health_alert_days = fields.Integer(
        related="company_id.cae_health_alert_days", readonly=False
    )
    cae_health_vendor_id = fields.Many2one(
        related="company_id.cae_health_vendor_id", readonly=False
    )
    cae_health_product_id = fields.Many2one(
        related="company_id.cae_health_product_id", readonly=False
    )
