from odoo import models
from odoo.exceptions import UserError


class HrExpenseSheet(models.Model):
    _inherit = "hr.expense.sheet"

    # core resets a report whatever happened to it since; an expense the
    # payroll export reimbursed is paid evidence, its report stays approved
    def action_reset_expense_sheets(self):
        reimbursed = self.sudo().expense_line_ids.filtered("cae_payroll_export_id")
        if reimbursed:
            raise UserError(
                self.env._(
                    "%(expense)s was reimbursed through the payroll export "
                    "%(export)s: its report can no longer be reset to draft.",
                    expense=reimbursed[0].name,
                    export=reimbursed[0].cae_payroll_export_id.name,
                )
            )
        return super().action_reset_expense_sheets()
