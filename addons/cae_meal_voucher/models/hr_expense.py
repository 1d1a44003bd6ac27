from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.tools import date_utils


class HrExpense(models.Model):
    _inherit = "hr.expense"

    @api.constrains("product_id", "date", "employee_id")
    def _check_cae_meal_voucher(self):
        """Meal vouchers replace meal expenses: a person whose meal voucher
        month is validated claims no restaurant meal of that month."""
        meals = self.filtered(
            lambda e: e.date and e.product_id.cae_restaurant_meal and e.employee_id
        )
        if not meals:
            return
        # sudo: the expense's own person is compared to the validated meal
        # voucher months (hers, whichever activity they are on) and its
        # employee to its contact
        employees = meals.employee_id.sudo()
        partners = employees.work_contact_id | employees.user_id.partner_id
        months = (
            self.env["cae.meal.voucher.month"]
            .sudo()
            .search_fetch(
                [
                    ("partner_id", "in", partners.ids),
                    ("state", "=", "validated"),
                    (
                        "month",
                        ">=",
                        date_utils.start_of(min(meals.mapped("date")), "month"),
                    ),
                    ("month", "<=", max(meals.mapped("date"))),
                ],
                ["partner_id", "month"],
            )
        )
        validated = {(m.partner_id.id, m.month) for m in months}
        for expense in meals:
            employee = expense.employee_id.sudo()
            month = date_utils.start_of(expense.date, "month")
            people = employee.work_contact_id | employee.user_id.partner_id
            if any((partner.id, month) in validated for partner in people):
                raise ValidationError(
                    self.env._(
                        "%(person)s receives meal vouchers for %(month)s: a "
                        "restaurant meal of that month (%(expense)s) cannot be "
                        "claimed as an expense.",
                        person=employee.name,
                        month=month.strftime("%m/%Y"),
                        expense=expense.name,
                    )
                )
