from odoo import fields, models


class CaePayrollExportLine(models.Model):
    _name = "cae.payroll.export.line"
    _description = "Payroll variables export line"
    _order = "export_id, partner_id, activity_code"

    export_id = fields.Many2one(
        "cae.payroll.export", required=True, ondelete="cascade", index=True
    )
    # stored, and given by the export when it creates its lines: each amount
    # is rounded in it without computing the export's currency per line
    currency_id = fields.Many2one(related="export_id.currency_id", store=True)
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
    expense_ids = fields.One2many(
        "hr.expense",
        "cae_payroll_export_line_id",
        string="Expenses reimbursed",
        readonly=True,
        help="The approved expenses this line reimburses: an expense enters "
        "one export only.",
    )
    leave_days = fields.Float(string="Leave (days)", digits=(16, 1))
    request_ids = fields.One2many(
        "cae.salary.request",
        "payroll_export_line_id",
        string="Salary request",
        readonly=True,
    )

    def _cae_text_cells(self):
        """The text columns of the line, as they are (escape them for CSV)."""
        self.ensure_one()
        return [
            self.payroll_ref or "",
            self.partner_id.name or "",
            self.activity_code or "",
            self.contract_type or "",
        ]

    def _cae_number_cells(self):
        self.ensure_one()
        return [
            self.fixed_part,
            self.requested_variable,
            self.hours,
            self.expenses,
            self.leave_days,
        ]
