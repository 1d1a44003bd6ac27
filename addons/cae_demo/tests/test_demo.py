"""The documented demo logins, on a database WITH demo data.

Tagged ``cae_demo`` and not ``standard``: ``make test`` runs it in its demo
check (the four modules installed with their demo data), never in the
demo-free test database. The only tests of the suite that read demo records.
"""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import date_utils

from odoo.addons.cae_member.models.cae_account_statement import prefix_match

DEMO_LOGINS = {
    # login: (CAE menus it must see, CAE menus it must not see)
    "claire": (
        ["cae_member.sale_order_menu_cae", "cae_member.cae_account_statement_menu"],
        ["cae_payroll.cae_payroll_export_wizard_menu", "cae_member.cae_contract_menu"],
    ),
    "julien": (
        ["cae_member.sale_order_menu_cae"],
        ["cae_payroll.cae_payroll_export_wizard_menu"],
    ),
    "appui": (
        [
            "cae_member.cae_contract_menu",
            "cae_member.account_move_menu_cae_to_validate",
        ],
        ["cae_payroll.cae_payroll_export_wizard_menu"],
    ),
    "gestion": (
        [
            "cae_payroll.cae_payroll_export_wizard_menu",
            "cae_payroll.cae_payroll_import_menu",
        ],
        [],
    ),
    "cogerance": (
        ["cae_payroll.cae_payroll_export_wizard_menu", "cae_member.cae_contract_menu"],
        [],
    ),
}


@tagged("-standard", "cae_demo", "post_install", "-at_install")
class TestDemoLogins(HttpCase):
    def test_every_demo_login(self):
        Menu = self.env["ir.ui.menu"]
        root = self.env.ref("cae_member.cae_member_menu_root")
        for login, (visible, hidden) in DEMO_LOGINS.items():
            with self.subTest(login=login):
                self.authenticate(login, login)
                self.assertEqual(self.url_open("/odoo").status_code, 200)
                user = self.env["res.users"].search([("login", "=", login)])
                menus = Menu.with_user(user)._visible_menu_ids()
                self.assertIn(root.id, menus)
                for xmlid in visible:
                    self.assertIn(self.env.ref(xmlid).id, menus, xmlid)
                for xmlid in hidden:
                    self.assertNotIn(self.env.ref(xmlid).id, menus, xmlid)

    def test_entrepreneurs_reach_only_their_activities(self):
        for login in ("claire", "julien"):
            user = self.env["res.users"].search([("login", "=", login)])
            own = user.partner_id.cae_activity_ids
            self.assertTrue(own, login)
            for model in ("sale.order", "account.move", "account.move.line"):
                records = self.env[model].with_user(user).search([])
                self.assertTrue(records, f"{login} sees no {model}")
                self.assertLessEqual(
                    set(records.mapped("cae_activity_id")), set(own), model
                )
            everything = self.env["sale.order"].search(
                [("cae_activity_id", "!=", False)]
            )
            self.assertGreater(len(everything.cae_activity_id), len(own))

    def test_entrepreneurs_have_employee_records(self):
        """Expense sheets need an employee; the pay variables a payroll
        reference (issue 18)."""
        today = fields.Date.today()
        members = self.env["res.partner"].search(
            [
                ("is_cae_member", "=", True),
                ("cae_status", "in", ("cape", "cesa", "associate")),
            ]
        )
        self.assertTrue(members)
        employees = self.env["hr.employee"].search(
            [("work_contact_id", "in", members.ids)]
        )
        self.assertEqual(employees.work_contact_id, members)
        for employee in employees:
            salaried = employee.work_contact_id._cae_status_at(today) in (
                "cesa",
                "associate",
            )
            with self.subTest(employee=employee.name):
                self.assertEqual(
                    employee.employee_type, "employee" if salaried else "freelance"
                )
                self.assertEqual(bool(employee.cae_payroll_ref), salaried)
        for login in ("claire", "julien"):
            user = self.env["res.users"].search([("login", "=", login)])
            self.assertTrue(user.employee_ids, login)
        export = self.env["cae.payroll.export"].search(
            [("month", "=", today.replace(day=1))], limit=1
        )
        self.assertTrue(export.line_ids)
        self.assertTrue(all(export.line_ids.mapped("payroll_ref")))


@tagged("-standard", "cae_demo", "post_install", "-at_install")
class TestDemoHistory(TransactionCase):
    """The demo CAE has a year behind it: each activity has, for every past
    month under contract, posted invoices (some paid, some open) and a vendor
    bill, the payroll entry of its CESA entrepreneurs, the contribution run,
    and its état des comptes shows revenue, salaries and cash."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first = fields.Date.today().replace(day=1)
        cls.year_ago = cls.first - relativedelta(months=12)
        cls.last_day = cls.first - relativedelta(days=1)
        cls.past_months = [cls.year_ago + relativedelta(months=n) for n in range(12)]
        activities = cls.env["cae.activity"].search(
            [("company_id", "=", cls.env.company.id), ("member_ids", "!=", False)]
        )
        # activity -> past months (first days) under contract, under CESA
        cls.covered, cls.cesa = {}, {}
        for activity in activities:
            contracts = activity.member_ids._cae_counted_contracts().filtered(
                lambda c, a=activity: c.activity_id in (a, cls.env["cae.activity"])
            )
            for contract_types, covered in (
                (("cape", "cesa"), cls.covered),
                (("cesa",), cls.cesa),
            ):
                months = {
                    month
                    for month in cls.past_months
                    for contract in contracts
                    if contract.contract_type in contract_types
                    and contract.date_start <= date_utils.end_of(month, "month")
                    and (not contract.date_end or contract.date_end >= month)
                }
                if months:
                    covered[activity] = months
        cls.documents = cls.env["account.move"].search(
            [
                ("cae_activity_id", "in", activities.ids),
                ("move_type", "in", ("out_invoice", "in_invoice")),
                ("state", "=", "posted"),
                ("invoice_date", ">=", cls.year_ago),
                ("invoice_date", "<=", cls.last_day),
            ]
        )

    def _months(self, records, field="date"):
        return {record[field].replace(day=1) for record in records}

    def test_invoices_and_bills_every_month_under_contract(self):
        self.assertGreaterEqual(len(self.covered), 5)
        full_year = [a for a, months in self.covered.items() if len(months) == 12]
        self.assertGreaterEqual(len(full_year), 3)
        for activity, months in self.covered.items():
            documents = self.documents.filtered(
                lambda m, a=activity: m.cae_activity_id == a
            )
            for move_type in ("out_invoice", "in_invoice"):
                with self.subTest(activity=activity.code, move_type=move_type):
                    of_type = documents.filtered(
                        lambda m, t=move_type: m.move_type == t
                    )
                    self.assertLessEqual(months, self._months(of_type, "invoice_date"))
        invoices = self.documents.filtered(lambda m: m.move_type == "out_invoice")
        states = set(invoices.mapped("payment_state"))
        self.assertTrue(states & {"paid", "in_payment"}, states)
        self.assertIn("not_paid", states)
        bills = self.documents - invoices
        self.assertTrue(bills.filtered(lambda m: m.payment_state != "not_paid"))

    def test_payroll_every_month_under_cesa(self):
        self.assertGreaterEqual(len(self.cesa), 3)
        journal = self.env.company._cae_salary_journal()
        lines = self.env["account.move.line"].search(
            [
                ("journal_id", "=", journal.id),
                ("parent_state", "=", "posted"),
                ("date", ">=", self.year_ago),
                ("date", "<=", self.last_day),
            ]
        )
        self.assertFalse(lines.filtered(lambda line: not line.cae_activity_id))
        for activity, months in self.cesa.items():
            with self.subTest(activity=activity.code):
                of_activity = lines.filtered(
                    lambda line, a=activity: line.cae_activity_id == a
                )
                salaries = of_activity.filtered(
                    lambda line: line.account_id.internal_group == "expense"
                )
                self.assertLessEqual(months, self._months(salaries))
                analytic = {str(activity.analytic_account_id.id): 100.0}
                for line in salaries:
                    self.assertEqual(
                        {k: float(v) for k, v in line.analytic_distribution.items()},
                        analytic,
                    )
                # net salaries and social charges owed (credit), then paid
                debts = of_activity.filtered(
                    lambda line: line.account_id.internal_group == "liability"
                )
                self.assertTrue(debts.filtered("credit"))
                self.assertTrue(debts.filtered("debit"))

    def test_contribution_every_month(self):
        if "cae.contribution.line" not in self.env:
            return
        month_ends = {date_utils.end_of(m, "month") for m in self.past_months}
        lines = self.env["cae.contribution.line"].search(
            [("activity_id", "in", [a.id for a in self.covered])]
        )
        for activity in self.covered:
            with self.subTest(activity=activity.code):
                of_activity = lines.filtered(lambda c, a=activity: c.activity_id == a)
                self.assertLessEqual(month_ends, set(of_activity.mapped("date_to")))

    def test_account_statement(self):
        activities = self.env["cae.activity"].browse([a.id for a in self.cesa])
        statements = self.env["cae.account.statement"]._cae_compute_statements(
            activities, self.year_ago, self.last_day
        )
        Line = self.env["account.move.line"]
        company = self.env.company
        # the état des comptes reads the French chart's account codes (70,
        # 64, 5); on another chart (make test's demo check loads the generic
        # one) the same figures are read from the account types
        revenue_accounts = self.documents.filtered(
            lambda m: m.move_type == "out_invoice"
        ).invoice_line_ids.account_id
        french = all(
            account.code.startswith("7")
            and prefix_match(account.code, company.cae_statement_revenue_prefixes)
            for account in revenue_accounts
        )
        # the bank and the outstanding receipts and payments
        payments = self.env["account.payment"].search(
            [("company_id", "=", company.id), ("state", "!=", "draft")]
        )
        cash_accounts = (
            payments.outstanding_account_id | payments.journal_id.default_account_id
        )
        journal = company._cae_salary_journal()
        for activity in activities:
            with self.subTest(activity=activity.code):
                if french:
                    figures = statements[activity.id]
                    revenue = figures["revenue"]
                    salaries = figures["salaries"]
                    cash = figures["cash"]
                else:
                    base = [
                        ("cae_activity_id", "=", activity.id),
                        ("parent_state", "=", "posted"),
                        ("date", "<=", self.last_day),
                    ]
                    period = [*base, ("date", ">=", self.year_ago)]

                    def total(domain):
                        return sum(Line.search(domain).mapped("balance"))

                    revenue = -total(
                        [*period, ("account_id.internal_group", "=", "income")]
                    )
                    salaries = total(
                        [
                            *period,
                            ("journal_id", "=", journal.id),
                            ("account_id.internal_group", "=", "expense"),
                        ]
                    )
                    cash = total([*base, ("account_id", "in", cash_accounts.ids)])
                self.assertGreater(revenue, 0)
                self.assertGreater(salaries, 0)
                self.assertGreater(cash, 0)


@tagged("-standard", "cae_demo", "post_install", "-at_install")
class TestDemoWithoutGenericDemo(TransactionCase):
    """The CAE demo shows the cooperative only: Odoo's generic demo
    (furniture, Azure Interior, a hockey tournament, Marc Demo) is archived
    (issue 18)."""

    def test_no_generic_demo_record_is_active(self):
        found = self.env["cae.demo.generic"]._cae_generic_demo_records()
        # what the parsing of the demo files must find in this database
        for model in ("res.partner", "product.product", "event.event"):
            self.assertTrue(found.get(model), f"no generic demo {model} found")
        for model in ("res.partner", "product.product", "event.event"):
            with self.subTest(model=model):
                active = self.env[model].search(
                    [("id", "in", found[model].ids), ("active", "=", True)]
                )
                kept = (
                    self.env["res.company"].search([]).partner_id
                    | self.env["res.users"].search([]).partner_id
                )
                if model == "res.partner":
                    active -= kept
                    # a kept partner is a company's or a CAE login's, no Marc Demo
                    self.assertNotIn("Marc Demo", kept.mapped("name"))
                self.assertFalse(active, active.mapped("display_name"))
        # records anyone knows from Odoo's demo, checked by their xml id
        for xmlid in (
            "base.res_partner_12",  # Azure Interior
            "base.partner_demo",  # Marc Demo
            "product.product_product_4",  # Customizable Desk
            "event.event_0",
        ):
            record = self.env.ref(xmlid, raise_if_not_found=False)
            if record:
                with self.subTest(xmlid=xmlid):
                    self.assertFalse(record.active, xmlid)
        self.assertFalse(
            self.env["res.users"].search([("login", "=", "demo")]), "Marc Demo logs in"
        )

    def test_the_cae_demo_is_active(self):
        demo_partners = self.env["ir.model.data"].search(
            [("module", "=", "cae_demo"), ("model", "=", "res.partner")]
        )
        partners = self.env["res.partner"].browse(demo_partners.mapped("res_id"))
        self.assertTrue(partners)
        self.assertTrue(all(partners.mapped("active")))
        users = self.env["res.users"].search(
            [("login", "in", ["claire", "julien", "appui", "gestion", "cogerance"])]
        )
        self.assertEqual(len(users), 5)
        self.assertEqual(set(users.mapped("tz")), {"Europe/Paris"})
