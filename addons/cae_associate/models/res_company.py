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
    cae_legal_form = fields.Char(
        string="Legal form",
        help="Printed on the certificates and the register, e.g. "
        "SCOP SA à capital variable.",
    )
    cae_share_capital = fields.Monetary(
        string="Share capital",
        currency_field="currency_id",
        help="Printed on the certificates when set (a cooperative's capital is "
        "variable: the amount of the statutes or of the last closing).",
    )
