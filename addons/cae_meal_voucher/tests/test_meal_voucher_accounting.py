import base64
import io
from datetime import date

import openpyxl

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import OCTOBER, MealVoucherCommon


@tagged("post_install", "-at_install")
class TestMealVoucherAccounting(MealVoucherCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        days = cls._working_days(OCTOBER)[:15]
        cls.october = cls._month(days=[(day, 7.0) for day in days], user=cls.user_a)
        cls.october.with_user(cls.user_a).action_submit()

    def _validate(self):
        self.october.with_user(self.user_admin).action_validate()

    def test_fifteen_days_of_seven_hours(self):
        """Acceptance 2: 15 days of 7 h in October give 15 vouchers; the
        employer share is a posted charge of the activity, on its analytic
        account; a restaurant meal of October is then refused, with the
        reason."""
        record = self.october
        self.assertEqual(record.voucher_count, 15)
        self._validate()
        self.assertEqual(record.state, "validated")
        # 15 x 9.00 = 135.00: 67.50 for the employer, 67.50 deducted from pay
        self.assertAlmostEqual(record.employer_share, 67.5)
        self.assertAlmostEqual(record.employee_share, 67.5)
        move = record.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.cae_activity_id, self.activity_a)
        self.assertEqual(move.date, date(2025, 10, 31))
        charge = move.line_ids.filtered(
            lambda line: line.account_id == self.account_voucher_charge
        )
        self.assertAlmostEqual(charge.debit, 67.5)
        self.assertEqual(charge.cae_activity_id, self.activity_a)
        analytic = str(self.activity_a.analytic_account_id.id)
        self.assertEqual(charge.analytic_distribution, {analytic: 100})
        issuer = move.line_ids - charge
        self.assertEqual(issuer.account_id, self.account_voucher_issuer)
        self.assertEqual(issuer.partner_id, self.issuer)
        self.assertAlmostEqual(issuer.credit, 67.5)
        account = self.activity_a.analytic_account_id
        column = account.plan_id._column_name()
        lines = self.env["account.analytic.line"].search(
            [(column, "=", account.id), ("move_line_id", "in", move.line_ids.ids)]
        )
        self.assertEqual(len(lines), 1)
        self.assertAlmostEqual(lines.amount, -67.5)
        # the activity's statement sees the charge (a 64 account: social
        # charges, with the salaries)
        figures = self.env["cae.account.statement"]._cae_compute_statements(
            self.activity_a, OCTOBER, date(2025, 10, 31)
        )[self.activity_a.id]
        self.assertAlmostEqual(figures["salaries"] + figures["other_charges"], 67.5)
        # a restaurant meal of October: refused, naming the month
        for user in (self.user_a, self.user_admin):
            with self.subTest(user=user.login):
                with self.assertRaises(ValidationError) as caught:
                    self._meal(date(2025, 10, 21), user=user)
                self.assertIn("10/2025", str(caught.exception))
        # a meal of November, or another expense of October, is fine
        self._meal(date(2025, 11, 4), user=self.user_a)
        other = self._expense(20.0, date(2025, 10, 21))
        self.assertTrue(other)
        # nor can a November meal be moved into October
        november = self._meal(date(2025, 11, 5))
        with self.assertRaises(ValidationError):
            november.date = date(2025, 10, 6)

    def test_meal_message_is_french(self):
        self._validate()
        with self.assertRaises(ValidationError) as caught:
            self.env["hr.expense"].with_context(lang="fr_FR").create(
                {
                    "name": "Déjeuner",
                    "employee_id": self.employee_a.id,
                    "product_id": self.product_meal.id,
                    "total_amount_currency": 15.0,
                    "date": date(2025, 10, 21),
                    "cae_activity_id": self.activity_a.id,
                }
            )
        self.assertIn("titres-restaurant", str(caught.exception))
        self.assertIn("10/2025", str(caught.exception))

    def test_hr_expense_meal_product_is_flagged(self):
        meal = self.env.ref("hr_expense.expense_product_meal", raise_if_not_found=False)
        if meal:
            self.assertTrue(meal.cae_restaurant_meal)

    def test_meal_already_claimed_blocks_validation(self):
        self._meal(date(2025, 10, 8))
        with self.assertRaises(UserError) as caught:
            self.october.with_user(self.user_admin).with_context(
                lang="fr_FR"
            ).action_validate()
        self.assertIn("Déjeuner", str(caught.exception))
        self.assertEqual(self.october.state, "submitted")
        self.assertFalse(self.october.move_id)

    def test_missing_accounts(self):
        self.company.cae_meal_voucher_expense_account_id = False
        with self.assertRaises(UserError):
            self._validate()
        self.assertEqual(self.october.state, "submitted")

    def test_pay_variables_export(self):
        """The export carries the count, the employer share and the employee
        share to deduct, in the lines and in the CSV."""
        self._validate()
        export = self._export(OCTOBER)
        line_a = export.line_ids.filtered(
            lambda line: line.partner_id == self.partner_a
        )
        self.assertEqual(line_a.meal_voucher_count, 15)
        self.assertAlmostEqual(line_a.meal_voucher_employer_share, 67.5)
        self.assertAlmostEqual(line_a.meal_voucher_employee_share, 67.5)
        line_b = export.line_ids.filtered(
            lambda line: line.partner_id == self.partner_b
        )
        self.assertEqual(line_b.meal_voucher_count, 0)
        rows = base64.b64decode(export.csv_file).decode("utf-8-sig").splitlines()
        header = rows[0].split(";")
        # other addons (shares, support time) may add columns too
        column = header.index("Meal vouchers")
        self.assertEqual(
            header[column : column + 3],
            [
                "Meal vouchers",
                "Meal vouchers employer share",
                "Meal vouchers employee share",
            ],
        )
        row_a = next(row for row in rows if row.startswith("PAY-A")).split(";")
        self.assertEqual(row_a[column : column + 3], ["15", "67,50", "67,50"])
        self.assertEqual(len(header), len(row_a))
        # the spreadsheet: the same columns, the same figures
        content, _kind = self.env["ir.actions.report"]._render(
            "cae_payroll.cae_payroll_export_xlsx", export.ids
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        cells = [cell.value for cell in sheet[1]]
        self.assertEqual(cells, export._cae_header())
        values = {r[0].value: [c.value for c in r] for r in sheet.iter_rows(2)}
        self.assertEqual(values["PAY-A"][column : column + 3], [15, 67.5, 67.5])

    def test_export_ignores_months_not_validated(self):
        export = self._export(OCTOBER)
        line_a = export.line_ids.filtered(
            lambda line: line.partner_id == self.partner_a
        )
        self.assertEqual(line_a.meal_voucher_count, 0)
