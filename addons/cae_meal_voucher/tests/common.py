"""The CAE of the payroll tests (entrepreneurs A and B under a CESA since
2025-01-01, their employees) with the meal voucher settings: 9.00 € vouchers,
50 % employer share, 7 hours a day."""

from datetime import date, timedelta

from odoo import Command

from odoo.addons.cae_payroll.tests.common import PayrollCommon

OCTOBER = date(2025, 10, 1)


class MealVoucherCommon(PayrollCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.issuer = cls.env["res.partner"].create(
            {"name": "Émetteur de titres", "is_company": True}
        )
        cls.account_voucher_charge = cls._account("647800", "expense")
        cls.account_voucher_issuer = cls._account("401900", "liability_payable")
        cls.company.write(
            {
                "cae_meal_voucher_face_value": 9.0,
                "cae_meal_voucher_employer_rate": 50.0,
                "cae_meal_voucher_min_hours": 7.0,
                "cae_meal_voucher_expense_account_id": cls.account_voucher_charge.id,
                "cae_meal_voucher_payable_account_id": cls.account_voucher_issuer.id,
                "cae_meal_voucher_issuer_id": cls.issuer.id,
                "cae_meal_voucher_journal_id": cls.misc_journal.id,
                "cae_meal_voucher_treasury_threshold": 1000.0,
            }
        )
        cls.product_meal = cls.env["product.product"].create(
            {
                "name": "Repas au restaurant",
                "can_be_expensed": True,
                "cae_restaurant_meal": True,
                "standard_price": 0.0,
                "property_account_expense_id": cls.account_expense.id,
                "supplier_taxes_id": [Command.clear()],
            }
        )

    @classmethod
    def _working_days(cls, month):
        start = month.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return cls.company._cae_meal_voucher_working_days(start, end)

    @classmethod
    def _month(
        cls, partner=None, activity=None, month=OCTOBER, days=(), user=None, lang=None
    ):
        """A meal voucher month with ``days`` ((date, hours) pairs)."""
        env = cls.env(user=user) if user else cls.env
        if lang:
            env = env(context=dict(env.context, lang=lang))
        return env["cae.meal.voucher.month"].create(
            {
                "partner_id": (partner or cls.partner_a).id,
                "activity_id": (activity or cls.activity_a).id,
                "month": month,
                "company_id": cls.company.id,
                "day_ids": [
                    Command.create({"date": day, "hours": hours}) for day, hours in days
                ],
            }
        )

    def _meal(self, day, employee=None, user=None):
        env = self.env(user=user) if user else self.env
        return env["hr.expense"].create(
            {
                "name": "Déjeuner",
                "employee_id": (employee or self.employee_a).id,
                "product_id": self.product_meal.id,
                "total_amount_currency": 15.0,
                "date": day,
                "cae_activity_id": self.activity_a.id,
            }
        )
