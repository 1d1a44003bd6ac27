import base64
import csv
import io
import zipfile

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon


@tagged("post_install", "-at_install")
class TestPayroll(CaeTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee_a = cls._employee(cls.user_a, "PAY-A")
        cls.employee_b = cls._employee(cls.user_b, "PAY-B")
        cls.user_c = cls.env["res.users"].create(
            {
                "name": "Chloé Césure",
                "login": "ent_c",
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
            }
        )
        cls.partner_c = cls.user_c.partner_id
        cls.partner_c.is_cae_member = True
        cls.employee_c = cls.env["hr.employee"].create(
            {
                "name": "Chloé Césure",
                "work_contact_id": cls.partner_c.id,
                "cae_payroll_ref": "PAY-C",
                "company_id": cls.company.id,
            }
        )
        # A: CESA on her activity, and she also works for a shared activity
        cls.shared = cls.env["cae.activity"].create(
            {
                "name": "Studio partagé",
                "code": "SHARED",
                "member_ids": [Command.set((cls.partner_a | cls.partner_b).ids)],
            }
        )
        cls._contract(
            cls.partner_a,
            "cesa",
            "2025-01-01",
            activity_id=cls.activity_a.id,
            fixed_monthly_amount=1200.0,
            monthly_hours=151.67,
        )
        # B: CESA ended before the month; C: CAPE only
        cls._contract(
            cls.partner_b,
            "cesa",
            "2024-01-01",
            "2025-02-28",
            activity_id=cls.activity_b.id,
            fixed_monthly_amount=900.0,
        )
        cls._contract(cls.partner_c, "cape", "2025-01-01", "2025-12-31")
        cls.env["cae.salary.request"].create(
            [
                {
                    "partner_id": cls.partner_a.id,
                    "activity_id": cls.activity_a.id,
                    "month": "2025-03-10",
                    "requested_variable": 300.0,
                    "leave_days": 2,
                },
                {
                    "partner_id": cls.partner_a.id,
                    "activity_id": cls.shared.id,
                    "month": "2025-03-01",
                    "requested_variable": 150.0,
                    "hours": 20,
                },
            ]
        )

    def _export(self, month="2025-03-15", **vals):
        wizard = (
            self.env["cae.payroll.export.wizard"]
            .with_user(self.user_admin)
            .create({"month": month, **vals})
        )
        action = wizard.action_export()
        return self.env["cae.payroll.export"].browse(action["res_id"])

    def test_export_lines(self):
        """Acceptance 3: one line per person and activity under a running CESA."""
        export = self._export()
        self.assertEqual(len(export.line_ids), 2)
        self.assertEqual(set(export.line_ids.mapped("payroll_ref")), {"PAY-A"})
        main = export.line_ids.filtered(lambda l: l.activity_code == "ACTA")
        shared = export.line_ids.filtered(lambda l: l.activity_code == "SHARED")
        self.assertEqual(main.fixed_part, 1200.0)
        self.assertEqual(main.requested_variable, 300.0)
        self.assertEqual(main.hours, 151.67)
        # the leave typed on the salary request, unless cae_leave takes the
        # column from the approved leave requests (none here: 0; its own
        # tests check the approved days)
        typed = "cae_leave_days" not in self.env["cae.salary.request"]._fields
        self.assertEqual(main.leave_days, 2 if typed else 0)
        self.assertEqual(main.contract_type, "CESA")
        self.assertEqual(shared.fixed_part, 0.0)
        self.assertEqual(shared.requested_variable, 150.0)
        self.assertEqual(shared.hours, 20)
        # B (CESA ended in February) and C (CAPE) are not paid in March
        self.assertNotIn(self.partner_b, export.line_ids.partner_id)
        self.assertNotIn(self.partner_c, export.line_ids.partner_id)
        february = self._export("2025-02-01")
        self.assertIn("PAY-B", february.line_ids.mapped("payroll_ref"))

    def test_csv_keeps_accents(self):
        self.partner_a.name = "Anne Écrivaine-Désirée"
        export = self._export()
        raw = base64.b64decode(export.csv_file)
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(len(rows), 3)
        self.assertIn("Anne Écrivaine-Désirée", [row[1] for row in rows[1:]])
        self.assertEqual(export.csv_filename, "variables_paie_2025_03.csv")

    def test_xlsx(self):
        export = self._export()
        content, report_type = self.env["ir.actions.report"]._render(
            "cae_payroll.cae_payroll_export_xlsx", export.ids
        )
        self.assertEqual(report_type, "xlsx")
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            strings = archive.read("xl/sharedStrings.xml").decode()
        self.assertIn("PAY-A", strings)
        self.assertIn("SHARED", strings)

    def test_export_again_warns(self):
        first = self._export()
        with self.assertRaisesRegex(UserError, "already exported"):
            self._export()
        second = self._export(confirm_again=True)
        self.assertNotEqual(first, second)
        with self.assertRaises(UserError):
            first.unlink()

    def test_export_access(self):
        for user in (self.user_a, self.user_support):
            with self.assertRaises(AccessError):
                self.env["cae.payroll.export.wizard"].with_user(user).create({})
            with self.assertRaises(AccessError):
                self.env["cae.payroll.export"].with_user(user).search([])

    def _payroll_file(self, rows):
        text = "reference;account;label;debit;credit;activity\r\n" + "\r\n".join(
            ";".join(row) for row in rows
        )
        return base64.b64encode(text.encode("utf-8"))

    def test_payroll_import(self):
        """Acceptance 4: unknown reference refuses the file; a good one posts."""
        good = [
            ("PAY-A", "641100", "Salaire Anne", "1000,00", "", ""),
            ("PAY-A", "645100", "Charges Anne", "400,00", "", "ACTA"),
            ("PAY-A", "421000", "Net à payer Anne", "", "780,00", ""),
            ("PAY-A", "431000", "URSSAF Anne", "", "620,00", ""),
            ("PAY-B", "641100", "Salaire Bruno", "500,00", "", "ACTB"),
            ("PAY-B", "421000", "Net Bruno", "", "500,00", "ACTB"),
        ]
        bad = [*good, ("PAY-X", "641100", "Inconnu", "10,00", "", "")]
        moves_before = self.env["account.move"].search_count([])
        wizard = (
            self.env["cae.payroll.import"]
            .with_user(self.user_admin)
            .create({"file": self._payroll_file(bad), "date": "2025-03-31"})
        )
        with self.assertRaisesRegex(
            UserError, r"line 8: unknown payroll reference PAY-X"
        ):
            wizard.action_import()
        unbalanced = [
            *good[:-1],
            ("PAY-B", "421000", "Net Bruno", "", "400,00", "ACTB"),
        ]
        wizard.file = self._payroll_file(unbalanced)
        with self.assertRaisesRegex(UserError, "not balanced"):
            wizard.action_import()
        self.assertEqual(self.env["account.move"].search_count([]), moves_before)

        wizard.file = self._payroll_file(good)
        action = wizard.action_import()
        move = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id.code, "SAL")
        lines_a = move.line_ids.filtered(lambda l: l.partner_id == self.partner_a)
        self.assertEqual(lines_a.cae_activity_id, self.activity_a)
        self.assertEqual(
            move.line_ids.filtered(
                lambda l: l.partner_id == self.partner_b
            ).cae_activity_id,
            self.activity_b,
        )
        statement = self.env["cae.account.statement"].create(
            {
                "activity_id": self.activity_a.id,
                "period": "month",
                "date": "2025-03-31",
            }
        )
        self.assertAlmostEqual(statement.salaries, 1400.0)
        self.assertAlmostEqual(statement.salaries_to_pay, 780.0)
        self.assertAlmostEqual(statement.taxes_due, 620.0)
        statement_b = self.env["cae.account.statement"].create(
            {
                "activity_id": self.activity_b.id,
                "period": "month",
                "date": "2025-03-31",
            }
        )
        self.assertAlmostEqual(statement_b.salaries, 500.0)

    def test_payslips(self):
        """Acceptance 5: each sees only their own; the unknown file is reported."""

        def attachment(name):
            return self.env["ir.attachment"].create(
                {
                    "name": name,
                    "datas": base64.b64encode(b"%PDF-1.4 " + name.encode()),
                }
            )

        files = attachment("PAY-A_2025_03.pdf") | attachment(
            "PAY-B_2025_03_bulletin.pdf"
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("PAY-Z_2025_03.pdf", b"%PDF-1.4 unknown")
        files |= self.env["ir.attachment"].create(
            {
                "name": "lot.zip",
                "datas": base64.b64encode(buffer.getvalue()),
            }
        )
        wizard = (
            self.env["cae.payslip.import"]
            .with_user(self.user_admin)
            .create({"attachment_ids": [Command.set(files.ids)]})
        )
        wizard.action_distribute()
        self.assertIn("2 payslip(s) distributed", wizard.result)
        self.assertIn(
            "PAY-Z_2025_03.pdf: unknown payroll reference PAY-Z", wizard.result
        )
        payslips = self.env["cae.payslip"].search([])
        self.assertEqual(len(payslips), 2)
        mine_a = self.env["cae.payslip"].with_user(self.user_a).search([])
        self.assertEqual(mine_a.partner_id, self.partner_a)
        self.assertEqual(base64.b64decode(mine_a.pdf), b"%PDF-1.4 PAY-A_2025_03.pdf")
        mine_b = self.env["cae.payslip"].with_user(self.user_b).search([])
        self.assertEqual(mine_b.partner_id, self.partner_b)
        with self.assertRaises(AccessError):
            mine_a.with_user(self.user_b).read(["pdf"])
        self.assertIn(self.partner_a, mine_a.message_ids.partner_ids)
        with self.assertRaises(AccessError):
            self.env["cae.payslip"].with_user(self.user_support).search([])

    def test_salary_request_state_and_month(self):
        """A request reads as its month and a state: requested until the
        export sends it, then sent (issue 18)."""
        request = self.env["cae.salary.request"].search(
            [("activity_id", "=", self.activity_a.id), ("month", "=", "2025-03-01")]
        )
        self.assertEqual(request.state, "requested")
        self.assertEqual(request.with_context(lang="en_US").month_label, "March 2025")
        self.assertIn("March 2025", request.with_context(lang="en_US").display_name)
        self.assertIn(self.partner_a.name, request.display_name)
        self._export()
        self.assertEqual(request.state, "sent")
        self.assertEqual(
            self.env["cae.salary.request"].search_count(
                [("id", "=", request.id), ("state", "=", "sent")]
            ),
            1,
        )

    def test_salary_request_check(self):
        self.company.cae_employer_cost_rate = 1.5
        request = (
            self.env["cae.salary.request"]
            .with_user(self.user_a)
            .create(
                {
                    "activity_id": self.activity_a.id,
                    "month": "2025-04-01",
                    "requested_variable": 100.0,
                }
            )
        )
        self.assertEqual(request.partner_id, self.partner_a)
        self.assertEqual(request.fixed_part, 1200.0)
        self.assertAlmostEqual(request.employer_cost, 1950.0)
        self.assertTrue(request.exceeds_treasury)
        with self.assertRaises(AccessError):
            request.with_user(self.user_b).read(["requested_variable"])


@tagged("post_install", "-at_install")
class TestExpenses(CaeTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee_a = cls.env["hr.employee"].create(
            {
                "name": "Anne Artisan",
                "user_id": cls.user_a.id,
                "work_contact_id": cls.partner_a.id,
                "company_id": cls.company.id,
            }
        )
        cls.km = cls.env["product.product"].create(
            {
                "name": "Indemnités kilométriques",
                "can_be_expensed": True,
                "standard_price": 1.0,
                "property_account_expense_id": cls.account_expense.id,
                "supplier_taxes_id": [Command.clear()],
            }
        )
        cls.company.cae_mileage_product_id = cls.km
        cls.env["cae.mileage.rate"].create(
            [
                {"year": 2024, "rate": 0.603},
                {"year": 2025, "rate": 0.636},
            ]
        )

    def _expense(self, activity, date, quantity=10.0):
        return self.env["hr.expense"].create(
            {
                "name": "Déplacement",
                "employee_id": self.employee_a.id,
                "product_id": self.km.id,
                "quantity": quantity,
                "date": date,
                "cae_activity_id": activity.id,
            }
        )

    def test_mileage_rate_of_the_year(self):
        expense = self._expense(self.activity_a, "2025-03-03", quantity=100)
        self.assertAlmostEqual(expense.total_amount_currency, 63.6)
        self.assertAlmostEqual(expense.total_amount, 63.6)
        older = self._expense(self.activity_a, "2024-11-03", quantity=100)
        self.assertAlmostEqual(older.total_amount_currency, 60.3)

    def test_sheet_per_activity_and_month(self):
        e1 = self._expense(self.activity_a, "2025-03-03")
        e2 = self._expense(self.activity_b, "2025-03-05")
        e3 = self._expense(self.activity_a, "2025-04-05")
        with (
            self.assertRaisesRegex(ValidationError, "one activity only"),
            self.cr.savepoint(),
        ):
            self.env["hr.expense.sheet"].create(
                {
                    "name": "Mars",
                    "employee_id": self.employee_a.id,
                    "expense_line_ids": [Command.set((e1 | e2).ids)],
                }
            )
        with (
            self.assertRaisesRegex(ValidationError, "one month only"),
            self.cr.savepoint(),
        ):
            self.env["hr.expense.sheet"].create(
                {
                    "name": "Mars-avril",
                    "employee_id": self.employee_a.id,
                    "expense_line_ids": [Command.set((e1 | e3).ids)],
                }
            )
        sheet = self.env["hr.expense.sheet"].create(
            {
                "name": "Mars",
                "employee_id": self.employee_a.id,
                "expense_line_ids": [Command.set(e1.ids)],
            }
        )
        self.assertEqual(sheet.cae_activity_id, self.activity_a)
        self.assertEqual(
            e1.analytic_distribution, {str(self.activity_a.analytic_account_id.id): 100}
        )
        with freeze_time("2025-04-10"):
            sheet.action_submit_sheet()
            sheet.action_approve_expense_sheets()
            sheet.action_sheet_move_post()
        move = sheet.account_move_ids
        self.assertEqual(move.cae_activity_id, self.activity_a)
        self.assertEqual(
            set(move.line_ids.mapped("cae_activity_id")), {self.activity_a}
        )

    def test_closing_deadline(self):
        expense = self._expense(self.activity_a, "2025-01-20")
        sheet = self.env["hr.expense.sheet"].create(
            {
                "name": "Janvier",
                "employee_id": self.employee_a.id,
                "expense_line_ids": [Command.set(expense.ids)],
            }
        )
        # quarterly closing, by the 15th of the following month: 15 April
        self.assertEqual(
            str(self.company._cae_expense_deadline(expense.date)), "2025-04-15"
        )
        with (
            freeze_time("2025-04-16"),
            self.assertRaisesRegex(UserError, "period is closed"),
        ):
            sheet.action_submit_sheet()
        with freeze_time("2025-04-15"):
            sheet.action_submit_sheet()
        self.assertEqual(sheet.state, "submit")

    def test_closing_deadline_is_for_activities_only(self):
        """The structure's own staff (expenses without activity) submit past
        expenses as in standard Odoo (issue 17)."""
        staff = self.env["hr.employee"].create(
            {"name": "Comptable de la CAE", "company_id": self.company.id}
        )
        expense = self.env["hr.expense"].create(
            {
                "name": "Train pour l'AG",
                "employee_id": staff.id,
                "product_id": self.km.id,
                "quantity": 10.0,
                "date": "2025-01-20",
            }
        )
        sheet = self.env["hr.expense.sheet"].create(
            {
                "name": "Janvier",
                "employee_id": staff.id,
                "expense_line_ids": [Command.set(expense.ids)],
            }
        )
        with freeze_time("2025-06-30"):
            sheet.action_submit_sheet()
        self.assertEqual(sheet.state, "submit")
