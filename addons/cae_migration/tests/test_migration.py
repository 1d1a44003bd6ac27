import base64
import io
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon

ACTIVITIES = """ref;code;name;trade_name;type;date_start
A-1;MIG1;Création web;Studio Pixel;standard;2024-03-01
A-2;MIG2;Photographie;;standard;2024-09-01
A-3;MIG3;Formation tableur;;training;2025-01-06
A-4;MIG4;Céramique;Terre et Feu;standard;2025-02-01
"""
MEMBERS = """ref;name;email;phone;activity_codes;associate_date;exit_date;payroll_ref
M-1;Claire Migrée;claire@example.fr;;MIG1;2025-01-01;;PAIE-M1
M-2;Julien Migré;julien@example.fr;;MIG2,MIG3;;;
M-3;Sophie Migrée;;;MIG4;;;
"""
CONTRACTS = """ref;member_ref;type;activity_code;date_start;date_end;signature_date
C-1;M-1;cape;MIG1;2024-03-01;2025-02-28;2024-02-20
C-2;M-1;cesa;MIG1;2025-03-01;;
C-3;M-2;cape;MIG2;2025-03-01;2026-02-28;
C-4;M-3;cape;MIG4;2025-02-01;2026-01-31;
"""
PARTNERS = """ref;name;activity_codes;kind;is_company;vat;siret;email;phone;street;zip;city;country
P-1;Boulangerie du Marché;MIG1;customer;1;;41234567800012;;;3 place du Marché;37000;Tours;FR
P-2;Hébergeur Loire;MIG1 MIG2;supplier;1;;;;;;45000;Orléans;FR
"""  # noqa: E501
BALANCES = """ref;activity_code;cash;customers;suppliers;taxes_due;revenue_ytd;charges_ytd
B-1;MIG1;8450,00;1200,00;300,00;640,00;;
B-2;MIG2;2100,50;;;;;
B-3;MIG3;500;;;;;
B-4;MIG4;-150,00;400;;;;
"""  # noqa: E501
DOCUMENTS = """ref;kind;number;activity_code;partner_ref;date;due_date;label;quantity;unit_price;tax_rate
D-1;quote;DEV-031;MIG1;P-1;2025-05-10;;Refonte du site;1;2400,00;20
F-1;invoice;FAC-118;MIG1;P-1;2025-05-18;2025-06-17;Maintenance;1;600,00;20
F-1;invoice;FAC-118;MIG1;P-1;2025-05-18;2025-06-17;Nom de domaine;2;15,00;20
H-1;bill;H-9921;MIG1;P-2;2025-05-20;2025-06-20;Hébergement;1;250,00;20
"""  # noqa: E501
OPENING = date(2025, 6, 1)


def b64(text):
    return base64.b64encode(text.encode())


@tagged("post_install", "-at_install")
class TestMigrationImport(CaeTestCommon):
    """Moving in from enDI or Louty: dry run, all or nothing, idempotent."""

    def _wizard(self, user=None, **files):
        vals = {"company_id": self.company.id, "opening_date": OPENING}
        for kind, text in files.items():
            vals[f"{kind}_file"] = b64(text)
            vals[f"{kind}_filename"] = f"{kind}.csv"
        return (
            self.env["cae.migration.import"]
            .with_user(user or self.user_admin)
            .create(vals)
        )

    def _counts(self):
        return {
            model: self.env[model].with_context(active_test=False).search_count([])
            for model in (
                "cae.activity",
                "res.partner",
                "cae.contract",
                "hr.employee",
                "account.move",
                "sale.order",
                "ir.model.data",
            )
        }

    def _full_set(self):
        return {
            "activities": ACTIVITIES,
            "members": MEMBERS,
            "contracts": CONTRACTS,
            "partners": PARTNERS,
            "balances": BALANCES,
            "documents": DOCUMENTS,
        }

    def test_dry_run_writes_nothing_then_import_then_again(self):
        before = self._counts()
        wizard = self._wizard(**self._full_set())
        wizard.action_dry_run()
        self.assertEqual(wizard.error_count, 0, wizard.report)
        self.assertEqual(wizard.state, "checked")
        self.assertIn("0 errors", wizard.report)
        self.assertIn("Activities: 4 to create", wizard.report)
        self.assertEqual(self._counts(), before)

        wizard.action_import()
        self.assertEqual(wizard.state, "done", wizard.report)
        activities = self.env["cae.activity"].search(
            [("code", "in", ("MIG1", "MIG2", "MIG3", "MIG4"))]
        )
        self.assertEqual(len(activities), 4)
        by_code = {a.code: a for a in activities}
        self.assertEqual(by_code["MIG3"].activity_type, "training")
        self.assertEqual(by_code["MIG4"].trade_name, "Terre et Feu")
        members = self.env["res.partner"].search(
            [("name", "in", ("Claire Migrée", "Julien Migré", "Sophie Migrée"))]
        )
        self.assertEqual(len(members), 3)
        self.assertTrue(all(members.mapped("is_cae_member")))
        claire = members.filtered(lambda p: p.name == "Claire Migrée")
        julien = members.filtered(lambda p: p.name == "Julien Migré")
        self.assertEqual(julien.cae_activity_ids, by_code["MIG2"] | by_code["MIG3"])
        # the status history
        self.assertEqual(claire._cae_status_at(date(2024, 6, 1)), "cape")
        self.assertEqual(claire._cae_status_at(date(2024, 12, 1)), "cape")
        self.assertEqual(claire._cae_status_at(date(2025, 4, 1)), "associate")
        self.assertEqual(julien._cae_status_at(date(2025, 2, 1)), "candidate")
        self.assertEqual(julien._cae_status_at(date(2025, 4, 1)), "cape")
        # each has an employee record (expense sheets, pay variables): the
        # salaried entrepreneur as an employee with her payroll reference,
        # the CAPE holder as Odoo's non-salaried type
        employees = self.env["hr.employee"].search(
            [("work_contact_id", "in", members.ids)]
        )
        self.assertEqual(employees.work_contact_id, members)
        by_person = {e.work_contact_id: e for e in employees}
        self.assertEqual(by_person[claire].employee_type, "employee")
        self.assertEqual(by_person[claire].cae_payroll_ref, "PAIE-M1")
        self.assertEqual(by_person[julien].employee_type, "freelance")
        self.assertFalse(by_person[julien].cae_payroll_ref)
        cape = claire.cae_contract_ids.filtered(lambda c: c.contract_type == "cape")
        self.assertEqual(cape.state, "ended")
        self.assertEqual(cape.date_signature, date(2024, 2, 20))
        # customers and suppliers belong to their activities
        host = self.env["res.partner"].search([("name", "=", "Hébergeur Loire")])
        self.assertEqual(
            host.cae_customer_activity_ids, by_code["MIG1"] | by_code["MIG2"]
        )
        self.assertGreaterEqual(host.supplier_rank, 1)
        # one opening entry, balanced activity by activity
        opening = self.env["account.move"].search(
            [("company_id", "=", self.company.id), ("date", "=", OPENING)]
        )
        self.assertEqual(len(opening), 1)
        self.assertEqual(opening.state, "posted")
        for activity in activities:
            lines = opening.line_ids.filtered(
                lambda l, a=activity: l.cae_activity_id == a
            )
            self.assertTrue(lines)
            self.assertAlmostEqual(sum(lines.mapped("balance")), 0.0)
        # each état des comptes opens with the imported balances
        figures = self.env["cae.account.statement"]._cae_compute_statements(
            activities, OPENING, OPENING
        )
        mig1 = figures[by_code["MIG1"].id]
        # the unpaid invoice (720 € incl. VAT) and bill (300 €) come on top
        self.assertAlmostEqual(mig1["cash"], 8450.0)
        self.assertAlmostEqual(mig1["customers"], 1200.0 + 756.0)
        self.assertAlmostEqual(mig1["suppliers"], 300.0 + 300.0)
        self.assertAlmostEqual(mig1["taxes_due"], 640.0 + 126.0 - 50.0)
        self.assertAlmostEqual(figures[by_code["MIG2"].id]["cash"], 2100.5)
        self.assertAlmostEqual(figures[by_code["MIG3"].id]["cash"], 500.0)
        self.assertAlmostEqual(figures[by_code["MIG4"].id]["cash"], -150.0)
        self.assertAlmostEqual(figures[by_code["MIG4"].id]["customers"], 400.0)
        # open quote and unpaid invoice, with their former numbers
        quote = self.env["sale.order"].search([("client_order_ref", "=", "DEV-031")])
        self.assertEqual(quote.state, "draft")
        self.assertEqual(quote.cae_activity_id, by_code["MIG1"])
        self.assertAlmostEqual(quote.amount_untaxed, 2400.0)
        invoice = self.env["account.move"].search([("ref", "=", "FAC-118")])
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(len(invoice.invoice_line_ids), 2)
        self.assertAlmostEqual(invoice.amount_total, 756.0)
        self.assertEqual(invoice.cae_activity_id, by_code["MIG1"])
        bill = self.env["account.move"].search([("ref", "=", "H-9921")])
        self.assertEqual(bill.move_type, "in_invoice")

        # the same files again: nothing new
        after = self._counts()
        again = self._wizard(**self._full_set())
        again.action_import()
        self.assertEqual(again.error_count, 0, again.report)
        self.assertEqual(self._counts(), after)
        self.assertIn("Activities: 0 created, 4 already imported", again.report)

    def test_bad_line_refuses_the_whole_set(self):
        members = MEMBERS.replace(
            "M-3;Sophie Migrée;;;MIG4", "M-3;Sophie Migrée;;;NOPE"
        )
        before = self._counts()
        wizard = self._wizard(activities=ACTIVITIES, members=members)
        wizard.action_dry_run()
        self.assertEqual(wizard.error_count, 1, wizard.report)
        self.assertIn("line 4: unknown activity code NOPE", wizard.report)
        self.assertIn("Entrepreneurs", wizard.report)
        with self.assertRaisesRegex(UserError, r"line 4: unknown activity code NOPE"):
            wizard.action_import()
        self.assertEqual(self._counts(), before)
        self.assertFalse(self.env["cae.activity"].search([("code", "=", "MIG1")]))

    def test_line_errors_are_named(self):
        documents = DOCUMENTS.replace("2025-05-20;2025-06-20", "20/13/2025;")
        partners = PARTNERS + "P-1;Doublon;MIG1;customer;1;;;;;;;;FR\n"
        contracts = CONTRACTS.replace("C-4;M-3", "C-4;M-9")
        wizard = self._wizard(
            activities=ACTIVITIES,
            members=MEMBERS,
            contracts=contracts,
            partners=partners,
            documents=documents,
            balances="ref;cash\nB-1;10\n",
        )
        wizard.action_dry_run()
        report = wizard.report
        self.assertIn("line 5: unknown entrepreneur reference M-9", report)
        self.assertIn("line 4: reference P-1 appears twice", report)
        self.assertIn("line 5: date: 20/13/2025 is not a date", report)
        self.assertIn("line 1: missing columns activity_code", report)
        self.assertEqual(wizard.error_count, 4, report)

    def test_xlsx_file(self):
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        for line in ACTIVITIES.strip().splitlines():
            cells = line.split(";")
            if cells[-1][:1].isdigit():
                cells[-1] = date.fromisoformat(cells[-1])
            sheet.append(cells)
        buffer = io.BytesIO()
        book.save(buffer)
        wizard = self._wizard(members=MEMBERS)
        wizard.write(
            {
                "activities_file": base64.b64encode(buffer.getvalue()),
                "activities_filename": "activites.xlsx",
            }
        )
        wizard.action_import()
        activity = self.env["cae.activity"].search([("code", "=", "MIG4")])
        self.assertEqual(activity.date_start, date(2025, 2, 1))

    def test_only_the_admin_team_imports(self):
        for user in (self.user_a, self.user_support):
            with self.assertRaises(AccessError):
                self._wizard(user=user, activities=ACTIVITIES)
