from odoo import api, fields, models
from odoo.exceptions import AccessError

from .base import cae_trusted_writes


class HrExpense(models.Model):
    _inherit = "hr.expense"

    # what the expense form sends for an entrepreneur; the activity, the
    # employee, the analytic distribution and the report are checked below
    _cae_entrepreneur_fields = frozenset(
        {
            "name",
            "date",
            "description",
            "employee_id",
            "product_id",
            "product_uom_id",
            "quantity",
            "total_amount_currency",
            "total_amount",
            "currency_id",
            "tax_ids",
            "payment_mode",
            "vendor_id",
            "company_id",
            "cae_activity_id",
            "analytic_distribution",
            "sheet_id",
            "sale_order_id",
            "message_main_attachment_id",
        }
    )

    cae_activity_id = fields.Many2one(
        "cae.activity",
        string="Activity",
        index=True,
        check_company=True,
        default=lambda self: self.env.user._cae_default_activity(),
    )

    # override: an expense of an activity goes to its analytic account
    @api.depends("cae_activity_id")
    def _compute_analytic_distribution(self):
        super()._compute_analytic_distribution()
        for expense in self.filtered("cae_activity_id"):
            expense.analytic_distribution = {
                str(expense.cae_activity_id.sudo().analytic_account_id.id): 100
            }

    # override: an entrepreneur records her own expenses on her own activities
    @api.model_create_multi
    def create(self, vals_list):
        expenses = super().create(vals_list)
        expenses._cae_check_entrepreneur_expense()
        return expenses

    # override: an entrepreneur edits only her own draft expenses, kept on her
    # activities
    def write(self, vals):
        if self._cae_guard_applies() and vals.keys() - {"message_main_attachment_id"}:
            self._cae_check_entrepreneur_editable()
        res = super().write(vals)
        if vals.keys() & {
            "cae_activity_id",
            "employee_id",
            "analytic_distribution",
            "sheet_id",
            "sale_order_id",
        }:
            self._cae_check_entrepreneur_expense()
        return res

    @api.model
    def create_expense_from_attachments(self, attachment_ids=None, view_type="list"):
        # the values are the server's own (a name from the file, the
        # product's account): the entrepreneur only chose the files
        with cae_trusted_writes():
            return super().create_expense_from_attachments(
                attachment_ids=attachment_ids, view_type=view_type
            )

    def _create_sheets_from_expense(self):
        # core builds the report's values from the expenses themselves (their
        # employee, company, a name): nothing comes from the client
        self._cae_check_entrepreneur_expense(require_activity=True)
        with cae_trusted_writes():
            return super()._create_sheets_from_expense()

    def _inverse_total_amount(self):
        # core derives the rate, the tax and the unit price from the total the
        # entrepreneur entered: values of the server, not of the client
        with cae_trusted_writes():
            return super()._inverse_total_amount()

    def _set_expense_currency_rate(self, date_today):
        # the rate of the currency she chose, read by the server
        with cae_trusted_writes():
            return super()._set_expense_currency_rate(date_today)

    def _cae_check_entrepreneur_editable(self):
        """An entrepreneur changes her expense while it is draft or in a
        draft report; a submitted expense is the approver's."""
        for expense in self:
            if expense.state not in ("draft", "reported"):
                raise AccessError(
                    self.env._(
                        "The expense %(expense)s was submitted: it can no longer "
                        "be changed.",
                        expense=expense.display_name,
                    )
                )

    def _cae_check_entrepreneur_expense(self, require_activity=False):
        """For an entrepreneur: the expense is hers, on one of her
        activities, charged to that activity's analytic account, in a draft
        report of hers."""
        if not self or not self._cae_guard_applies():
            return
        user = self.env.user
        for expense in self:
            activity = expense.cae_activity_id
            if (activity or require_activity) and not user._cae_is_own_activity(
                activity
            ):
                raise AccessError(
                    self.env._(
                        "The expense %(expense)s must be on one of your "
                        "activities: %(activity)s is not yours.",
                        expense=expense.display_name,
                        activity=activity.sudo().display_name
                        or self.env._("no activity"),
                    )
                )
            # sudo: the employee record is read to compare it to the user
            employee = expense.employee_id.sudo()
            if employee and not (
                employee.user_id == user or employee.work_contact_id == user.partner_id
            ):
                raise AccessError(
                    self.env._(
                        "You can only record your own expenses, not those of "
                        "%(employee)s.",
                        employee=employee.name,
                    )
                )
            allowed = activity.sudo().analytic_account_id.ids
            used = {
                int(account_id)
                for key in (expense.analytic_distribution or {})
                for account_id in key.split(",")
                if account_id
            }
            if used - set(allowed):
                raise AccessError(
                    self.env._(
                        "The expense %(expense)s can only be charged to the "
                        "analytic account of its activity.",
                        expense=expense.display_name,
                    )
                )
            # sudo: the order is read to compare its activity to the expense's
            order = expense.sale_order_id.sudo()
            if order and order.cae_activity_id != activity:
                raise AccessError(
                    self.env._(
                        "The expense %(expense)s can only be re-invoiced on a "
                        "quotation of its own activity.",
                        expense=expense.display_name,
                    )
                )
            if expense.sheet_id and expense.sheet_id.state != "draft":
                raise AccessError(
                    self.env._(
                        "The expense report %(sheet)s was submitted: no expense "
                        "can be added to it or taken out of it.",
                        sheet=expense.sheet_id.name,
                    )
                )
