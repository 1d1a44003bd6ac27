"""The entrepreneurs' money on the payroll side (issue 15, items 9, 10, 12)."""

import base64
import csv
import io

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PayrollCommon


@tagged("post_install", "-at_install")
class TestPayrollMoney(PayrollCommon):
    def test_expense_reimbursed_once(self):
        """Issue 15, item 9: a 50 € expense approved in April appears in
        April's export only (before: March, April and May)."""
        expense = self._expense(50.0, "2025-03-28")
        self._approve(expense, "2025-04-10")
        self.assertEqual(expense.state, "approved")

        def expenses_of(export):
            return sum(
                export.line_ids.filtered(
                    lambda l: l.partner_id == self.partner_a
                ).mapped("expenses")
            )

        with freeze_time("2025-04-20"):
            march = self._export("2025-03-01")
        self.assertEqual(expenses_of(march), 0.0)
        self.assertFalse(expense.cae_payroll_export_id)
        april = self._export("2025-04-01")
        self.assertEqual(expenses_of(april), 50.0)
        self.assertEqual(expense.cae_payroll_export_id, april)
        self.assertEqual(
            april.line_ids.filtered(
                lambda l: l.partner_id == self.partner_a
            ).expense_ids,
            expense,
        )
        may = self._export("2025-05-01")
        self.assertEqual(expenses_of(may), 0.0)
        self.assertEqual(expense.cae_payroll_export_id, april, "recorded once")
        # exporting April again carries the same expense, once
        april_again = self._export("2025-04-01", confirm_again=True)
        self.assertEqual(expenses_of(april_again), 50.0)
        self.assertEqual(expense.cae_payroll_export_id, april_again)
        self.assertEqual(
            self._export("2025-05-01", confirm_again=True).line_ids.mapped("expenses"),
            [0.0, 0.0],
        )
        # the CSV says the same
        rows = list(
            csv.reader(
                io.StringIO(base64.b64decode(april_again.csv_file).decode("utf-8-sig")),
                delimiter=";",
            )
        )
        self.assertIn("50,00", [row[7] for row in rows if row[0] == "PAY-A"])
        # a reimbursed expense's report is not reset to draft behind the pay
        with self.assertRaisesRegex(UserError, "reimbursed through the payroll"):
            expense.sheet_id.with_user(self.user_admin).action_reset_expense_sheets()

    def test_expense_approved_late_goes_to_next_export(self):
        """An expense approved after its month's export was made is not lost:
        the next month's export carries it."""
        april = self._export("2025-04-01")
        expense = self._expense(80.0, "2025-04-20")
        self._approve(expense, "2025-04-28")
        self.assertFalse(expense.cae_payroll_export_id)
        self.assertNotIn(80.0, april.line_ids.mapped("expenses"))
        may = self._export("2025-05-01")
        self.assertIn(80.0, may.line_ids.mapped("expenses"))
        self.assertEqual(expense.cae_payroll_export_id, may)

    def test_shared_activity_one_treasury(self):
        """Issue 15, item 10: treasury 1 000, two members requesting 500 each
        (employer cost 725 each) are flagged together (before: neither)."""
        shared = self.env["cae.activity"].create(
            {
                "name": "Studio partagé",
                "code": "SHARED",
                "company_id": self.company.id,
                "member_ids": [Command.set((self.partner_a | self.partner_b).ids)],
            }
        )
        self._cash(shared, 1000.0)
        Request = self.env["cae.salary.request"]
        request_a = Request.with_user(self.user_a).create(
            {
                "activity_id": shared.id,
                "month": "2025-06-01",
                "requested_variable": 500.0,
            }
        )
        self.assertEqual(request_a.fixed_part, 0.0, "her CESA is on her own activity")
        self.assertAlmostEqual(request_a.employer_cost, 725.0)
        self.assertAlmostEqual(request_a.available_treasury, 1000.0)
        self.assertFalse(request_a.exceeds_treasury, "725 alone fits in 1 000")
        request_b = Request.with_user(self.user_b).create(
            {
                "activity_id": shared.id,
                "month": "2025-06-01",
                "requested_variable": 500.0,
            }
        )
        request_a.invalidate_recordset()
        for request in (request_a, request_b):
            self.assertAlmostEqual(request.employer_cost, 725.0)
            self.assertAlmostEqual(request.activity_employer_cost, 1450.0)
            self.assertTrue(request.exceeds_treasury)
        # other months and other activities do not count
        july = Request.with_user(self.user_a).create(
            {
                "activity_id": shared.id,
                "month": "2025-07-01",
                "requested_variable": 500.0,
            }
        )
        self.assertAlmostEqual(july.activity_employer_cost, 725.0)
        self.assertFalse(july.exceeds_treasury)

    def test_payable_variable_part(self):
        """Issue 15, item 12 (L7332-3): revenue - charges - contribution over
        the fiscal year to the end of the month, less the salaries already
        booked, shown next to the requested amount."""
        self._entry(
            self.activity_a,
            "2025-02-10",
            [
                ("512100", "asset_cash", 10000.0, 0.0),
                ("706100", "income", 0.0, 10000.0),
            ],
        )
        self._entry(
            self.activity_a,
            "2025-03-10",
            [
                ("607100", "expense", 2000.0, 0.0),
                ("512100", "asset_cash", 0.0, 2000.0),
            ],
        )
        self._entry(
            self.activity_a,
            "2025-04-30",
            [
                ("658600", "expense", 1000.0, 0.0),
                ("512100", "asset_cash", 0.0, 1000.0),
            ],
        )
        self._entry(
            self.activity_a,
            "2025-05-31",
            [
                ("641100", "expense", 2000.0, 0.0),
                ("645100", "expense", 900.0, 0.0),
                ("512100", "asset_cash", 0.0, 2900.0),
            ],
        )
        # outside the period: the previous year and after the month
        self._cash(self.activity_a, 3000.0, date="2024-12-15")
        self._cash(self.activity_a, 5000.0, date="2025-07-15")
        # another activity's figures do not count
        self._cash(self.activity_b, 7000.0, date="2025-03-15")
        request = (
            self.env["cae.salary.request"]
            .with_user(self.user_a)
            .create(
                {
                    "activity_id": self.activity_a.id,
                    "month": "2025-06-01",
                    "requested_variable": 2000.0,
                }
            )
        )
        # 10 000 - 2 000 - 1 000 - 2 900
        self.assertAlmostEqual(request.payable_margin, 4100.0)
        # (fixed 1 200 + variable) x 1.45 <= 4 100: variable <= 1 627.59
        self.assertAlmostEqual(request.payable_variable, 1627.59)
        self.assertEqual(request.requested_variable, 2000.0)
        form = self.env.ref("cae_payroll.cae_salary_request_view_form").arch_db
        self.assertLess(
            form.index('name="requested_variable"'),
            form.index('name="payable_variable"'),
        )
        # a margin that does not cover the fixed part leaves nothing variable
        poor = (
            self.env["cae.salary.request"]
            .with_user(self.user_b)
            .create({"activity_id": self.activity_b.id, "month": "2025-02-01"})
        )
        self.assertAlmostEqual(poor.payable_margin, 0.0)
        self.assertEqual(poor.payable_variable, 0.0)
