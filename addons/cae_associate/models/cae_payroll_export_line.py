from odoo import fields, models


class CaePayrollExportLine(models.Model):
    _inherit = "cae.payroll.export.line"

    share_deduction = fields.Monetary(
        help="Shares (parts sociales) deducted from the salary this month: the "
        "monthly amount of the subscription, at most its balance due.",
    )
