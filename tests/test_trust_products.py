"""Issue 18: products per activity through the real JSON-RPC and XML-RPC
endpoints. Entrepreneur A creates a product of her activity (it lands on her
activity whatever she asks), reads the CAE's shared ones; she reads, writes
and hands over no product of B's and changes no shared product; the database
is unchanged after each refused call (read back as the admin)."""

from odoo.tests import tagged

from .trust_common import TrustRpcCase


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustProducts(TrustRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product_b = cls.env["product.template"].create(
            {
                "name": "Pain de campagne",
                "type": "consu",
                "list_price": 4.5,
                "cae_activity_id": cls.activity_b.id,
            }
        )
        cls.shared = cls.product_service.product_tmpl_id

    def _state(self):
        self.env.invalidate_all()
        return (
            self.product_b.read(["name", "list_price", "cae_activity_id", "active"]),
            self.shared.read(["name", "list_price", "cae_activity_id"]),
        )

    def test_entrepreneur_creates_and_reads(self):
        for call in (self.jsonrpc, self.xmlrpc):
            new_id = call(
                "ent_a",
                "product.template",
                "create",
                [{"name": f"Atelier ({call.__name__})", "list_price": 60.0}],
            )
            new_id = new_id[0] if isinstance(new_id, list) else new_id
            product = self.env["product.template"].browse(new_id)
            self.assertEqual(product.cae_activity_id, self.activity_a)
            seen = call("ent_a", "product.template", "search_read", [], fields=["name"])
            ids = {p["id"] for p in seen}
            self.assertIn(new_id, ids)
            self.assertIn(self.shared.id, ids)
            self.assertNotIn(self.product_b.id, ids)

    def test_entrepreneur_changes_no_other_product(self):
        before = self._state()
        calls = [
            ("product.template", "write", [self.product_b.ids, {"list_price": 0.1}]),
            ("product.template", "read", [self.product_b.ids, ["name"]]),
            ("product.template", "write", [self.shared.ids, {"list_price": 0.1}]),
            (
                "product.template",
                "write",
                [self.product_b.ids, {"cae_activity_id": self.activity_a.id}],
            ),
            ("product.template", "unlink", [self.product_b.ids]),
            ("product.template", "action_archive", [self.product_b.ids]),
            (
                "product.product",
                "write",
                [self.product_b.product_variant_ids.ids, {"default_code": "X"}],
            ),
            (
                "product.template",
                "create",
                [{"name": "Chez Bruno", "cae_activity_id": self.activity_b.id}],
            ),
        ]
        for model, method, args in calls:
            for call in self.both("ent_a", model, method, *args):
                with self.subTest(model=model, method=method):
                    self.assertRefused(call)
                    self.assertEqual(self._state(), before)
        self.assertFalse(
            self.env["product.template"].search([("name", "=", "Chez Bruno")])
        )
