"""The entrepreneurs' money on the payroll side (issue 15, items 9, 10, 12)
and what an entrepreneur may do on it (issue 14)."""

import base64
import csv
import io

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon


class PayrollCommon(CaeTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.cae_employer_cost_rate = 1.45
        cls.employee_a = cls._employee(cls.user_a, "PAY-A")
        cls.employee_b = cls._employee(cls.user_b, "PAY-B")
        cls.contract_a = cls._contract(
            cls.partner_a,
            "cesa",
            "2025-01-01",
            activity_id=cls.activity_a.id,
            fixed_monthly_amount=1200.0,
            monthly_hours=151.67,
        )
        cls._contract(
            cls.partner_b,
            "cesa",
            "2025-01-01",
            activity_id=cls.activity_b.id,
            fixed_monthly_amount=900.0,
        )
        cls.misc_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "general")], limit=1
        )
        cls.product_expense = cls.env["product.product"].create(
            {
                "name": "Frais divers",
                "can_be_expensed": True,
                "standard_price": 0.0,
                "property_account_expense_id": cls.account_expense.id,
                "supplier_taxes_id": [Command.clear()],
            }
        )

    @classmethod
    def _account(cls, code, account_type):
        account = cls.env["account.account"].search(
            [("company_ids", "in", cls.company.ids), ("code", "=", code)], limit=1
        )
        return account or cls.env["account.account"].create(
            {
                "code": code,
                "name": code,
                "account_type": account_type,
                "company_ids": [Command.set(cls.company.ids)],
            }
        )

    @classmethod
    def _entry(cls, activity, date, lines):
        """A posted entry of ``activity``: lines (code, type, debit, credit)."""
        move = cls.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": cls.misc_journal.id,
                "date": date,
                "cae_activity_id": activity.id,
                "line_ids": [
                    Command.create(
                        {
                            "account_id": cls._account(code, kind).id,
                            "name": code,
                            "debit": debit,
                            "credit": credit,
                        }
                    )
                    for code, kind, debit, credit in lines
                ],
            }
        )
        move.action_post()
        return move

    @classmethod
    def _cash(cls, activity, amount, date="2025-01-15"):
        """``amount`` of revenue cashed on ``activity``."""
        return cls._entry(
            activity,
            date,
            [
                ("512100", "asset_cash", amount, 0.0),
                ("706100", "income", 0.0, amount),
            ],
        )

    def _export(self, month, **vals):
        wizard = (
            self.env["cae.payroll.export.wizard"]
            .with_user(self.user_admin)
            .create({"month": month, **vals})
        )
        action = wizard.action_export()
        return self.env["cae.payroll.export"].browse(action["res_id"])

    def _expense(self, amount, date, employee=None, activity=None):
        return self.env["hr.expense"].create(
            {
                "name": "Train Tours-Paris",
                "employee_id": (employee or self.employee_a).id,
                "product_id": self.product_expense.id,
                "total_amount_currency": amount,
                "date": date,
                "cae_activity_id": (activity or self.activity_a).id,
            }
        )

    def _approve(self, expenses, day):
        """Report, submit and approve ``expenses`` on ``day``."""
        with freeze_time(day):
            sheet = self.env["hr.expense.sheet"].create(
                {
                    "name": "Frais",
                    "employee_id": expenses.employee_id.id,
                    "expense_line_ids": [Command.set(expenses.ids)],
                }
            )
            sheet.action_submit_sheet()
            sheet.with_user(self.user_admin).action_approve_expense_sheets()
        return sheet


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

    def _payroll_file(self, lines, encoding="utf-8"):
        text = "reference;account;label;debit;credit;activity\r\n" + "\r\n".join(
            ";".join(line) for line in lines
        )
        return base64.b64encode(text.encode(encoding))

    def _import(self, data):
        wizard = (
            self.env["cae.payroll.import"]
            .with_user(self.user_admin)
            .create({"file": data, "date": "2025-03-31"})
        )
        return wizard.action_import()

    def test_payroll_import_refuses_bad_files(self):
        """Issue 14: both debit and credit, all zero, non-finite or absurd
        amounts, binary or undecodable files: a message naming the line,
        nothing written."""
        good = [
            ("PAY-A", "641100", "Salaire Anne", "1000,00", "", ""),
            ("PAY-A", "421000", "Net Anne", "", "1000,00", ""),
        ]
        moves = self.env["account.move"].search_count([])
        cases = [
            (
                [
                    ("PAY-A", "641100", "Salaire Anne", "1000,00", "1000,00", ""),
                    good[1],
                    ("PAY-A", "641100", "Salaire Anne", "1000,00", "", ""),
                ],
                r"line 2: the line has both a debit and a credit",
            ),
            (
                [
                    ("PAY-A", "641100", "Salaire Anne", "0,00", "", ""),
                    ("PAY-A", "421000", "Net Anne", "", "0", ""),
                ],
                "the file has no amount",
            ),
        ]
        for bad in ("nan", "inf", "-inf", "Infinity", "1e300", "-100,00", "12abc"):
            cases.append(
                (
                    [good[0], ("PAY-A", "421000", "Net Anne", "", bad, "")],
                    r"line 3: the amounts must be positive numbers",
                )
            )
        cases.append(
            (
                [good[0], ("PAY-A", "421000", "Net Anne", "", "1" + "0" * 300, "")],
                r"line 3: the amount is out of range",
            )
        )
        for lines, message in cases:
            with (
                self.subTest(message=message, lines=lines),
                self.assertRaisesRegex(UserError, message),
            ):
                self._import(self._payroll_file(lines))
        png = base64.b64encode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
        with self.assertRaisesRegex(UserError, "binary data"):
            self._import(png)
        with self.assertRaisesRegex(UserError, "neither UTF-8 nor Windows-1252"):
            self._import(base64.b64encode(b"reference;account\r\n\x81\x8d\x8f;\x90"))
        with self.assertRaisesRegex(UserError, "header line"):
            self._import(base64.b64encode("Ça n'est pas un journal".encode("cp1252")))
        self.assertEqual(self.env["account.move"].search_count([]), moves)
        # a Windows-1252 file with accents is read
        accents = [
            ("PAY-A", "641100", "Salaire Hélène", "1 000,00", "", ""),
            ("PAY-A", "421000", "Net à payer", "", "1000.00", ""),
            ("PAY-A", "431000", "Ligne à zéro", "0,00", "", ""),
        ]
        move = self.env["account.move"].browse(
            self._import(self._payroll_file(accents, "cp1252"))["res_id"]
        )
        self.assertEqual(len(move.line_ids), 2, "the zero line books nothing")
        self.assertIn("Salaire Hélène", move.line_ids.mapped("name"))

    def test_payslip_zip_not_a_zip(self):
        attachment = self.env["ir.attachment"].create(
            {"name": "lot.zip", "datas": base64.b64encode(b"PK\x03\x04 broken")}
        )
        wizard = (
            self.env["cae.payslip.import"]
            .with_user(self.user_admin)
            .create({"attachment_ids": [Command.set(attachment.ids)]})
        )
        with self.assertRaisesRegex(UserError, "lot.zip is not a zip archive"):
            wizard.action_distribute()
        self.assertFalse(self.env["cae.payslip"].search([]))

    def test_export_text_stays_text(self):
        """Issue 14: a name beginning with = is text in the CSV and the
        XLSX; amounts stay numbers."""
        self.partner_a.name = '=HYPERLINK("http://x","y")'
        self.employee_a.cae_payroll_ref = "+33"
        self.activity_a.code = "@ACT"
        self.env["cae.salary.request"].create(
            {
                "partner_id": self.partner_a.id,
                "activity_id": self.activity_a.id,
                "month": "2025-03-01",
                "requested_variable": -250.0,
            }
        )
        export = self._export("2025-03-01")
        rows = list(
            csv.reader(
                io.StringIO(base64.b64decode(export.csv_file).decode("utf-8-sig")),
                delimiter=";",
            )
        )
        row = next(r for r in rows if r[1].startswith("'="))
        self.assertEqual(row[:3], ["'+33", '\'=HYPERLINK("http://x","y")', "'@ACT"])
        self.assertEqual(row[4:6], ["1200,00", "-250,00"], "numbers stay numbers")
        content, _kind = self.env["ir.actions.report"]._render(
            "cae_payroll.cae_payroll_export_xlsx", export.ids
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        cells = {cell.value: cell for r in sheet.iter_rows(min_row=2) for cell in r[:3]}
        cell = cells['=HYPERLINK("http://x","y")']
        self.assertEqual(cell.data_type, "s")
        self.assertEqual(cells["+33"].data_type, "s")
        amounts = [c.value for r in sheet.iter_rows(min_row=2) for c in r[4:6]]
        self.assertIn(-250.0, amounts)
        self.assertIn(1200.0, amounts)
