from odoo import fields, models


class CaePayrollExportLine(models.Model):
    _name = "cae.payroll.export.line"
    _description = "Payroll variables export line"
    _order = "export_id, partner_id, activity_code"

    export_id = fields.Many2one(
        "cae.payroll.export", required=True, ondelete="cascade", index=True
    )
    currency_id = fields.Many2one(related="export_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Entrepreneur", required=True)
    employee_id = fields.Many2one("hr.employee")
    payroll_ref = fields.Char(string="Payroll reference")
    activity_id = fields.Many2one("cae.activity")
    activity_code = fields.Char()
    contract_type = fields.Char()
    fixed_part = fields.Monetary()
    requested_variable = fields.Monetary(string="Requested variable part")
    hours = fields.Float(digits=(16, 2))
    expenses = fields.Monetary(string="Expenses to reimburse")
    leave_days = fields.Float(string="Leave (days)", digits=(16, 1))
