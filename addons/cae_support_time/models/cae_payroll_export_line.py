from odoo import fields, models


class CaePayrollExportLine(models.Model):
    _inherit = "cae.payroll.export.line"

    cae_support_time_amount = fields.Monetary(string="Internal support")
    cae_support_time_ids = fields.One2many(
        "cae.support.time",
        "payroll_export_line_id",
        string="Internal support time paid",
        readonly=True,
    )
