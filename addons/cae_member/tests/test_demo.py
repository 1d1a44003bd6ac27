"""The documented demo logins, on a database WITH demo data.

Tagged ``cae_demo`` and not ``standard``: ``make test`` runs it in its demo
check (the four modules installed with their demo data), never in the
demo-free test database. The only tests of the suite that read demo records.
"""

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
