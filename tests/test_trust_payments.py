"""Issue 18: an entrepreneur reads the payments of her activities' invoices
(the invoice's "Paiements" button and the payment form), read-only, through
the real JSON-RPC and XML-RPC endpoints; she reads no other activity's payment
and writes none."""

from odoo.tests import tagged

from .trust_common import TrustRpcCase

PAYMENT_FIELDS = [
    "name",
    "date",
    "amount",
    "currency_id",
    "partner_id",
    "journal_id",
    "payment_method_line_id",
    "state",
    "memo",
    "cae_activity_id",
]


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustPayments(TrustRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice_a = cls._invoice(cls.activity_a, cls.customer_a, 300.0)
        cls.invoice_b = cls._invoice(cls.activity_b, cls.customer_b, 800.0)
        (cls.invoice_a | cls.invoice_b).action_post()
        cls.payment_a = cls._pay(cls.invoice_a)
        cls.payment_b = cls._pay(cls.invoice_b)

    @classmethod
    def _pay(cls, move):
        return (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=move.ids)
            .create({})
            ._create_payments()
        )

    def test_she_reads_the_payment_of_her_invoice(self):
        self.assertEqual(self.payment_a.cae_activity_id, self.activity_a)
        # the invoice's "Paiements" button
        action = self.jsonrpc(
            "ent_a", "account.move", "open_payments", self.invoice_a.ids
        )
        self.assertEqual(action["res_model"], "account.payment")
        self.assertEqual(action.get("res_id"), self.payment_a.id)
        # the payment form, as the web client reads it
        views = self.jsonrpc("ent_a", "account.payment", "get_views", [[False, "form"]])
        self.assertIn("form", views["views"])
        spec = {name: {} for name in PAYMENT_FIELDS}
        for name in ("currency_id", "partner_id", "journal_id", "cae_activity_id"):
            spec[name] = {"fields": {"display_name": {}}}
        spec["payment_method_line_id"] = {"fields": {"display_name": {}}}
        [record] = self.jsonrpc(
            "ent_a", "account.payment", "web_read", self.payment_a.ids, spec
        )
        self.assertAlmostEqual(record["amount"], 360.0)
        self.assertEqual(record["partner_id"]["id"], self.customer_a.id)
        for method in (self.jsonrpc, self.xmlrpc):
            [row] = method(
                "ent_a", "account.payment", "read", self.payment_a.ids, PAYMENT_FIELDS
            )
            self.assertEqual(row["id"], self.payment_a.id)
            ids = method("ent_a", "account.payment", "search", [["id", "!=", 0]])
            self.assertEqual(ids, self.payment_a.ids)

    def test_she_reads_no_other_activity_payment_and_writes_none(self):
        for call in (
            *self.both(
                "ent_a", "account.payment", "read", self.payment_b.ids, ["amount"]
            ),
            *self.both(
                "ent_a", "account.payment", "write", self.payment_a.ids, {"amount": 1.0}
            ),
            *self.both("ent_a", "account.payment", "action_draft", self.payment_a.ids),
            *self.both("ent_a", "account.payment", "unlink", self.payment_a.ids),
            *self.both(
                "ent_a",
                "account.payment",
                "create",
                [
                    {
                        "amount": 10.0,
                        "partner_id": self.customer_a.id,
                        "payment_type": "inbound",
                    }
                ],
            ),
        ):
            self.assertRefused(call)
        self.assertAlmostEqual(self.payment_a.amount, 360.0)
        self.assertEqual(self.payment_a.state, self.payment_b.state)
        self.assertEqual(
            self.env["account.payment"].search_count(
                [("partner_id", "=", self.customer_a.id)]
            ),
            1,
        )
