"""Acceptance in a real browser of an entrepreneur's day: she records an
expense report and sees the payment of her invoice; her quote above the
threshold becomes a to-do of the support person, whose validation tells her."""

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import CaeTestCommon


@tagged("post_install", "-at_install")
class TestDayTours(CaeTestCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.cae_default_validation_threshold = 1000.0
        cls.company.cae_support_responsible_id = cls.user_support
        if "cae_support_user_id" in cls.partner_a._fields:
            # with cae_parcours, the entrepreneur's support advisor validates
            cls.partner_a.cae_support_user_id = cls.user_support
        cls.customer_a.name = "Boulangerie Martin"
        cls.employee_a = cls.env["hr.employee"]._cae_ensure_for(
            cls.partner_a, cls.company
        )
        cls.product_travel = cls.env["product.product"].create(
            {
                "name": "Billet de train",
                "type": "service",
                "can_be_expensed": True,
                "standard_price": 0.0,
                "property_account_expense_id": cls.account_expense.id,
                "supplier_taxes_id": [Command.clear()],
                "company_id": False,
            }
        )
        cls.invoice_paid = cls._invoice(cls.activity_a, cls.customer_a, 420.0)
        cls.invoice_paid.action_post()
        cls.payment = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=cls.invoice_paid.ids)
            .create({})
            ._create_payments()
        )

    def test_expense_report_and_invoice_payment(self):
        self.assertIn(self.invoice_paid.payment_state, ("paid", "in_payment"))
        self.start_tour("/odoo", "cae_expense_payment_tour", login="ent_a")
        expense = self.env["hr.expense"].search(
            [("name", "=", "Train Tours-Paris")], limit=1
        )
        self.assertEqual(expense.cae_activity_id, self.activity_a)
        self.assertEqual(expense.employee_id, self.employee_a)
        self.assertEqual(expense.total_amount, 80.0)
        self.assertEqual(
            expense.analytic_distribution,
            {str(self.activity_a.analytic_account_id.id): 100},
        )
        sheet = expense.sheet_id
        self.assertEqual(sheet.cae_activity_id, self.activity_a)
        self.assertEqual(sheet.state, "submit")

    def test_entrepreneur_reads_payment_widget(self):
        """The payment widget of the invoice form ("Paid on", the payment's
        details) is hers too: core keeps the field to the invoicing team."""
        invoice = self.invoice_paid.with_user(self.user_a)
        [values] = invoice.read(["invoice_payments_widget"])
        [line] = values["invoice_payments_widget"]["content"]
        self.assertEqual(line["account_payment_id"], self.payment.id)
        self.assertEqual(line["amount"], 504.0)
        arch = invoice.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="invoice_payments_widget"', arch)

    def test_validation_todo_and_notification(self):
        order = (
            self.env["sale.order"]
            .with_user(self.user_a)
            .create(
                {
                    "partner_id": self.customer_a.id,
                    "cae_activity_id": self.activity_a.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product_service.id,
                                "product_uom_qty": 1,
                                "price_unit": 1500.0,
                            }
                        )
                    ],
                }
            )
        )
        self.start_tour("/odoo", "cae_validation_submit_tour", login="ent_a")
        self.assertEqual(order.cae_validation_state, "to_validate")
        todo = self.env["mail.activity"].search(
            [("res_model", "=", "sale.order"), ("res_id", "=", order.id)]
        )
        self.assertEqual(todo.user_id, self.user_support)

        self.start_tour("/odoo", "cae_validation_validate_tour", login="support")
        self.assertEqual(order.cae_validation_state, "validated")
        self.assertEqual(order.cae_validated_by_id, self.user_support)
        self.assertFalse(todo.exists(), "the to-do is done")
        notification = self.env["mail.notification"].search(
            [
                ("mail_message_id.model", "=", "sale.order"),
                ("mail_message_id.res_id", "=", order.id),
                ("res_partner_id", "=", self.partner_a.id),
            ]
        )
        self.assertEqual(len(notification), 1)
        self.assertIn("Validated by Sam Support", notification.mail_message_id.body)

        self.start_tour("/odoo", "cae_validation_confirm_tour", login="ent_a")
        self.assertEqual(order.state, "sale")
