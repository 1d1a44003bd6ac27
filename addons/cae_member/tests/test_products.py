from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import CaeTestCommon


@tagged("post_install", "-at_install")
class TestActivityProducts(CaeTestCommon):
    """Products per activity (issue 18): an entrepreneur creates and sells
    her own products, sells the CAE's shared ones, and neither sees nor
    changes another activity's."""

    def _new_product(self, user, name="Cours de poterie", price=80.0):
        form = Form(self.env["product.template"].with_user(user))
        form.name = name
        form.type = "service"
        form.list_price = price
        return form.save()

    def test_entrepreneur_creates_her_product(self):
        product = self._new_product(self.user_a)
        self.assertEqual(product.cae_activity_id, self.activity_a)
        self.assertEqual(product.list_price, 80.0)
        Template = self.env["product.template"]
        seen_a = Template.with_user(self.user_a).search([])
        self.assertIn(product, seen_a)
        self.assertIn(self.product_service.product_tmpl_id, seen_a)
        seen_b = Template.with_user(self.user_b).search([])
        self.assertNotIn(product, seen_b)
        self.assertIn(self.product_service.product_tmpl_id, seen_b)
        self.assertNotIn(
            product.product_variant_id,
            self.env["product.product"].with_user(self.user_b).search([]),
        )
        # she edits hers, not the shared one nor B's
        product.with_user(self.user_a).list_price = 90.0
        self.assertEqual(product.list_price, 90.0)
        with self.assertRaises(AccessError):
            self.product_service.product_tmpl_id.with_user(self.user_a).write(
                {"list_price": 1.0}
            )
        with self.assertRaises(AccessError):
            product.with_user(self.user_b).write({"list_price": 1.0})
        with self.assertRaises(AccessError):
            product.with_user(self.user_b).read(["name"])
        # nor does she hand it to another activity, or set the CAE's accounts
        with self.assertRaises(AccessError):
            product.with_user(self.user_a).write(
                {"cae_activity_id": self.activity_b.id}
            )
        with self.assertRaises(AccessError):
            product.with_user(self.user_a).write(
                {"property_account_income_id": self.account_expense.id}
            )
        self.assertEqual(product.cae_activity_id, self.activity_a)

    def test_entrepreneur_sells_her_product(self):
        product = self._new_product(self.user_a)
        order = (
            self.env["sale.order"]
            .with_user(self.user_a)
            .create(
                {
                    "partner_id": self.customer_a.id,
                    "cae_activity_id": self.activity_a.id,
                    "order_line": [
                        (0, 0, {"product_id": product.product_variant_id.id}),
                        (0, 0, {"product_id": self.product_service.id}),
                    ],
                }
            )
        )
        self.assertEqual(order.amount_untaxed, 180.0)

    def test_admin_products_are_shared(self):
        product = self._new_product(self.user_admin, name="Formation CAE")
        self.assertFalse(product.cae_activity_id)
        self.assertIn(
            product, self.env["product.template"].with_user(self.user_b).search([])
        )
