from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cae_leave_reference_period = fields.Selection(
        related="company_id.cae_leave_reference_period", readonly=False
    )
    cae_leave_allow_negative = fields.Boolean(
        related="company_id.cae_leave_allow_negative", readonly=False
    )
    cae_leave_max_negative = fields.Integer(
        related="company_id.cae_leave_max_negative", readonly=False
    )
    cae_leave_provision = fields.Boolean(
        related="company_id.cae_leave_provision", readonly=False
    )
    cae_leave_days_per_month = fields.Float(
        related="company_id.cae_leave_days_per_month", readonly=False
    )
