from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import format_date

from .common import CaeTestCommon


@tagged("post_install", "-at_install")
class TestAccountStatement(CaeTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.misc_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "general")], limit=1
        )

    @classmethod
    def _account(cls, code, name=None, account_type=None):
        account = cls.env["account.account"].search(
            [("company_ids", "in", cls.company.ids), ("code", "=", code)], limit=1
        )
        return account or cls.env["account.account"].create(
            {
                "code": code,
                "name": name or code,
                "account_type": account_type,
                "company_ids": [Command.set(cls.company.ids)],
            }
        )

    @classmethod
    def _entry(cls, activity, lines, date="2025-03-31"):
        move = cls.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": cls.misc_journal.id,
                "date": date,
                "cae_activity_id": activity.id,
                "line_ids": [
                    Command.create(
                        {
                            "account_id": cls._account(code).id,
                            "name": code,
                            "debit": debit,
                            "credit": credit,
                        }
                    )
                    for code, debit, credit in lines
                ],
            }
        )
        move.action_post()
        return move

    def _statement(self, activity, user=None, **vals):
        env = self.env(user=user) if user else self.env
        return env["cae.account.statement"].create(
            {
                "activity_id": activity.id,
                "period": "year",
                "date": "2025-12-31",
                **vals,
            }
        )

    def _scenario_a(self):
        invoice = self._invoice(
            self.activity_a, self.customer_a, 1000.0, date="2025-03-10"
        )
        invoice.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": "2025-03-20"})._create_payments()
        bill = self._invoice(
            self.activity_a,
            self.customer_a,
            100.0,
            move_type="in_invoice",
            date="2025-03-12",
        )
        bill.action_post()
        self._entry(
            self.activity_a,
            [
                ("641100", 500, 0),
                ("645100", 200, 0),
                ("421000", 0, 390),
                ("431000", 0, 310),
            ],
        )

    def test_statement_figures(self):
        """Acceptance 1 of the état des comptes."""
        self._scenario_a()
        statement = self._statement(self.activity_a)
        expected = {
            "revenue": 1000.0,
            "purchases": 100.0,
            "salaries": 700.0,
            "result": 200.0,
            "cash": 1200.0,
            "taxes_due": 490.0,
            "suppliers": 120.0,
            "salaries_to_pay": 390.0,
            "available_treasury": 200.0,
        }
        for name, amount in expected.items():
            self.assertAlmostEqual(statement[name], amount, places=2, msg=name)
        self.assertEqual(statement.customers, 0.0)
        # B's statement is untouched by A's entries
        statement_b = self._statement(self.activity_b)
        self.assertEqual(statement_b.revenue, 0.0)
        self.assertEqual(statement_b.cash, 0.0)

        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "cae_member.cae_account_statement_report", statement.ids
            )[0]
            .decode()
        )
        for amount in ("1,000.00", "700.00", "1,200.00", "490.00", "390.00", "200.00"):
            self.assertIn(amount, html)
        self.assertIn("[ACTA] Atelier A", html)

        # a contribution of 150 moves margin from A to the structure
        structure = self.company._cae_structure_account()
        contribution = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.misc_journal.id,
                "date": "2025-04-30",
                "line_ids": [
                    Command.create(
                        {
                            "account_id": self._account(
                                "658600", "Contribution", "expense"
                            ).id,
                            "cae_activity_id": self.activity_a.id,
                            "debit": 150.0,
                        }
                    ),
                    Command.create(
                        {
                            "account_id": self._account(
                                "758600", "Contributions", "income_other"
                            ).id,
                            "analytic_distribution": {str(structure.id): 100},
                            "credit": 150.0,
                        }
                    ),
                ],
            }
        )
        contribution.action_post()
        statement = self._statement(self.activity_a)
        self.assertAlmostEqual(statement.contribution, 150.0)
        self.assertAlmostEqual(statement.available_treasury, 50.0)
        self.assertAlmostEqual(statement.result, 50.0)

    def test_periods(self):
        self._scenario_a()
        march = self._statement(self.activity_a, period="month", date="2025-03-15")
        self.assertEqual(str(march.date_from), "2025-03-01")
        self.assertEqual(str(march.date_to), "2025-03-31")
        self.assertAlmostEqual(march.revenue, 1000.0)
        april = self._statement(self.activity_a, period="month", date="2025-04-15")
        self.assertEqual(april.revenue, 0.0)
        # balances are carried at the end of every later period
        self.assertAlmostEqual(april.cash, 1200.0)
        quarter = self._statement(self.activity_a, period="quarter", date="2025-02-01")
        self.assertEqual(str(quarter.date_to), "2025-03-31")

    def test_drill_down(self):
        self._scenario_a()
        statement = self._statement(self.activity_a)
        action = statement.with_context(cae_figure="salaries").action_open_lines()
        lines = self.env["account.move.line"].search(action["domain"])
        self.assertEqual(sum(lines.mapped("balance")), 700.0)

    def test_menu_opens_own_statement(self):
        """The menu opens the statement of the entrepreneur's activity (not an
        empty "New" one) whose breadcrumb names the activity and the period;
        the admin team chooses the activity (issue 18)."""
        Statement = self.env["cae.account.statement"]
        menu = self.env.ref("cae_member.cae_account_statement_menu")
        self.assertEqual(
            menu.action, self.env.ref("cae_member.cae_account_statement_action_open")
        )
        action = menu.action.with_user(self.user_a).run()
        statement = Statement.with_user(self.user_a).browse(action["res_id"])
        self.assertEqual(statement.activity_id, self.activity_a)
        self.assertIn("ACTA", statement.display_name)
        self.assertNotIn("cae.account.statement", statement.display_name)
        self.assertIn(format_date(self.env, statement.date_to), statement.display_name)
        action = menu.action.with_user(self.user_admin).run()
        self.assertFalse(action.get("res_id"))

    def test_salary_check(self):
        self._scenario_a()
        statement = self._statement(self.activity_a, requested_salary=100.0)
        self.assertAlmostEqual(statement.salary_employer_cost, 145.0)
        self.assertFalse(statement.salary_exceeds_treasury)
        statement.requested_salary = 150.0
        self.assertTrue(statement.salary_exceeds_treasury)

    def test_access(self):
        """Acceptance 2: B cannot open A's statement and sees his own."""
        with self.assertRaises(AccessError):
            self._statement(self.activity_a, user=self.user_b)
        own = self._statement(self.activity_b, user=self.user_b)
        self.assertEqual(own.revenue, 0.0)
        self.assertEqual(
            self.env["cae.account.statement"]
            .with_user(self.user_b)
            .new({})
            .activity_id,
            self.activity_b,
        )
        for user in (self.user_support, self.user_admin):
            self._statement(self.activity_a, user=user)

    def test_query_count_constant(self):
        """Acceptance 6: same number of queries at 10 and 1 000 lines."""

        def lines(n):
            return [("706000", 0, 10.0), ("512100", 10.0, 0)] * (n // 2)

        self._entry(self.activity_a, lines(10))
        self._entry(self.activity_b, lines(1000))
        self.env.invalidate_all()

        def count(activity):
            statement = self._statement(activity)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.assertTrue(statement.revenue)
            self.assertTrue(statement.available_treasury)
            return self.cr.sql_log_count - before

        small, large = count(self.activity_a), count(self.activity_b)
        self.assertEqual(small, large)
        self.assertLessEqual(large, 15)
        # and the hot path, guarded
        statement = self._statement(self.activity_b)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(large):
            self.assertTrue(statement.available_treasury)

    def test_statement_index(self):
        """The statement's aggregate has its index: the posted items of the
        activities by activity and account, with their date and balance (read
        from the index alone at scale, see the README's performance table)."""
        self.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["account_move_line_cae_statement_idx"],
        )
        (definition,) = self.cr.fetchone()
        self.assertIn(
            "(cae_activity_id, account_id) INCLUDE (date, balance)", definition
        )
        self.assertIn("'posted'", definition)
