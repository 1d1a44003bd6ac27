from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import common, tagged
from odoo.tools import mute_logger

# queue_job 18.0.4's test helpers register their patcher in Odoo's
# SETATTR_SOURCES, which Odoo 18.0 builds before it do not have: an empty one
# (nothing reads it then) lets them import
if not hasattr(common, "SETATTR_SOURCES"):
    common.SETATTR_SOURCES = {}

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import ContributionCommon


@tagged("post_install", "-at_install")
class TestContributionGrouped(ContributionCommon):
    """The month's levy posted as entries of several activities each, and
    in the background above the company's number of activities."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_c = cls._activity("ACTC")
        cls.activity_d = cls._activity("ACTD")
        cls.company.cae_contribution_chunk_size = 2

    def _margins(self):
        self._margin(self.activity_a, 10000, "2025-01-10")
        self._margin(self.activity_b, 20000, "2025-01-12")
        self._margin(self.activity_c, 1000, "2025-01-15")
        # activity D has no margin: a line of 0, no entry

    def _run_as_admin(self, date_to="2025-01-31", **context):
        wizard = (
            self.env["cae.contribution.run.wizard"]
            .with_user(self.user_admin)
            .with_context(**context)
            .create({"date_to": date_to})
        )
        action = wizard.action_run()
        return wizard.run_id, action

    def _notified(self, run, user):
        return run.message_ids.filtered(lambda m: user.partner_id in m.partner_ids)

    def test_entries_of_several_activities(self):
        self._margins()
        run, _action = self._run_as_admin()
        lines = {line.activity_id: line for line in run.line_ids}
        self.assertEqual(
            set(lines),
            {self.activity_a, self.activity_b, self.activity_c, self.activity_d},
        )
        self.assertFalse(lines[self.activity_d].move_id)
        # three amounts, two activities an entry: two entries
        self.assertEqual(run.move_count, 2)
        moves = run.move_ids
        self.assertEqual(
            sorted(len(move.line_ids) for move in moves),
            [2, 3],
            "a line an activity, one income line an entry",
        )
        self.assertTrue(all(move.state == "posted" for move in moves))
        structure = self.company.cae_structure_analytic_account_id
        income = self.company.cae_contribution_income_account_id
        expense = self.company.cae_contribution_expense_account_id
        for activity in (self.activity_a, self.activity_b, self.activity_c):
            line = lines[activity]
            move = line.move_id
            self.assertIn(move, moves)
            # the activity's expense line, on its analytic account
            debit = move.line_ids.filtered(lambda l, a=activity: l.cae_activity_id == a)
            self.assertEqual(debit.account_id, expense)
            self.assertAlmostEqual(debit.debit, line.amount)
            self.assertEqual(
                debit.analytic_distribution, {str(activity.analytic_account_id.id): 100}
            )
            # the structure's income: one line the entry's total, named after
            # the activity when the entry has one, else after their number
            credit = move.line_ids.filtered(lambda l: l.account_id == income)
            self.assertEqual(len(credit), 1)
            self.assertFalse(credit.cae_activity_id)
            of_move = run.line_ids.filtered(lambda l, m=move: l.move_id == m)
            self.assertAlmostEqual(credit.credit, sum(of_move.mapped("amount")))
            self.assertEqual(
                credit.name,
                f"Contribution of {activity.code}"
                if len(of_move) == 1
                else f"Contributions of {len(of_move)} activities",
            )
            self.assertEqual(credit.analytic_distribution, {str(structure.id): 100})
            # each état des comptes reads its own contribution, not the others'
            statement = self.env["cae.account.statement"].create(
                {"activity_id": activity.id, "period": "month", "date": "2025-01-31"}
            )
            self.assertAlmostEqual(statement.contribution, line.amount)
        grouped = moves.filtered(lambda m: len(m.line_ids) == 3)
        self.assertEqual(grouped.ref, "Contribution of 2 activities up to 01/31/2025")
        # the structure's analytic account receives the whole levy
        analytic = moves.line_ids.filtered(
            lambda l: l.account_id == income
        ).analytic_line_ids
        self.assertAlmostEqual(sum(analytic.mapped("amount")), run.amount_total)

    def test_entrepreneur_reads_only_her_lines(self):
        self._margins()
        run, _action = self._run_as_admin()
        move = run.line_ids.filtered(lambda l: l.activity_id == self.activity_a).move_id
        self.assertGreater(len(move.line_ids.cae_activity_id), 1)
        own = (
            self.env["account.move.line"]
            .with_user(self.user_a)
            .search([("move_id", "=", move.id)])
        )
        self.assertEqual(own.cae_activity_id, self.activity_a)

    def test_chunk_of_one_is_one_entry_per_activity(self):
        self.company.cae_contribution_chunk_size = 1
        self._margins()
        run, _action = self._run_as_admin()
        self.assertEqual(run.move_count, 3)
        line = run.line_ids.filtered(lambda l: l.activity_id == self.activity_a)
        self.assertEqual(
            line.move_id.ref, f"Contribution {self.activity_a.code} up to 01/31/2025"
        )

    def test_regularisation_in_a_grouped_entry(self):
        self._margins()
        self._run_as_admin()
        # February: A refunds part of its margin, B sells more
        self._margin(self.activity_a, 4000, "2025-02-10", move_type="out_refund")
        self._margin(self.activity_b, 1000, "2025-02-10")
        run, _action = self._run_as_admin("2025-02-28")
        lines = {line.activity_id: line for line in run.line_ids}
        self.assertAlmostEqual(lines[self.activity_a].amount, -460.0)
        self.assertAlmostEqual(lines[self.activity_b].amount, 115.0)
        move = lines[self.activity_a].move_id
        self.assertEqual(move, lines[self.activity_b].move_id)
        a_line = move.line_ids.filtered(lambda l: l.cae_activity_id == self.activity_a)
        self.assertAlmostEqual(a_line.credit, 460.0)
        # the structure's income line of the entry: the net, 460 given back
        # to A less 115 levied on B
        income = move.line_ids.filtered(lambda l: not l.cae_activity_id)
        self.assertEqual(
            income.account_id, self.company.cae_contribution_income_account_id
        )
        self.assertAlmostEqual(income.debit, 345.0)
        self.assertAlmostEqual(sum(move.line_ids.mapped("balance")), 0.0)

    # ------------------------------------------------------------------
    # background runs
    def test_background_run(self):
        """Above the threshold the run is queued, one job an entry; the jobs
        levy, count the progress, and the launcher is notified."""
        self.company.cae_contribution_job_threshold = 3
        self._margins()
        with trap_jobs() as trap:
            run, action = self._run_as_admin()
            self.assertEqual(run.state, "queued")
            self.assertEqual(
                (action["res_model"], action["res_id"]), (run._name, run.id)
            )
            self.assertEqual((run.chunk_count, run.chunk_done), (2, 0))
            self.assertEqual(run.user_id, self.user_admin)
            self.assertFalse(run.line_ids)
            trap.assert_jobs_count(2, only=run._cae_job_levy_chunk)
            # another run waits for this one to end
            with self.assertRaisesRegex(UserError, "already in progress"):
                self._run_as_admin()
            with self.assertRaisesRegex(UserError, "already in progress"):
                self.env["cae.contribution.run.wizard"].create(
                    {"date_to": "2025-01-31"}
                ).action_preview()
            trap.perform_enqueued_jobs()
        self.assertEqual(run.state, "done")
        self.assertEqual((run.chunk_done, run.progress), (2, 100.0))
        self.assertEqual(run.user_id, self.user_admin)
        self.assertEqual(len(run.line_ids), 4)
        self.assertAlmostEqual(run.amount_total, 1150.0 + 2300.0 + 115.0)
        self.assertEqual(run.move_count, 2)
        self.assertTrue(self._notified(run, self.user_admin))
        # the levy is the same as in the foreground: re-running levies nothing
        again = self.env["cae.contribution.run"]._cae_run(self.company, run.date_to)
        self.assertFalse(again.filtered("amount"))

    def test_background_run_without_delay(self):
        """queue_job's ``queue_job__no_delay``: the jobs run at once."""
        self.company.cae_contribution_job_threshold = 1
        self._margins()
        run, _action = self._run_as_admin(queue_job__no_delay=True)
        self.assertEqual(run.state, "done")
        self.assertEqual(run.chunk_done, 2)
        self.assertAlmostEqual(run.amount_total, 3565.0)

    def test_background_run_after_a_preview_fails_when_figures_change(self):
        self.company.cae_contribution_job_threshold = 3
        self._margins()
        wizard = (
            self.env["cae.contribution.run.wizard"]
            .with_user(self.user_admin)
            .create({"date_to": "2025-01-31"})
        )
        wizard.action_preview()
        with trap_jobs() as trap:
            wizard.action_post()
            run = wizard.run_id
            self.assertEqual(run.state, "queued")
            # invoices posted after the preview, in every chunk
            for activity in (
                self.activity_a,
                self.activity_b,
                self.activity_c,
                self.activity_d,
            ):
                self._margin(activity, 2000, "2025-01-20")
            trap.perform_enqueued_jobs()
        self.assertEqual(run.state, "failed")
        self.assertIn("Preview it again", run.job_error)
        self.assertFalse(run.line_ids, "nothing of the failed chunk is levied")
        self.assertFalse(
            self.env["account.move"].search(
                [("journal_id", "=", self.company.cae_contribution_journal_id.id)]
            )
        )
        message = self._notified(run, self.user_admin)
        self.assertIn("failed after 0 of 2 entries", message.body)
        # a failed run is the trail of what it did: it stays
        with self.assertRaises(UserError):
            run.unlink()
        with self.assertRaises(UserError):
            run.write({"state": "done"})
        # the next run levies everything, the new invoice included
        self.company.cae_contribution_job_threshold = 0
        self.assertAlmostEqual(
            sum(self._run("2025-01-31").mapped("amount")), 3565.0 + 4 * 230.0
        )

    def test_job_failing_for_good(self):
        """queue_job's on_fail (an error that is not a refusal, after its
        retries): the run fails and its launcher is told."""
        self.company.cae_contribution_job_threshold = 3
        self._margins()
        with trap_jobs():
            run, _action = self._run_as_admin()
        run._cae_job_failed(exc_name="OperationalError", exc_message="server closed")
        self.assertEqual(run.state, "failed")
        self.assertEqual(run.job_error, "server closed")
        self.assertTrue(self._notified(run, self.user_admin))
        # the chunks still queued do nothing
        self.assertEqual(
            run._cae_job_levy_chunk([self.activity_a.id]), "skipped: run failed"
        )
        self.assertFalse(run.line_ids)

    def test_settings(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            self.company.cae_contribution_chunk_size = 0
            self.company.flush_recordset()
        settings = self.env["res.config.settings"].create(
            {"cae_contribution_chunk_size": 100, "cae_contribution_job_threshold": 0}
        )
        settings.execute()
        self.assertEqual(self.env.company.cae_contribution_chunk_size, 100)
