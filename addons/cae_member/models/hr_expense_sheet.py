from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import date_utils

from .base import cae_trusted_writes


class HrExpenseSheet(models.Model):
    _inherit = "hr.expense.sheet"

    # what the report form sends for an entrepreneur (the lines are checked
    # on each expense, the employee below); states change through buttons
    _cae_entrepreneur_fields = frozenset(
        {
            "name",
            "employee_id",
            "expense_line_ids",
            "company_id",
            "user_id",
            "department_id",
            "payment_method_line_id",
            "message_main_attachment_id",
        }
    )

    cae_activity_id = fields.Many2one(
        "cae.activity",
        string="Activity",
        compute="_compute_cae_activity_id",
        store=True,
        index=True,
        help="Expense sheets are per person, month and activity.",
    )

    @api.depends("expense_line_ids.cae_activity_id")
    def _compute_cae_activity_id(self):
        for sheet in self:
            sheet.cae_activity_id = sheet.expense_line_ids.cae_activity_id[:1]

    @api.constrains("expense_line_ids")
    def _check_cae_single_activity_and_month(self):
        for sheet in self:
            expenses = sheet.expense_line_ids
            if len(expenses.cae_activity_id) > 1:
                raise ValidationError(
                    self.env._(
                        "An expense sheet holds the expenses of one activity only "
                        "(%(sheet)s).",
                        sheet=sheet.name,
                    )
                )
            months = {
                date_utils.start_of(d, "month") for d in expenses.mapped("date") if d
            }
            if len(months) > 1:
                raise ValidationError(
                    self.env._(
                        "An expense sheet holds the expenses of one month only "
                        "(%(sheet)s).",
                        sheet=sheet.name,
                    )
                )

    def _cae_check_closing(self):
        """The closing deadline is the CAE's rule for the activities'
        expenses (they are reimbursed through the payroll export); the
        structure's own staff submit theirs as in standard Odoo."""
        today = fields.Date.context_today(self)
        for sheet in self:
            expenses = sheet.expense_line_ids.filtered("cae_activity_id")
            dates = [d for d in expenses.mapped("date") if d]
            if not dates:
                continue
            deadline = sheet.company_id._cae_expense_deadline(min(dates))
            if deadline and today > deadline:
                raise UserError(
                    self.env._(
                        "The expenses of %(month)s had to be submitted by "
                        "%(deadline)s: that period is closed.",
                        month=min(dates).strftime("%m/%Y"),
                        deadline=deadline.strftime("%d/%m/%Y"),
                    )
                )

    # override: an entrepreneur reports her own expenses only
    @api.model_create_multi
    def create(self, vals_list):
        sheets = super().create(vals_list)
        sheets._cae_check_entrepreneur_sheet()
        return sheets

    # override: an entrepreneur's report stays hers
    def write(self, vals):
        res = super().write(vals)
        if "employee_id" in vals:
            self._cae_check_entrepreneur_sheet()
        return res

    def _cae_check_entrepreneur_sheet(self):
        if not self or not self._cae_guard_applies():
            return
        user = self.env.user
        for sheet in self:
            # sudo: the employee record is read to compare it to the user
            employee = sheet.employee_id.sudo()
            if not (
                employee.user_id == user or employee.work_contact_id == user.partner_id
            ):
                raise AccessError(
                    self.env._(
                        "You can only submit your own expenses, not those of "
                        "%(employee)s.",
                        employee=employee.name,
                    )
                )

    # override: the closing and the entrepreneur's checks first; then core writes the
    # approval state she may not write
    def action_submit_sheet(self):
        self._cae_check_closing()
        if self._cae_guard_applies():
            self._cae_check_entrepreneur_sheet()
            self.expense_line_ids._cae_check_entrepreneur_expense(require_activity=True)
            # the button's own checks are done: core writes the approval state
            with cae_trusted_writes():
                return super().action_submit_sheet()
        return super().action_submit_sheet()

    # override: the report's entry belongs to its activity
    def _prepare_move_vals(self):
        vals = super()._prepare_move_vals()
        if self.cae_activity_id:
            vals["cae_activity_id"] = self.cae_activity_id.id
        return vals
