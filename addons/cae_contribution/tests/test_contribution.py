from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ContributionCommon


@tagged("post_install", "-at_install")
class TestContribution(ContributionCommon):
    def test_marginal_and_rerun(self):
        """Acceptance 1 (marginal): 35 000 → 3 975.00; re-running levies nothing."""
        activity = self._activity("M35")
        self._margin(activity, 35000, "2025-03-10")
        line = self._run("2025-03-31", activity)
        self.assertAlmostEqual(line.base_ytd, 35000.0)
        self.assertAlmostEqual(line.amount, 3975.0)
        move = line.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id.code, "CONT")
        debit = move.line_ids.filtered(lambda l: l.debit)
        credit = move.line_ids.filtered(lambda l: l.credit)
        self.assertEqual(
            debit.account_id, self.company.cae_contribution_expense_account_id
        )
        self.assertEqual(debit.cae_activity_id, activity)
        self.assertEqual(
            debit.analytic_distribution, {str(activity.analytic_account_id.id): 100}
        )
        self.assertEqual(
            credit.account_id, self.company.cae_contribution_income_account_id
        )
        self.assertFalse(credit.cae_activity_id)
        self.assertEqual(
            credit.analytic_distribution,
            {str(self.company.cae_structure_analytic_account_id.id): 100},
        )
        again = self._run("2025-03-31", activity)
        self.assertEqual(again.amount, 0.0)
        self.assertFalse(again.move_id)
        # the contribution appears in the état des comptes
        statement = self.env["cae.account.statement"].create(
            {
                "activity_id": activity.id,
                "period": "year",
                "date": "2025-03-31",
            }
        )
        self.assertAlmostEqual(statement.contribution, 3975.0)
        self.assertAlmostEqual(statement.contribution_total, 3975.0)

    def test_global_mode(self):
        """Acceptance 1 (global): 35 000 → 3 675.00."""
        self.standard.mode = "global"
        activity = self._activity("G35")
        self._margin(activity, 35000, "2025-03-10")
        self.assertAlmostEqual(self._run("2025-03-31", activity).amount, 3675.0)

    def test_year_to_date_and_regularisation(self):
        """Acceptance 2."""
        activity = self._activity("YTD")
        self._margin(activity, 20000, "2025-06-10")
        self.assertAlmostEqual(self._run("2025-06-30", activity).amount, 2300.0)
        self.assertAlmostEqual(self._run("2025-07-31", activity).amount, 0.0)
        self.assertAlmostEqual(self._run("2025-08-31", activity).amount, 0.0)
        self._margin(activity, 15000, "2025-09-10")
        self.assertAlmostEqual(self._run("2025-09-30", activity).amount, 1675.0)
        self._margin(activity, 2000, "2025-10-05", move_type="out_refund")
        october = self._run("2025-10-31", activity)
        self.assertAlmostEqual(october.base_ytd, 33000.0)
        self.assertAlmostEqual(october.amount, -210.0)
        refund_move = october.move_id
        debit = refund_move.line_ids.filtered(lambda l: l.debit)
        self.assertEqual(
            debit.account_id, self.company.cae_contribution_income_account_id
        )

    def test_gross_margin_deducts_purchases(self):
        activity = self._activity("GM")
        self._margin(activity, 12000, "2025-02-10")
        bill = self._invoice(
            activity, self.customer_a, 2000, move_type="in_invoice", date="2025-02-11"
        )
        bill.action_post()
        line = self._run("2025-02-28", activity)
        self.assertAlmostEqual(line.base_ytd, 10000.0)
        self.assertAlmostEqual(line.amount, 1150.0)

    def test_training_and_skills_assessment(self):
        """Acceptance 3."""
        training = self._activity("TRN", "training")
        skills = self._activity("BIL", "skills_assessment")
        self._margin(training, 45000, "2025-05-10")
        self._margin(skills, 45000, "2025-05-10")
        lines = self._run("2025-05-31")
        self.assertAlmostEqual(
            lines.filtered(lambda l: l.activity_id == training).amount, 5250.0
        )
        self.assertAlmostEqual(
            lines.filtered(lambda l: l.activity_id == skills).amount, 5025.0
        )

    def test_global_mode_is_discontinuous(self):
        """Acceptance 4: 30 000 → 3 450.00, then 31 000 → -195.00; explained."""
        self.standard.mode = "global"
        activity = self._activity("DISC")
        self._margin(activity, 30000, "2025-04-10")
        self.assertAlmostEqual(self._run("2025-04-30", activity).amount, 3450.0)
        self._margin(activity, 1000, "2025-05-10")
        may = self._run("2025-05-31", activity)
        self.assertAlmostEqual(may.due_ytd, 3255.0)
        self.assertAlmostEqual(may.amount, -195.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "cae_contribution.cae_contribution_statement_report",
                activity.ids,
                data={"date": "2025-05-31"},
            )[0]
            .decode()
        )
        self.assertIn("can drop although the margin grew", html)
        self.assertIn("3,450.00", html)
        # Odoo writes negative amounts with a zero-width no-break space
        self.assertRegex(html, "-\ufeff?195.00")

    def test_exemption(self):
        """Acceptance 5: the margin of an exempt period never enters the base."""
        activity = self._activity("EXO")
        self.env["cae.contribution.exemption"].create(
            {
                "activity_id": activity.id,
                "date_from": "2025-03-01",
                "date_to": "2025-03-31",
                "reason": "Arrêt maladie",
            }
        )
        self._margin(activity, 10000, "2025-01-15")
        self.assertAlmostEqual(self._run("2025-02-28", activity).amount, 1150.0)
        self._margin(activity, 5000, "2025-03-15")
        self.assertAlmostEqual(self._run("2025-03-31", activity).amount, 0.0)
        self._margin(activity, 5000, "2025-04-15")
        april = self._run("2025-04-30", activity)
        self.assertAlmostEqual(april.base_ytd, 15000.0)
        self.assertAlmostEqual(april.amount, 575.0)

    def test_flat_rate_and_fixed_part(self):
        flat = self._activity("FLAT", contribution_flat_rate=10.0)
        self._margin(flat, 5000, "2025-01-10")
        self.assertAlmostEqual(self._run("2025-01-31", flat).amount, 500.0)
        fixed_scale = self.standard.copy({"name": "Fixe", "fixed_monthly_amount": 30.0})
        # the fixed part counts the months since the activity's start (issue 15,
        # item 6): the activity starts with the year, not on the day the test runs
        fixed = self._activity(
            "FIX", contribution_scale_id=fixed_scale.id, date_start="2025-01-01"
        )
        self._margin(fixed, 1000, "2025-02-10")
        # two months of the year: 2 x 30 + 11.5 % of 1 000
        self.assertAlmostEqual(self._run("2025-02-28", fixed).amount, 175.0)

    def test_concurrent_run_refused(self):
        """Acceptance 6: a second cursor holds the advisory lock."""
        activity = self._activity("LOCK")
        self._margin(activity, 10000, "2025-01-10")
        moves_before = self.env["account.move"].search_count(
            [("journal_id.code", "=", "CONT")]
        )
        with self.registry.cursor() as other:
            other.execute(
                "SELECT pg_advisory_lock(%s, %s)", (72_617_001, self.company.id)
            )
            try:
                with self.assertRaisesRegex(UserError, "already in progress"):
                    self._run("2025-01-31")
            finally:
                other.execute(
                    "SELECT pg_advisory_unlock(%s, %s)", (72_617_001, self.company.id)
                )
        self.assertEqual(
            self.env["account.move"].search_count([("journal_id.code", "=", "CONT")]),
            moves_before,
        )
        self.assertAlmostEqual(self._run("2025-01-31", activity).amount, 1150.0)

    def test_locked_period(self):
        activity = self._activity("LCKD")
        self._margin(activity, 10000, "2025-01-10")
        self.company.fiscalyear_lock_date = "2025-01-31"
        with self.assertRaisesRegex(UserError, "locked"):
            self._run("2025-01-31")
        self.assertFalse(
            self.env["cae.contribution.line"].search(
                [("activity_id", "=", activity.id)]
            )
        )

    def test_query_count_does_not_grow(self):
        """Acceptance 7: same queries for 5 and 50 activities, apart from a
        bounded number per posted entry (with one entry per activity, the
        chunk of 1; test_scaling bounds the grouped entries)."""
        self.company.cae_contribution_chunk_size = 1
        self.env["cae.activity"].search([]).write({"active": True})
        small = [self._activity(f"Q{i}") for i in range(5)]
        large = [self._activity(f"R{i}") for i in range(45)]
        for activity in small + large:
            self._margin(activity, 1000, "2025-01-10")

        def queries(date_to, active):
            self.env["cae.activity"].search([]).write({"active": False})
            self.env["cae.activity"].browse([a.id for a in active]).write(
                {"active": True}
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            lines = self._run(date_to)
            self.env.flush_all()
            return self.cr.sql_log_count - before, len(lines.move_id)

        # first runs post one entry per activity
        q5, e5 = queries("2025-01-31", small)
        q50, e50 = queries("2025-01-31", small + large)
        self.assertEqual((e5, e50), (5, 45))
        per_entry = (q50 - q5) / (e50 - e5)
        self.assertLess(per_entry, 60, "queries per posted entry")
        # a month with nothing new posts nothing: the same count at 5 and 50
        n5, _e = queries("2025-02-28", small)
        n50, _e = queries("2025-02-28", small + large)
        self.assertEqual(n5, n50)

    def test_bad_scales(self):
        version = self.standard.version_ids[:1]
        with (
            self.assertRaisesRegex(ValidationError, "between 0 and 100"),
            self.cr.savepoint(),
        ):
            version.bracket_ids[:1].rate = 120
        with (
            self.assertRaisesRegex(ValidationError, "between 0 and 100"),
            self.cr.savepoint(),
        ):
            version.bracket_ids[:1].rate = -1
        with (
            self.assertRaisesRegex(ValidationError, "overlap or leave a gap"),
            self.cr.savepoint(),
        ):
            version.bracket_ids.sorted("lower_bound")[1].lower_bound = 25000
        with self.assertRaisesRegex(ValidationError, "overlap"), self.cr.savepoint():
            self.env["cae.contribution.scale.version"].create(
                {
                    "scale_id": self.standard.id,
                    "date_from": "2024-01-01",
                    "bracket_ids": [Command.create({"lower_bound": 0, "rate": 5})],
                }
            )
        version.date_to = "2024-12-31"
        self.env["cae.contribution.scale.version"].create(
            {
                "scale_id": self.standard.id,
                "date_from": "2025-01-01",
                "bracket_ids": [Command.create({"lower_bound": 0, "rate": 5})],
            }
        )

    def test_simulator_and_access(self):
        simulator = (
            self.env["cae.contribution.simulator"]
            .with_user(self.user_a)
            .create(
                {
                    "activity_id": self.activity_a.id,
                    "projected_base": 35000,
                }
            )
        )
        self.assertAlmostEqual(simulator.amount, 3975.0)
        self.assertIn("10.5", simulator.detail)
        with self.assertRaises(AccessError):
            self.env["cae.contribution.simulator"].with_user(self.user_b).create(
                {
                    "activity_id": self.activity_a.id,
                    "projected_base": 1000,
                }
            )
        self._margin(self.activity_a, 1000, "2025-01-10")
        self._margin(self.activity_b, 1000, "2025-01-10")
        with (
            mute_logger("odoo.addons.base.models.ir_model"),
            self.assertRaises(AccessError),
        ):
            self.env["cae.contribution.run.wizard"].with_user(self.user_a).create({})
        self._run("2025-01-31")
        own = self.env["cae.contribution.line"].with_user(self.user_b).search([])
        self.assertEqual(own.activity_id, self.activity_b)
        for user in (self.user_support, self.user_admin):
            self.assertTrue(
                self.env["cae.contribution.line"].with_user(user).search([])
            )
        with self.assertRaises(AccessError):
            self.env["cae.contribution.scale"].with_user(self.user_support).create(
                {"name": "X"}
            )
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.user_b)._render_qweb_html(
                "cae_contribution.cae_contribution_statement_report",
                self.activity_a.ids,
            )
