from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import date_utils


class HrExpenseSheet(models.Model):
    _inherit = "hr.expense.sheet"

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
        today = fields.Date.context_today(self)
        for sheet in self:
            dates = [d for d in sheet.expense_line_ids.mapped("date") if d]
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

    def action_submit_sheet(self):
        self._cae_check_closing()
        return super().action_submit_sheet()

    def _prepare_move_vals(self):
        vals = super()._prepare_move_vals()
        if self.cae_activity_id:
            vals["cae_activity_id"] = self.cae_activity_id.id
        return vals
