from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DashboardCommon


@tagged("post_install", "-at_install", "is_query_count")
class TestDashboardFigures(DashboardCommon):
    """The figures of an activity, on documents built here."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = cls.today
        # this year: an overdue invoice, one not yet due, a vendor bill
        cls.overdue_invoice = cls._posted(
            cls.activity_a, 1000.0, today, due=today - relativedelta(days=5)
        )
        cls._posted(cls.activity_a, 500.0, today, due=today + relativedelta(days=30))
        cls._posted(cls.activity_a, 300.0, today, move_type="in_invoice")
        # last year, the same day: unpaid, overdue for a year
        last_year = cls._last_year(today)
        cls._posted(cls.activity_a, 600.0, last_year, due=last_year)
        # a refused quote, an invoice awaiting validation
        cls.quote = cls._quote(cls.activity_a, 5000.0)
        cls.quote.action_cae_submit()
        cls.quote.with_user(cls.user_support).action_cae_refuse("Too expensive")
        cls.draft = cls._invoice(cls.activity_a, cls.customer_a, 4000.0)
        cls.draft.action_cae_submit()
        # the contribution levied this year
        cls.env["cae.contribution.line"].create(
            {
                "activity_id": cls.activity_a.id,
                "date_from": cls.year_start,
                "date_to": today,
                "scale_id": cls.standard.id,
                "amount": 80.5,
                "company_id": cls.company.id,
            }
        )
        # B's activity has a document of its own, never shown to A
        cls._posted(cls.activity_b, 999.0, today)

    def _row(self, data, activity):
        [row] = [r for r in data["activities"] if r["id"] == activity.id]
        return row

    def test_entrepreneur_figures(self):
        data = self.env["cae.dashboard"].with_user(self.user_a).get_entrepreneur_data()
        self.assertEqual([r["id"] for r in data["activities"]], self.activity_a.ids)
        row = self._row(data, self.activity_a)
        self.assertEqual(row["code"], "ACTA")
        self.assertEqual(row["trade_name"], "Les Ateliers d'Anne")
        self.assertEqual(row["revenue_ytd"], 1500.0)
        self.assertEqual(row["margin_ytd"], 1200.0)
        self.assertEqual(row["revenue_last_ytd"], 600.0)
        self.assertEqual(row["margin_last_ytd"], 600.0)
        # month by month: this month against the same month last year
        chart = row["chart"]
        month = self.today.replace(day=1)
        index = chart["months"].index(str(month))
        self.assertEqual(chart["revenue"][index], 1500.0)
        self.assertEqual(chart["margin"][index], 1200.0)
        self.assertEqual(chart["revenue_last"][index], 600.0)
        self.assertEqual(sum(chart["revenue"]), 1500.0)
        self.assertEqual(sum(chart["revenue_last"]), 600.0)
        # receivables incl. VAT: 1200 + 600 this year, 720 last year
        self.assertEqual(row["customers"], 2520.0)
        self.assertEqual(row["overdue"], 1200.0 + 720.0)
        statement = self.env["cae.account.statement"]._cae_compute_statements(
            self.activity_a, self.year_start, self.today
        )[self.activity_a.id]
        self.assertEqual(row["treasury"], statement["available_treasury"])
        self.assertEqual(row["quotes_refused"], 1)
        self.assertEqual(row["quotes_to_validate"], 0)
        self.assertEqual(row["invoices_to_validate"], 1)
        self.assertEqual(row["invoices_refused"], 0)
        self.assertEqual(row["contribution_ytd"], 80.5)

    def test_projection_is_the_simulator(self):
        data = self.env["cae.dashboard"].with_user(self.user_a).get_entrepreneur_data()
        row = self._row(data, self.activity_a)
        year = self.company.compute_fiscalyear_dates(self.today)
        days = (year["date_to"] - year["date_from"]).days + 1
        elapsed = (self.today - year["date_from"]).days + 1
        self.assertAlmostEqual(row["projected_base"], 1200.0 * days / elapsed, 2)
        simulator = (
            self.env["cae.contribution.simulator"]
            .with_user(self.user_a)
            .create(
                {
                    "activity_id": self.activity_a.id,
                    "projected_base": row["projected_base"],
                }
            )
        )
        self.assertTrue(row["contribution_projected"] > 0)
        self.assertEqual(row["contribution_projected"], simulator.amount)
        action = row["actions"]["contribution_projected"]
        self.assertEqual(action["res_model"], "cae.contribution.simulator")
        self.assertEqual(action["context"]["default_activity_id"], self.activity_a.id)

    def test_salary_is_the_margin_left_for_pay(self):
        data = self.env["cae.dashboard"].with_user(self.user_a).get_entrepreneur_data()
        row = self._row(data, self.activity_a)
        figures = self.env["cae.account.statement"]._cae_compute_statements(
            self.activity_a, self.year_start, self.today
        )[self.activity_a.id]
        margin = (
            figures["revenue"]
            - figures["purchases"]
            - figures["other_charges"]
            - figures["contribution"]
            - figures["salaries"]
        )
        rate = self.company.cae_employer_cost_rate
        expected = max(round(min(margin, figures["available_treasury"]) / rate, 2), 0)
        self.assertEqual(row["salary_payable"], expected)

    def test_drill_down_domains(self):
        data = self.env["cae.dashboard"].with_user(self.user_a).get_entrepreneur_data()
        actions = self._row(data, self.activity_a)["actions"]
        Move = self.env["account.move"].with_user(self.user_a)
        overdue = Move.search(actions["overdue"]["domain"])
        self.assertIn(self.overdue_invoice, overdue)
        self.assertEqual(len(overdue), 2)
        self.assertEqual(len(Move.search(actions["customers"]["domain"])), 3)
        self.assertEqual(
            Move.search(actions["invoices_to_validate"]["domain"]), self.draft
        )
        quotes = self.env["sale.order"].with_user(self.user_a)
        self.assertEqual(quotes.search(actions["quotes_refused"]["domain"]), self.quote)
        lines = self.env["cae.contribution.line"].with_user(self.user_a)
        self.assertEqual(
            lines.search(actions["contribution"]["domain"]).mapped("amount"), [80.5]
        )
        revenue = Move.search(actions["revenue"]["domain"])
        self.assertEqual(sorted(revenue.mapped("amount_untaxed")), [500.0, 1000.0])

    def test_entrepreneurs_see_their_own_activities_only(self):
        data_b = (
            self.env["cae.dashboard"].with_user(self.user_b).get_entrepreneur_data()
        )
        self.assertEqual([r["id"] for r in data_b["activities"]], self.activity_b.ids)
        row_b = self._row(data_b, self.activity_b)
        self.assertEqual(row_b["revenue_ytd"], 999.0)
        self.assertEqual(row_b["quotes_refused"], 0)

    def test_backoffice_lists_every_activity(self):
        for user in (self.user_support, self.user_admin, self.user_manager):
            data = self.env["cae.dashboard"].with_user(user).get_backoffice_data()
            ids = {r["id"] for r in data["activities"]}
            self.assertEqual(ids, {self.activity_a.id, self.activity_b.id}, user.login)
        row = self._row(data, self.activity_a)
        self.assertEqual(row["revenue_ytd"], 1500.0)
        self.assertEqual(row["members"], "Anne Artisan")
        self.assertNotIn("chart", row)
        self.assertIsInstance(row["alerts"], list)

    def test_backoffice_is_refused_to_entrepreneurs(self):
        with self.assertRaises(AccessError):
            self.env["cae.dashboard"].with_user(self.user_a).get_backoffice_data()

    def test_backoffice_alerts(self):
        # Anne under CESA with no interview this year: the journey alert
        self._contract(self.partner_a, "cesa", self.today - relativedelta(months=2))
        data = (
            self.env["cae.dashboard"].with_user(self.user_support).get_backoffice_data()
        )
        row = self._row(data, self.activity_a)
        self.assertEqual(row["alert_count"], 1)
        self.assertIn("fewer than 2 individual interviews", row["alerts"][0])
        self.assertEqual(self._row(data, self.activity_b)["alert_count"], 0)


@tagged("post_install", "-at_install", "is_query_count")
class TestDashboardQueries(DashboardCommon):
    """One call, a constant number of queries whatever the number of
    activities."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def entrepreneur(login, name, count):
            user = new_test_user(
                cls.env,
                login=login,
                name=name,
                groups="base.group_user,cae_member.cae_member_group_entrepreneur",
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )
            user.partner_id.is_cae_member = True
            for index in range(count):
                activity = cls._member_activity(user.partner_id, f"{login[:3]}{index}")
                cls._posted(activity, 100.0 * (index + 1), cls.today)
                cls._posted(activity, 50.0, cls._last_year(cls.today))
                quote = cls._quote(activity, 10.0)
                quote.action_cae_submit()
            return user

        cls.user_one = entrepreneur("one_activity", "Olga One", 1)
        cls.user_five = entrepreneur("five_activities", "Fanny Five", 5)

    def _warm(self, user, method):
        """Call once from an empty record cache: the user's rule and access
        caches are warm, the record cache is empty again."""
        self.env.flush_all()
        self.env.invalidate_all()
        getattr(self.env["cae.dashboard"].with_user(user), method)()
        self.env.flush_all()
        self.env.invalidate_all()

    def _queries(self, user, method):
        self._warm(user, method)
        before = self.cr.sql_log_count
        getattr(self.env["cae.dashboard"].with_user(user), method)()
        return self.cr.sql_log_count - before

    def test_entrepreneur_queries_do_not_grow_with_activities(self):
        one = self._queries(self.user_one, "get_entrepreneur_data")
        self._warm(self.user_five, "get_entrepreneur_data")
        with self.assertQueryCount(one):
            data = (
                self.env["cae.dashboard"]
                .with_user(self.user_five)
                .get_entrepreneur_data()
            )
        self.assertEqual(len(data["activities"]), 5)

    def test_backoffice_queries_do_not_grow_with_activities(self):
        before = self._queries(self.user_support, "get_backoffice_data")
        self._member_activity(self.user_one.partner_id, "MORE1")
        self._member_activity(self.user_b.partner_id, "MORE2")
        self._warm(self.user_support, "get_backoffice_data")
        with self.assertQueryCount(before):
            data = (
                self.env["cae.dashboard"]
                .with_user(self.user_support)
                .get_backoffice_data()
            )
        self.assertEqual(len(data["activities"]), 10)
