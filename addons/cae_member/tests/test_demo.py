"""The documented demo logins, on a database WITH demo data.

Tagged ``cae_demo`` and not ``standard``: ``make test`` runs it in its demo
check (the four modules installed with their demo data), never in the
demo-free test database. The only tests of the suite that read demo records.
"""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

DEMO_LOGINS = {
    # login: (CAE menus it must see, CAE menus it must not see)
    "claire": (
        ["cae_member.sale_order_menu_cae", "cae_member.cae_account_statement_menu"],
        ["cae_member.cae_payroll_export_wizard_menu", "cae_member.cae_contract_menu"],
    ),
    "julien": (
        ["cae_member.sale_order_menu_cae"],
        ["cae_member.cae_payroll_export_wizard_menu"],
    ),
    "appui": (
        [
            "cae_member.cae_contract_menu",
            "cae_member.account_move_menu_cae_to_validate",
        ],
        ["cae_member.cae_payroll_export_wizard_menu"],
    ),
    "gestion": (
        [
            "cae_member.cae_payroll_export_wizard_menu",
            "cae_member.cae_payroll_import_menu",
        ],
        [],
    ),
    "cogerance": (
        ["cae_member.cae_payroll_export_wizard_menu", "cae_member.cae_contract_menu"],
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


@tagged("-standard", "cae_demo", "post_install", "-at_install")
class TestDemoHistory(HttpCase):
    """The demo CAE has a year behind it: monthly invoices, bills, payments,
    payroll entries and contribution runs."""

    def test_a_year_of_history(self):
        today = fields.Date.today()
        first = today.replace(day=1)
        year_ago = first - relativedelta(months=12)
        Line = self.env["account.move.line"]
        sophie = self.env.ref("cae_member.partner_sophie_garnier_demo")
        # Sophie has been under CESA for 30 months: her activity has a full year
        activity = sophie.cae_activity_ids[:1]
        self.assertTrue(activity)
        invoices = self.env["account.move"].search(
            [
                ("cae_activity_id", "=", activity.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("invoice_date", ">=", year_ago),
                ("invoice_date", "<", first),
            ]
        )
        months = {(m.invoice_date.year, m.invoice_date.month) for m in invoices}
        self.assertEqual(len(months), 12, months)
        self.assertTrue(
            invoices.filtered(lambda m: m.payment_state in ("paid", "in_payment"))
        )
        self.assertTrue(invoices.filtered(lambda m: m.payment_state == "not_paid"))
        bills = self.env["account.move"].search_count(
            [
                ("cae_activity_id", "=", activity.id),
                ("move_type", "=", "in_invoice"),
                ("state", "=", "posted"),
                ("invoice_date", ">=", year_ago),
            ]
        )
        self.assertGreaterEqual(bills, 12)
        salary_journal = self.env.company._cae_salary_journal()
        payroll = Line.search(
            [
                ("cae_activity_id", "=", activity.id),
                ("journal_id", "=", salary_journal.id),
                ("parent_state", "=", "posted"),
                ("date", ">=", year_ago),
                ("debit", ">", 0),
                ("account_id.internal_group", "=", "expense"),
            ]
        )
        self.assertEqual(
            len({(line.date.year, line.date.month) for line in payroll}), 12
        )
        # every activity whose entrepreneurs have contracts has documents
        activities = self.env["cae.activity"].search([("member_ids", "!=", False)])
        with_documents = Line.search(
            [("move_id.move_type", "=", "out_invoice")]
        ).cae_activity_id
        contracted = activities.filtered(
            lambda a: a.member_ids.cae_contract_ids.filtered(
                lambda c, a=a: (
                    c.state in ("running", "ended")
                    and c.activity_id in (a, self.env["cae.activity"])
                    and c.date_start < first
                    and (not c.date_end or c.date_end >= year_ago)
                )
            )
        )
        self.assertLessEqual(set(contracted.ids), set(with_documents.ids))
        if "cae.contribution.line" in self.env:
            runs = self.env["cae.contribution.line"].search(
                [("activity_id", "=", activity.id), ("date_to", ">=", year_ago)]
            )
            self.assertGreaterEqual(len(set(runs.mapped("date_to"))), 12)
