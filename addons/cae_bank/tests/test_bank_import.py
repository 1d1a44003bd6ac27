import base64
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import file_open
from odoo.tools.safe_eval import safe_eval

from odoo.addons.cae_member.tests.common import CaeTestCommon

CSV_PATH = "cae_bank/tests/releve_cae.csv"


@tagged("post_install", "-at_install")
class TestBankImportWizard(CaeTestCommon):
    """The statement import of the CAE menu: the admin team chooses the bank
    journal, the shipped CSV mapping reads the documented layout."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bank_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1
        )
        cls.mapping = cls.env.ref("cae_bank.statement_import_sheet_mapping_fr")
        with file_open(CSV_PATH, "rb") as csv_file:
            cls.csv_data = csv_file.read()

    def _wizard_form(self, user):
        # opened from the CAE menu: no journal in the context
        action = self.env.ref("cae_bank.account_bank_statement_import_menu_cae").action
        context = safe_eval(action.context)
        self.assertNotIn("journal_id", context)
        return Form(
            self.env["account.statement.import"].with_user(user).with_context(**context)
        )

    def test_csv_import_from_the_menu(self):
        """The admin team imports the CSV of the documented layout into the
        journal chosen in the wizard: dated lines, signed amounts, the
        journal's currency, no activity yet."""
        self.bank_journal.default_sheet_mapping_id = self.mapping
        with self._wizard_form(self.user_admin) as form:
            form.journal_id = self.bank_journal
            # the journal's default mapping is proposed
            self.assertEqual(form.sheet_mapping_id, self.mapping)
            form.statement_file = base64.b64encode(self.csv_data)
        wizard = form.save()
        action = wizard.import_file_button()
        # the imported lines are shown next, on the admin team's list
        self.assertEqual(action["res_model"], "account.bank.statement.line")
        self.assertIn("search_default_cae_without_activity", action["context"])
        lines = self.env["account.bank.statement.line"].search(action["domain"])
        statement = lines.statement_id
        self.assertEqual(len(statement), 1)
        self.assertEqual(statement.line_ids, lines)
        self.assertEqual(statement.journal_id, self.bank_journal)
        lines = statement.line_ids.sorted("date")
        self.assertEqual(
            lines.mapped("date"),
            [date(2025, 11, day) for day in (3, 5, 12, 28)],
        )
        self.assertEqual(lines.mapped("amount"), [1234.56, -42.10, -18.90, -9.50])
        self.assertEqual(
            lines.mapped("payment_ref")[:2],
            [
                "VIR SEPA CLIENT MAIRIE DE TOURS FAC 2025-0042",
                "PRLV SEPA ASSURANCE; CONTRAT 778",
            ],
        )
        self.assertEqual(lines.currency_id, self.eur)
        self.assertEqual(lines.journal_id, self.bank_journal)
        self.assertEqual(set(lines.mapped("state")), {"posted"})
        self.assertAlmostEqual(statement.balance_end_real, 1164.06)
        # ready to be given their activity on the admin team's screen
        self.assertFalse(lines.cae_activity_id)
        self.assertFalse(any(lines.mapped("is_reconciled")))
        without_activity = self.env["account.bank.statement.line"].search(
            [("cae_activity_id", "=", False), ("statement_id", "=", statement.id)]
        )
        self.assertEqual(without_activity, lines)
        lines[3].with_user(self.user_admin).cae_activity_id = self.activity_a
        self.assertEqual(lines[3].move_id.cae_activity_id, self.activity_a)

    def test_csv_import_with_its_file_name(self):
        """Through RPC, with the file name: the journal is the company's only
        bank journal by default."""
        Import = self.env["account.statement.import"].with_user(self.user_admin)
        banks = self.env["account.journal"].search(
            [("company_id", "=", self.company.id), ("type", "=", "bank")]
        )
        if len(banks) == 1:
            self.assertEqual(Import.new({}).journal_id, self.bank_journal)
        wizard = Import.create(
            {
                "journal_id": self.bank_journal.id,
                "sheet_mapping_id": self.mapping.id,
                "statement_file": base64.b64encode(self.csv_data),
                "statement_filename": "releve_cae.csv",
            }
        )
        result = wizard._import_file()
        statement = self.env["account.bank.statement"].browse(result["statement_ids"])
        self.assertIn("releve_cae.csv", statement.name)
        self.assertAlmostEqual(sum(statement.line_ids.mapped("amount")), 1164.06)

    def test_csv_import_needs_a_journal(self):
        wizard = (
            self.env["account.statement.import"]
            .with_user(self.user_admin)
            .create(
                {
                    "journal_id": False,
                    "sheet_mapping_id": self.mapping.id,
                    "statement_file": base64.b64encode(self.csv_data),
                    "statement_filename": "releve_cae.csv",
                }
            )
        )
        with self.assertRaisesRegex(UserError, "bank journal"):
            wizard._import_file()

    def test_entrepreneur_cannot_import(self):
        """An entrepreneur neither sees the menu nor runs the wizard."""
        menu = self.env.ref("cae_bank.account_bank_statement_import_menu_cae")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.user_admin)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.user_a)._visible_menu_ids())
        Import = self.env["account.statement.import"].with_user(self.user_a)
        with self.assertRaises(AccessError):
            Import.create(
                {
                    "journal_id": self.bank_journal.id,
                    "sheet_mapping_id": self.mapping.id,
                    "statement_file": base64.b64encode(self.csv_data),
                    "statement_filename": "releve_cae.csv",
                }
            )
        wizard = (
            self.env["account.statement.import"]
            .with_user(self.user_admin)
            .create(
                {
                    "journal_id": self.bank_journal.id,
                    "sheet_mapping_id": self.mapping.id,
                    "statement_file": base64.b64encode(self.csv_data),
                    "statement_filename": "releve_cae.csv",
                }
            )
        )
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_a).import_file_button()
        # opened elsewhere (the journal's dashboard), OCA's statements list follows
        action = wizard.import_file_button()
        self.assertEqual(action["res_model"], "account.bank.statement")
