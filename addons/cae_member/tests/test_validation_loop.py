"""Issue 18: the validation loop speaks to people. A submission schedules a
to-do for the support team's responsible; validating or refusing closes it and
notifies the entrepreneur (with the reason); she may e-mail or confirm a quote
above her threshold only once it is validated."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import CaeTestCommon


@tagged("post_install", "-at_install")
class TestValidationLoop(CaeTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.cae_default_validation_threshold = 1000.0
        cls.company.cae_support_responsible_id = cls.user_support
        cls.order = (
            cls.env["sale.order"]
            .with_user(cls.user_a)
            .create(
                {
                    "partner_id": cls.customer_a.id,
                    "cae_activity_id": cls.activity_a.id,
                    "order_line": [
                        Command.create(
                            {"product_id": cls.product_service.id, "price_unit": 5000}
                        )
                    ],
                }
            )
        )

    def _todos(self, record):
        return self.env["mail.activity"].search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )

    def _notified(self, record, partner):
        return self.env["mail.message"].search(
            [
                ("model", "=", record._name),
                ("res_id", "=", record.id),
                ("partner_ids", "in", partner.ids),
            ]
        )

    def test_submission_is_a_todo_and_validation_notifies(self):
        order_a = self.order.with_user(self.user_a)
        self.assertFalse(order_a.cae_can_proceed)
        with self.assertRaisesRegex(UserError, "self-validation threshold"):
            order_a.action_quotation_send()
        with self.assertRaisesRegex(UserError, "self-validation threshold"):
            order_a.action_confirm()
        order_a.action_cae_submit()
        self.assertEqual(self.order.cae_submitted_by_id, self.user_a)
        todo = self._todos(self.order)
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.user_support)
        self.assertIn(self.order.name, todo.summary)
        self.order.with_user(self.user_support).action_cae_validate()
        self.assertFalse(self._todos(self.order))
        message = self._notified(self.order, self.partner_a)
        self.assertTrue(message)
        self.assertIn("Validated by Sam Support", message[0].body)
        self.order.invalidate_recordset(["cae_can_proceed"])
        self.assertTrue(order_a.cae_can_proceed)
        order_a.action_quotation_send()
        order_a.action_confirm()
        self.assertEqual(self.order.state, "sale")

    def test_refusal_notifies_with_the_reason(self):
        invoice = self._invoice(
            self.activity_a, self.customer_a, 3000.0, user=self.user_a
        )
        invoice_a = invoice.with_user(self.user_a)
        self.assertFalse(invoice_a.cae_can_proceed)
        invoice_a.action_cae_submit()
        self.assertEqual(self._todos(invoice).user_id, self.user_support)
        invoice.with_user(self.user_support).action_cae_refuse("Prix à revoir")
        self.assertEqual(invoice.cae_validation_state, "refused")
        self.assertFalse(self._todos(invoice))
        message = self._notified(invoice, self.partner_a)
        self.assertIn("Prix à revoir", message[0].body)

    def test_below_the_threshold_she_proceeds_alone(self):
        small = (
            self.env["sale.order"]
            .with_user(self.user_a)
            .create(
                {
                    "partner_id": self.customer_a.id,
                    "cae_activity_id": self.activity_a.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.product_service.id, "price_unit": 500}
                        )
                    ],
                }
            )
        )
        self.assertTrue(small.cae_can_proceed)
        # the back office is never held
        self.assertTrue(self.order.with_user(self.user_support).cae_can_proceed)

    def test_to_validate_lists_quotes_and_invoices(self):
        for xmlid in (
            "cae_member.sale_order_menu_cae_to_validate",
            "cae_member.account_move_menu_cae_to_validate",
        ):
            menu = self.env.ref(xmlid)
            self.assertIn(
                menu.id,
                self.env["ir.ui.menu"].with_user(self.user_support)._visible_menu_ids(),
            )
        self.order.with_user(self.user_a).action_cae_submit()
        action = self.env.ref("cae_member.sale_order_action_cae_to_validate")
        self.assertIn(
            self.order,
            self.env["sale.order"].search(safe_eval(action.domain)),
        )
