from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    cae_share_value = fields.Monetary(
        string="Nominal value of a share",
        currency_field="currency_id",
        default=25.0,
        help="Nominal value of one share (part sociale), as set by the statutes.",
    )
    cae_share_monthly_deduction = fields.Monetary(
        string="Default monthly share deduction",
        currency_field="currency_id",
        default=10.0,
        help="Monthly amount deducted from the salary for a subscription paid by "
        "payroll deduction, unless the subscription says otherwise.",
    )
