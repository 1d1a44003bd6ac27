"""What an entrepreneur may do on her salary requests and expenses
(issue 14)."""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import PayrollCommon


@tagged("post_install", "-at_install")
class TestPayrollTrust(PayrollCommon):
    def test_salary_request_other_activity(self):
        """Issue 14: choosing another activity or person reveals nothing and
        is refused."""
        self._cash(self.activity_b, 5000.0)
        Request = self.env["cae.salary.request"].with_user(self.user_a)
        other = Request.new(
            {
                "partner_id": self.partner_b.id,
                "activity_id": self.activity_b.id,
                "month": "2025-06-01",
            }
        )
        self.assertEqual(other.available_treasury, 0.0)
        self.assertEqual(other.fixed_part, 0.0)
        self.assertEqual(other.payable_margin, 0.0)
        own_person = Request.new(
            {
                "partner_id": self.partner_a.id,
                "activity_id": self.activity_b.id,
                "month": "2025-06-01",
            }
        )
        self.assertEqual(own_person.available_treasury, 0.0)
        # the admin team sees the figures
        seen = (
            self.env["cae.salary.request"]
            .with_user(self.user_admin)
            .new(
                {
                    "partner_id": self.partner_b.id,
                    "activity_id": self.activity_b.id,
                    "month": "2025-06-01",
                }
            )
        )
        self.assertEqual(seen.fixed_part, 900.0)
        self.assertAlmostEqual(seen.available_treasury, 5000.0)
        with (
            self.assertRaisesRegex(AccessError, "one of your activities"),
            self.cr.savepoint(),
        ):
            Request.create({"activity_id": self.activity_b.id, "month": "2025-06-01"})
        with (
            self.assertRaisesRegex(AccessError, "your own salary"),
            self.cr.savepoint(),
        ):
            Request.create(
                {
                    "partner_id": self.partner_b.id,
                    "activity_id": self.activity_a.id,
                    "month": "2025-06-01",
                }
            )
        request = Request.create(
            {
                "activity_id": self.activity_a.id,
                "month": "2025-06-01",
                "requested_variable": 100.0,
                "note": "Juin",
            }
        )
        with (
            self.assertRaisesRegex(AccessError, "one of your activities"),
            self.cr.savepoint(),
        ):
            request.write({"activity_id": self.activity_b.id})
        with self.assertRaisesRegex(AccessError, "message_ids"):
            request.write({"message_ids": [Command.create({"body": "x"})]})
        # a computed figure written keeps nothing
        request.write({"fixed_part": 5000.0})
        request.invalidate_recordset()
        self.assertEqual(request.fixed_part, 1200.0)
        request.write({"requested_variable": 150.0, "hours": 10, "leave_days": 1})
        self.assertEqual(request.activity_id, self.activity_a)

    def test_salary_request_kept_once_exported(self):
        """A request that went into a payroll export is kept as sent: the
        entrepreneur no longer changes it, nobody deletes it."""
        request = (
            self.env["cae.salary.request"]
            .with_user(self.user_a)
            .create(
                {
                    "activity_id": self.activity_a.id,
                    "month": "2025-06-01",
                    "requested_variable": 400.0,
                }
            )
        )
        with self.assertRaisesRegex(AccessError, "exported"), self.cr.savepoint():
            request.write({"exported": True})
        self.assertFalse(request.exported)
        export = self._export("2025-06-01")
        self.assertTrue(request.exported)
        line = export.line_ids.filtered(lambda l: l.partner_id == self.partner_a)
        self.assertEqual(line.request_ids, request)
        self.assertEqual(line.requested_variable, 400.0)
        with (
            self.assertRaisesRegex(AccessError, "sent to payroll"),
            self.cr.savepoint(),
        ):
            request.write({"requested_variable": 4000.0})
        with self.assertRaisesRegex(UserError, "kept as evidence"), self.cr.savepoint():
            request.unlink()
        self.assertEqual(request.requested_variable, 400.0)
        # exported again, the month's request follows the new export
        again = self._export("2025-06-01", confirm_again=True)
        self.assertEqual(request.sudo().payroll_export_line_id.export_id, again)

    def test_salary_request_form(self):
        """The entrepreneur's form sends only what she may set."""
        with Form(self.env["cae.salary.request"].with_user(self.user_a)) as form:
            form.month = "2025-06-10"
            form.requested_variable = 300.0
            form.note = "Juin"
        request = form.save()
        self.assertEqual(request.partner_id, self.partner_a)
        self.assertEqual(request.activity_id, self.activity_a)
        self.assertEqual(str(request.month), "2025-06-01")
        self.assertEqual(request.fixed_part, 1200.0)

    def test_expense_other_activity(self):
        """Issue 14: an entrepreneur cannot put an expense on another
        person's activity, nor record another person's expense."""
        Expense = self.env["hr.expense"].with_user(self.user_a)
        values = {
            "name": "Repas",
            "product_id": self.product_expense.id,
            "total_amount_currency": 30.0,
            "date": "2025-06-03",
        }
        with (
            self.assertRaisesRegex(AccessError, "one of your activities"),
            self.cr.savepoint(),
        ):
            Expense.create({**values, "cae_activity_id": self.activity_b.id})
        with (
            self.assertRaisesRegex(AccessError, "your own expenses"),
            self.cr.savepoint(),
        ):
            Expense.create(
                {
                    **values,
                    "cae_activity_id": self.activity_a.id,
                    "employee_id": self.employee_b.id,
                }
            )
        expense = Expense.create({**values, "cae_activity_id": self.activity_a.id})
        self.assertEqual(
            expense.analytic_distribution,
            {str(self.activity_a.analytic_account_id.id): 100},
        )
        with (
            self.assertRaisesRegex(AccessError, "one of your activities"),
            self.cr.savepoint(),
        ):
            expense.write({"cae_activity_id": self.activity_b.id})
        with (
            self.assertRaisesRegex(AccessError, "analytic account of its activity"),
            self.cr.savepoint(),
        ):
            expense.write(
                {
                    "analytic_distribution": {
                        str(self.activity_b.analytic_account_id.id): 100
                    }
                }
            )
        with self.assertRaisesRegex(AccessError, "account_id"), self.cr.savepoint():
            expense.write({"account_id": self.account_revenue.id})
        self.assertEqual(expense.cae_activity_id, self.activity_a)
        # submitted, the expense is the approver's
        sheet = (
            self.env["hr.expense.sheet"]
            .with_user(self.user_a)
            .create({"name": "Juin", "expense_line_ids": [Command.set(expense.ids)]})
        )
        with freeze_time("2025-06-20"):
            sheet.action_submit_sheet()
        self.assertEqual(sheet.state, "submit")
        with (
            self.assertRaisesRegex(AccessError, "can no longer be changed"),
            self.cr.savepoint(),
        ):
            expense.write({"total_amount_currency": 3000.0})
        with self.assertRaises(UserError):
            sheet.write({"approval_state": "approve"})
        self.assertEqual(sheet.state, "submit")
        # a draft expense cannot slip into a submitted report
        late = Expense.create({**values, "cae_activity_id": self.activity_a.id})
        # (core refuses it first: the submitted report is not hers to write)
        with self.assertRaises(AccessError):
            late.write({"sheet_id": sheet.id})
        self.assertFalse(late.sheet_id)
        # the structure's own staff keep Odoo's flows
        staff = (
            self.env["hr.expense"]
            .with_user(self.user_admin)
            .create(
                {
                    **values,
                    "employee_id": self.employee_b.id,
                    "cae_activity_id": self.activity_b.id,
                }
            )
        )
        staff.write({"cae_activity_id": self.activity_a.id})
        self.assertEqual(staff.cae_activity_id, self.activity_a)

    def test_expense_form_flow(self):
        """The entrepreneur's expense form, report and submission work with
        her field list."""
        with Form(self.env["hr.expense"].with_user(self.user_a)) as form:
            form.name = "Péage"
            form.product_id = self.product_expense
            form.total_amount_currency = 12.5
            form.date = "2025-06-03"
        expense = form.save()
        self.assertEqual(expense.cae_activity_id, self.activity_a)
        self.assertEqual(expense.employee_id, self.employee_a)
        action = expense.with_user(self.user_a).action_submit_expenses()
        sheet = self.env["hr.expense.sheet"].browse(action["res_id"])
        with Form(sheet.with_user(self.user_a)) as sheet_form:
            sheet_form.name = "Péages de juin"
        with freeze_time("2025-06-20"):
            sheet.with_user(self.user_a).action_submit_sheet()
        self.assertEqual(sheet.state, "submit")
        self.assertEqual(sheet.cae_activity_id, self.activity_a)
