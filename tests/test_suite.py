"""Cross-module scenarios: the four modules together in one database."""

from odoo import Command
from odoo.tests import tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon


@tagged("post_install", "-at_install", "cae_suite")
class TestSuite(CaeTestCommon):
    def test_four_modules_installed(self):
        modules = self.env["ir.module.module"].search(
            [
                (
                    "name",
                    "in",
                    ["cae_member", "cae_contribution", "cae_parcours", "cae_training"],
                )
            ]
        )
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), 4)

    def test_cae_menu_for_every_role(self):
        root = self.env.ref("cae_member.cae_member_menu_root")
        for user in (
            self.user_a,
            self.user_support,
            self.user_admin,
            self.user_manager,
        ):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertIn(root.id, visible, user.login)

    def test_entrepreneur_invoice_carries_activity_everywhere(self):
        self.company.cae_default_validation_threshold = 1000.0
        invoice = self._invoice(
            self.activity_a, self.customer_a, 500.0, user=self.user_a
        )
        invoice.with_user(self.user_a).action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(
            set(invoice.line_ids.mapped("cae_activity_id")), {self.activity_a}
        )
        analytic = self.env["account.analytic.line"].search(
            [("move_line_id", "in", invoice.line_ids.ids)]
        )
        self.assertTrue(analytic)
        self.assertEqual(analytic.cae_activity_id, self.activity_a)

    def test_manager_implies_support_and_admin(self):
        self.assertTrue(
            self.user_manager.has_group("cae_member.cae_member_group_support")
        )
        self.assertTrue(
            self.user_manager.has_group("cae_member.cae_member_group_admin")
        )
        self.assertFalse(
            self.user_manager.has_group("cae_member.cae_member_group_entrepreneur")
        )
        self.env["cae.activity"].with_user(self.user_manager).create(
            {
                "name": "Activité cogérée",
                "code": "COG",
                "member_ids": [Command.link(self.partner_b.id)],
            }
        )
