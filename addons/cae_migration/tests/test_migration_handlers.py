import base64
import io
from datetime import date
from unittest.mock import patch

from odoo.tests import TransactionCase, tagged

from odoo.addons.base_import.models.base_import import Import
from odoo.addons.cae_member.tests.common import CaeTestCommon
from odoo.addons.cae_migration.wizards.migration_parser import (
    parse_amount,
    parse_date,
)

from .test_migration import OPENING

PARTNERS = "ref;name;activity_codes;kind\nP-1;Client importé;ACTA;customer\n"


@tagged("post_install", "-at_install")
class TestMigrationParsing(TransactionCase):
    def test_dates(self):
        self.assertEqual(parse_date("2025-05-20"), date(2025, 5, 20))
        self.assertEqual(parse_date("20/05/2025"), date(2025, 5, 20))
        self.assertEqual(parse_date("1/5/2025"), date(2025, 5, 1))
        self.assertEqual(parse_date("20/05/25"), date(2025, 5, 20))
        self.assertEqual(parse_date("20/05/99"), date(1999, 5, 20))
        self.assertEqual(parse_date("2025-05-20 10:30:00"), date(2025, 5, 20))
        self.assertIsNone(parse_date("  "))
        for text in (
            "20/13/2025",
            "31/02/2025",
            "2025-05-20x",
            "mai 2025",
            "2025/05/20",
        ):
            with self.assertRaises(ValueError, msg=text):
                parse_date(text)

    def test_amounts(self):
        for text, amount in (
            ("1234,56", 1234.56),
            ("1 234,56", 1234.56),
            ("1\u202f234,56", 1234.56),
            ("1.234,56", 1234.56),
            ("1234.56", 1234.56),
            ("-12,5", -12.5),
            ("", 0.0),
        ):
            self.assertAlmostEqual(parse_amount(text), amount, msg=text)
        for text in ("nan", "inf", "1e300", "12,3,4", "12 €", "--1"):
            with self.assertRaises(ValueError, msg=text):
                parse_amount(text)


@tagged("post_install", "-at_install")
class TestMigrationHandlers(CaeTestCommon):
    """Each kind of file names its bad lines, by number, in French."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.user_admin.lang = "fr_FR"

    def _report(self, **files):
        vals = {"company_id": self.company.id, "opening_date": OPENING}
        for kind, data in files.items():
            if isinstance(data, str):
                data = data.encode()
            vals[f"{kind}_file"] = base64.b64encode(data)
            vals[f"{kind}_filename"] = f"{kind}.csv"
        wizard = (
            self.env["cae.migration.import"]
            .with_user(self.user_admin)
            .with_context(lang="fr_FR")
            .create(vals)
        )
        wizard.action_dry_run()
        self.assertNotEqual(wizard.state, "done")
        return wizard

    def test_activities(self):
        wizard = self._report(
            activities="ref;code;name;type;date_start\n"
            "A-1;NEW1;Un;standard;2025-02-30\n"
            "A-2;NEW2;Deux;jardinage;\n"
        )
        self.assertIn(
            "ligne 2 : date_start : 2025-02-30 n'est pas une date", wizard.report
        )
        self.assertIn("ligne 3 : type d'activité inconnu jardinage", wizard.report)
        self.assertEqual(wizard.error_count, 2, wizard.report)

    def test_members(self):
        wizard = self._report(
            members="ref;name;activity_codes;associate_date\n"
            "M-1;Une;ACTA;31/04/2025\n"
            "M-2;Deux;ACTA;01/04/2025\n"
        )
        self.assertIn(
            "ligne 2 : associate_date : 31/04/2025 n'est pas une date", wizard.report
        )
        self.assertEqual(wizard.error_count, 1, wizard.report)

    def test_contracts(self):
        wizard = self._report(
            members="ref;name;activity_codes\nM-1;Une;ACTA\n",
            contracts="ref;member_ref;type;date_start\n"
            "C-1;M-1;cape;le 3 mars\n"
            "C-2;M-1;cdi;2025-03-01\n"
            "C-3;M-1;cape;\n",
        )
        report = wizard.report
        self.assertIn("ligne 2 : date_start : le 3 mars n'est pas une date", report)
        self.assertIn("ligne 3 :", report)
        self.assertIn("cdi", report)
        self.assertIn("ligne 4 : date_start", report)
        self.assertEqual(wizard.error_count, 3, report)

    def test_partners(self):
        wizard = self._report(partners=PARTNERS + "P-2;Autre;ACTA;ami\n")
        self.assertIn("ligne 3 :", wizard.report)
        self.assertIn("ami", wizard.report)
        self.assertEqual(wizard.error_count, 1, wizard.report)

    def test_balances(self):
        wizard = self._report(
            balances="ref;activity_code;cash;customers\n"
            "B-1;ACTA;12,3,4;0\n"
            "B-2;ACTB;100;1e5\n"
            "B-3;ACTB;1 000,00;\n"
        )
        report = wizard.report
        self.assertIn("ligne 2 : cash : 12,3,4 n'est pas un montant", report)
        self.assertIn("ligne 3 : customers : 1e5 n'est pas un montant", report)
        self.assertEqual(wizard.error_count, 2, report)

    def test_documents(self):
        wizard = self._report(
            partners=PARTNERS,
            documents="ref;kind;activity_code;partner_ref;date;unit_price\n"
            "F-1;invoice;ACTA;P-1;32/01/2025;10\n"
            "F-2;invoice;ACTA;P-1;2025-01-15;dix euros\n",
        )
        report = wizard.report
        self.assertIn("ligne 2 : date : 32/01/2025 n'est pas une date", report)
        self.assertIn("ligne 3 : ligne 3 : unit_price : dix euros n'est pas", report)
        self.assertEqual(wizard.error_count, 2, report)

    def test_xlsx_read_by_base_import(self):
        """Numbers, dates and amounts typed in a workbook, read through
        base_import's reader."""
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["ref", "name", "activity_codes", "associate_date"])
        sheet.append([1001, "Membre tableur", "ACTA", date(2025, 4, 1)])
        sheet.append([])
        sheet.append([1002.0, "Membre daté", "ACTB", "31/02/2025"])
        buffer = io.BytesIO()
        book.save(buffer)
        read_file = Import._read_file
        calls = []

        def spy(importer, options):
            calls.append(importer.file_name)
            return read_file(importer, options)

        with patch.object(Import, "_read_file", spy):
            wizard = self._report(members=buffer.getvalue())
        self.assertEqual(calls, ["members.csv.xlsx"])
        # the empty row is dropped, as base_import does: the next line is 3
        self.assertIn(
            "ligne 3 : associate_date : 31/02/2025 n'est pas une date", wizard.report
        )
        self.assertEqual(wizard.error_count, 1, wizard.report)

        book = openpyxl.Workbook()
        book.active.append(["ref", "name", "activity_codes", "associate_date"])
        book.active.append([1001, "Membre tableur", "ACTA", date(2025, 4, 1)])
        buffer = io.BytesIO()
        book.save(buffer)
        wizard = (
            self.env["cae.migration.import"]
            .with_user(self.user_admin)
            .create(
                {
                    "company_id": self.company.id,
                    "opening_date": OPENING,
                    "members_file": base64.b64encode(buffer.getvalue()),
                    "members_filename": "membres.xlsx",
                }
            )
        )
        wizard.action_import()
        self.assertEqual(wizard.state, "done", wizard.report)
        member = self.env["cae.migration.import"]._cae_handlers()["members"]
        partner = self.env.ref(f"__cae_migration__.{member.kind}_1001")
        self.assertEqual(partner.name, "Membre tableur")
        self.assertEqual(partner.cae_associate_date, date(2025, 4, 1))

    def test_broken_xlsx(self):
        wizard = self._report(activities=b"PK\x03\x04 not a workbook")
        self.assertIn("ne peut pas être lu", wizard.report)
        self.assertEqual(wizard.error_count, 1, wizard.report)

    def test_handlers_in_order(self):
        kinds = self.env["cae.migration.import"]._cae_file_kinds()
        self.assertEqual(kinds[:4], ["activities", "members", "contracts", "partners"])
        self.assertLess(kinds.index("balances"), kinds.index("documents"))

    def test_opening_date_is_the_fiscal_year_start(self):
        self.company.write({"fiscalyear_last_day": 31, "fiscalyear_last_month": "3"})
        wizard = (
            self.env["cae.migration.import"]
            .with_company(self.company)
            .with_context(tz="Europe/Paris")
            .new({})
        )
        with patch("odoo.fields.Date.context_today", return_value=date(2025, 6, 15)):
            self.assertEqual(wizard._default_opening_date(), date(2025, 4, 1))
