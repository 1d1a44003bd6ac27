"""SQL queries of the month-end operations do not grow with the number of
activities, apart from a bounded number per posted entry (N = 5 and N = 50)."""

from datetime import date

from odoo.tests import tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon

from .benchmark.generator import generate


@tagged("post_install", "-at_install", "cae_scaling")
class TestScaling(CaeTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._cae_contribution_setup()
        cls.small = generate(cls.env, cls.company, n_activities=5, months=1, prefix="S")
        cls.large = generate(
            cls.env, cls.company, n_activities=45, months=1, prefix="L"
        )
        cls.all_activities = cls.small["activities"] | cls.large["activities"]

    def _queries(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        result = func()
        self.env.flush_all()
        return self.cr.sql_log_count - before, result

    def _only(self, activities):
        """Keep ``activities`` active (the run and the export take the active ones)."""
        self.env["cae.activity"].search([]).write({"active": False})
        activities.write({"active": True})

    def test_statements_constant(self):
        Statement = self.env["cae.account.statement"]
        start, end = date(2025, 1, 1), date(2025, 12, 31)
        # warm Odoo's own caches (registry, rules) first: they are not per N
        Statement._cae_compute_statements(self.small["activities"], start, end)
        q5, _r = self._queries(
            lambda: Statement._cae_compute_statements(
                self.small["activities"], start, end
            )
        )
        q50, figures = self._queries(
            lambda: Statement._cae_compute_statements(self.all_activities, start, end)
        )
        self.assertEqual(q5, q50, f"{q5} queries for 5 activities, {q50} for 50")
        self.assertEqual(len(figures), 50)

    def test_contribution_run_bounded_per_entry(self):
        # one entry per activity (a chunk of 1); the grouped levy is below
        self.company.cae_contribution_chunk_size = 1
        Run = self.env["cae.contribution.run"]
        self._only(self.small["activities"])
        q5, lines5 = self._queries(
            lambda: Run._cae_run(self.company, date(2025, 1, 31))
        )
        self._only(self.large["activities"])
        q50, lines45 = self._queries(
            lambda: Run._cae_run(self.company, date(2025, 1, 31))
        )
        self.assertEqual((len(lines5.move_id), len(lines45.move_id)), (5, 45))
        per_entry = (q50 - q5) / 40
        self.assertLess(per_entry, 60)
        # nothing new: no entry, the same queries whatever N
        self._only(self.small["activities"])
        n5, _l = self._queries(lambda: Run._cae_run(self.company, date(2025, 1, 31)))
        self._only(self.all_activities)
        n50, _l = self._queries(lambda: Run._cae_run(self.company, date(2025, 1, 31)))
        self.assertEqual(n5, n50)

    def test_grouped_contribution_run_constant(self):
        """The month's levy in one grouped entry: a constant number of
        queries per activity, 10 activities against 30 (what is left per
        activity is Odoo's own analytic line of its expense line, also in
        the floor of bench.py)."""
        Run = self.env["cae.contribution.run"]
        self.company.cae_contribution_chunk_size = 250
        ten = self.large["activities"][:10]
        thirty = self.large["activities"][10:40]
        # warm Odoo's own caches (registry, rules, sequences) on other activities
        self._only(self.small["activities"])
        Run._cae_run(self.company, date(2025, 1, 31))
        self._only(ten)
        q10, lines10 = self._queries(
            lambda: Run._cae_run(self.company, date(2025, 1, 31))
        )
        self._only(thirty)
        q30, lines30 = self._queries(
            lambda: Run._cae_run(self.company, date(2025, 1, 31))
        )
        self.assertEqual((len(lines10.move_id), len(lines30.move_id)), (1, 1))
        # an expense line an activity, the structure's income in one line
        self.assertEqual(len(lines30.move_id.line_ids), 31)
        per_activity = (q30 - q10) / 20
        # measured: 2.0 (the analytic line of the expense line and its
        # flush); 3.05 when the income was a line an activity
        self.assertLessEqual(
            per_activity, 2.5, f"{q10} queries for 10 activities, {q30} for 30"
        )

    def test_payroll_export_constant(self):
        Export = self.env["cae.payroll.export"]
        self.env["cae.contract"].search(
            [("partner_id", "in", self.large["partners"].ids)]
        ).write({"active": False})
        q5, export5 = self._queries(
            lambda: Export._cae_generate(date(2025, 1, 1), self.company)
        )
        self.env["cae.contract"].with_context(active_test=False).search(
            [("partner_id", "in", self.large["partners"].ids)]
        ).write({"active": True})
        q50, export50 = self._queries(
            lambda: Export._cae_generate(date(2025, 2, 1), self.company)
        )
        self.assertGreater(len(export50.line_ids), len(export5.line_ids))
        self.assertLessEqual(q50 - q5, 2)


@tagged("post_install", "-at_install", "cae_scaling")
class TestScalingJourney(CaeTestCommon):
    """Funder statistics and BPF: the same queries with 5 and 50 activities."""

    def _queries(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_statistics_and_bpf(self):
        self.company._cae_contribution_setup()
        Stats = self.env["cae.funder.statistics"]
        Bpf = self.env["cae.training.bpf"]
        start, end = date(2025, 1, 1), date(2025, 12, 31)

        def stats():
            return Stats._cae_bench(start, end)

        def bpf():
            record = Bpf.search(
                [("year", "=", 2025), ("company_id", "=", self.company.id)]
            )
            record = record or Bpf.create({"year": 2025, "company_id": self.company.id})
            record.action_compute()

        generate(self.env, self.company, n_activities=10, months=1, prefix="S")
        stats()
        bpf()  # warm Odoo's caches
        s10, b10 = self._queries(stats), self._queries(bpf)
        generate(self.env, self.company, n_activities=40, months=1, prefix="L")
        # new activities clear the record-rule caches (membership changed):
        # warm them again, as for the first measure
        stats()
        bpf()
        s50, b50 = self._queries(stats), self._queries(bpf)
        self.assertEqual(s10, s50, f"statistics: {s10} queries for 10, {s50} for 50")
        self.assertLessEqual(b50 - b10, 10, f"BPF: {b10} queries for 10, {b50} for 50")


@tagged("post_install", "-at_install", "cae_scaling")
class TestScalingMigration(CaeTestCommon):
    """The migration import: its queries grow by a bounded number per line
    (one create per kind and batch, lookups in prefetched dicts), not by the
    dozens a line-by-line import took."""

    # measured between 2 and 6 activities (12 lines each): 7.67 queries a
    # line with every addon of the suite installed (as make test has them:
    # the leave, meal voucher and health addons add their own work to each
    # new employee), 6.25 with cae_migration's dependencies only; the
    # bench's 1 200 lines take 6.1 a line, 7.0 before the followers of the
    # invoices were written in bulk
    per_line_bound = 8

    def _import(self, n):
        """(queries, lines) of importing the bench's set for n activities,
        rolled back afterwards (the next set reuses its references)."""
        import base64

        from .benchmark.migration_bench import migration_files

        vals = {"company_id": self.company.id, "opening_date": date(2026, 1, 1)}
        lines = 0
        for kind, text in migration_files(n).items():
            lines += len(text.strip().splitlines()) - 1
            vals[f"{kind}_file"] = base64.b64encode(text.encode())
            vals[f"{kind}_filename"] = f"{kind}.csv"
        wizard = self.env["cae.migration.import"].create(vals)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.env.cr.savepoint(flush=False) as savepoint:
            before = self.cr.sql_log_count
            wizard._cae_process(commit=True)
            self.env.flush_all()
            queries = self.cr.sql_log_count - before
            self.assertEqual(wizard.state, "done", wizard.report)
            savepoint.rollback()
        self.env.invalidate_all()
        return queries, lines

    def test_migration_queries_bounded_per_line(self):
        if "cae.migration.import" not in self.env:
            self.skipTest("cae_migration is not installed")
        self._import(1)  # warm Odoo's caches
        q2, lines2 = self._import(2)
        q6, lines6 = self._import(6)
        per_line = (q6 - q2) / (lines6 - lines2)
        # Odoo's own work on each record remains: the employee of each
        # entrepreneur (its avatar attachments), the fiscal position, number
        # and analytic distribution of each invoice, quote and contract
        message = f"{q2} queries for {lines2}, {q6} for {lines6}: {per_line:.2f} a line"
        self.assertLess(per_line, self.per_line_bound, message)
