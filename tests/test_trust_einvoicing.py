"""Issue 16, acceptance 3 (e-invoicing): A's entrepreneur cannot see or act
on B's bills through real JSON-RPC and XML-RPC; statuses and received
documents cannot be forged; B's own answer still runs through its button.
The database is read back as the admin after each refusal."""

from odoo.tests import tagged

from odoo.addons.cae_einvoicing.tests.common import EinvoicingCommon

from .trust_common import TrustRpcCase


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustEinvoicing(EinvoicingCommon, TrustRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # two bills received as e-invoices, routed to A and to B
        cls.bill_a = cls._received_bill(cls.activity_a, "FA-1", 80.0)
        cls.bill_b = cls._received_bill(cls.activity_b, "FB-1")

    def _statuses(self, bill):
        """Statuses beyond "made available" (203, recorded on reception)."""
        self.env.invalidate_all()
        return [
            code
            for code in bill.cae_einvoice_status_ids.mapped("code")
            if code != "203"
        ]

    def test_a_cannot_answer_b_bills(self):
        for method in (
            "action_cae_einvoice_refuse",
            "action_cae_einvoice_approve",
            "action_cae_einvoice_dispute",
        ):
            for call in self.both("ent_a", "account.move", method, [self.bill_b.id]):
                self.assertRefused(call)
        self.assertEqual(self._statuses(self.bill_b), [])

    def test_a_cannot_read_or_write_b_bills(self):
        found = self.jsonrpc(
            "ent_a", "account.move", "search", [("move_type", "=", "in_invoice")]
        )
        self.assertNotIn(self.bill_b.id, found)
        self.assertIn(self.bill_a.id, found)
        for call in self.both(
            "ent_a",
            "account.move",
            "read",
            [self.bill_b.id],
            ["cae_einvoice_status_ids", "cae_einvoice_reason"],
        ):
            self.assertRefused(call)
        for call in self.both(
            "ent_a",
            "account.move",
            "write",
            [self.bill_b.id],
            {"cae_einvoice_reason": "pas à moi"},
        ):
            self.assertRefused(call)
        self.assertFalse(self.bill_b.cae_einvoice_reason)

    def test_statuses_and_documents_cannot_be_forged(self):
        for login in ("ent_a", "ent_b"):
            for call in self.both(
                login,
                "cae.einvoice.status",
                "create",
                {"move_id": self.bill_b.id, "code": "205"},
            ):
                self.assertRefused(call)
            for call in self.both(
                login, "cae.einvoice.document", "search_read", [], ["name"]
            ):
                self.assertRefused(call)
        for call in self.both(
            "ent_b",
            "account.move",
            "write",
            [self.bill_b.id],
            {"cae_operation_category": "goods"},
        ):
            self.assertRefused(call)
        self.assertEqual(self._statuses(self.bill_b), [])
        self.assertEqual(self.bill_b.cae_operation_category, "services")

    def test_b_refuses_her_bill_through_rpc(self):
        self.jsonrpc(
            "ent_b",
            "account.move",
            "write",
            [self.bill_b.id],
            {"cae_einvoice_reason": "Prestation non commandée"},
        )
        self.jsonrpc(
            "ent_b", "account.move", "action_cae_einvoice_refuse", [self.bill_b.id]
        )
        self.assertEqual(self._statuses(self.bill_b), ["210"])
        status = self.bill_b.cae_einvoice_status_ids.filtered(lambda s: s.code == "210")
        self.assertEqual(status.reason, "Prestation non commandée")
        self.assertEqual(status.user_id, self.user_b)
        # A does not see B's status
        found = self.xmlrpc(
            "ent_a", "cae.einvoice.status", "search", [("move_id", "=", self.bill_b.id)]
        )
        self.assertEqual(found, [])
