import base64
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon
from odoo.addons.cae_migration.tests import test_migration as member

CONTRIBUTIONS = """ref;activity_code;date_to;amount
L-1;MIG1;2025-05-31;1200,00
"""
# a migration during the year: the gross margin so far comes with the balances
BALANCES = member.BALANCES.replace(
    "B-1;MIG1;8450,00;1200,00;300,00;640,00;;",
    "B-1;MIG1;8450,00;1200,00;300,00;640,00;40000;",
)


@tagged("post_install", "-at_install")
class TestMigrationContribution(CaeTestCommon):
    """Acceptance 1 of the migration: the contribution already levied in the
    fiscal year is deducted from the next run; the import is idempotent."""

    def _wizard(self, contributions=CONTRIBUTIONS):
        files = {
            "activities": member.ACTIVITIES,
            "members": member.MEMBERS,
            "contracts": member.CONTRACTS,
            "partners": member.PARTNERS,
            "balances": BALANCES,
            "contributions": contributions,
        }
        vals = {"company_id": self.company.id, "opening_date": member.OPENING}
        for kind, text in files.items():
            vals[f"{kind}_file"] = base64.b64encode(text.encode())
            vals[f"{kind}_filename"] = f"{kind}.csv"
        return self.env["cae.migration.import"].with_user(self.user_admin).create(vals)

    def _counts(self):
        return {
            model: self.env[model].with_context(active_test=False).search_count([])
            for model in (
                "cae.activity",
                "res.partner",
                "cae.contract",
                "account.move",
                "cae.contribution.line",
            )
        }

    def test_migration_then_next_run(self):
        before = self._counts()
        wizard = self._wizard()
        wizard.action_dry_run()
        self.assertEqual(wizard.error_count, 0, wizard.report)
        self.assertIn("Contribution already levied: 1 to create", wizard.report)
        self.assertEqual(self._counts(), before)

        wizard.action_import()
        self.assertEqual(wizard.state, "done", wizard.report)
        activities = self.env["cae.activity"].search([("code", "like", "MIG")])
        self.assertEqual(len(activities), 4)
        self.assertEqual(len(activities.member_ids), 3)
        mig1 = activities.filtered(lambda a: a.code == "MIG1")
        levied = self.env["cae.contribution.line"].search(
            [("activity_id", "=", mig1.id)]
        )
        self.assertAlmostEqual(levied.amount, 1200.0)
        self.assertFalse(levied.move_id)
        self.assertEqual(levied.date_from, date(2025, 1, 1))
        figures = self.env["cae.account.statement"]._cae_compute_statements(
            activities, member.OPENING, member.OPENING
        )
        self.assertAlmostEqual(figures[mig1.id]["cash"], 8450.0)
        self.assertAlmostEqual(figures[mig1.id]["customers"], 1200.0)
        self.assertAlmostEqual(figures[mig1.id]["revenue"], 40000.0)

        # the next monthly run levies what is due minus the 1 200 € levied before
        self.env["cae.contribution.run"]._cae_run(self.company, date(2025, 6, 30))
        line = self.env["cae.contribution.line"].search(
            [("activity_id", "=", mig1.id), ("date_to", "=", date(2025, 6, 30))]
        )
        self.assertAlmostEqual(line.base_ytd, 40000.0)
        self.assertGreater(line.due_ytd, 1200.0)
        self.assertAlmostEqual(line.levied_before, 1200.0)
        self.assertAlmostEqual(line.amount, line.due_ytd - 1200.0)
        self.assertEqual(line.move_id.state, "posted")

        # the same files again create nothing
        after = self._counts()
        again = self._wizard()
        again.action_import()
        self.assertEqual(again.error_count, 0, again.report)
        self.assertEqual(self._counts(), after)

    def test_absurd_amounts_refused(self):
        """Issue 14: ``nan``, ``inf`` and ``1e300`` are named errors, and
        nothing is written."""
        before = self._counts()
        wizard = self._wizard(
            "ref;activity_code;date_to;amount\n"
            "L-1;MIG1;2025-05-31;nan\n"
            "L-2;MIG1;2025-05-31;inf\n"
            "L-3;MIG1;2025-05-31;1e300\n"
            "L-4;MIG1;2025-05-31;-inf\n"
        )
        wizard.action_dry_run()
        self.assertEqual(wizard.error_count, 4, wizard.report)
        for number in (2, 3, 4, 5):
            self.assertIn(f"line {number}:", wizard.report)
        with self.assertRaises(UserError):
            wizard.action_import()
        self.assertNotEqual(wizard.state, "done")
        self.assertEqual(self._counts(), before)

    def test_bad_date_and_amount_named_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        wizard = self._wizard(
            "ref;activity_code;date_to;amount\n"
            "L-1;MIG1;31/06/2025;100\n"
            "L-2;MIG1;2025-05-31;cent euros\n"
            "L-3;MIG1;31/05/2025;-5\n"
        ).with_context(lang="fr_FR")
        wizard.action_dry_run()
        report = wizard.report
        self.assertIn("ligne 2 : date_to : 31/06/2025 n'est pas une date", report)
        self.assertIn("ligne 3 : amount : cent euros n'est pas un montant", report)
        self.assertIn("ligne 4 :", report)
        self.assertEqual(wizard.error_count, 3, report)

    def test_contributions_come_after_the_balances(self):
        kinds = self.env["cae.migration.import"]._cae_file_kinds()
        self.assertEqual(kinds.index("contributions"), kinds.index("balances") + 1)
