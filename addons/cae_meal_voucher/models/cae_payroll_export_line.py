from odoo import fields, models


class CaePayrollExportLine(models.Model):
    _inherit = "cae.payroll.export.line"

    meal_voucher_count = fields.Integer(string="Meal vouchers")
    meal_voucher_employer_share = fields.Monetary(string="Meal vouchers employer share")
    meal_voucher_employee_share = fields.Monetary(
        string="Meal vouchers employee share",
        help="Deducted from the net pay.",
    )
