from odoo.tests import HttpCase, tagged

from .common import CaeTestCommon


@tagged("post_install", "-at_install")
class TestEntrepreneurTour(CaeTestCommon, HttpCase):
    """A real browser: the entrepreneur's daily journey works with their rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.cae_default_validation_threshold = 1000.0
        cls.product_service.write({"name": "Prestation CAE", "list_price": 250.0})
        cls.customer_a.name = "Boulangerie Martin"

    def test_entrepreneur_quote_invoice_statement(self):
        self.start_tour("/odoo", "cae_entrepreneur_tour", login="ent_a")
        order = self.env["sale.order"].search(
            [("cae_activity_id", "=", self.activity_a.id)], order="id desc", limit=1
        )
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.partner_id.name, "Boulangerie Martin")
        self.assertEqual(order.amount_untaxed, 250.0)
        invoice = order.invoice_ids
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(
            set(invoice.line_ids.mapped("cae_activity_id")), {self.activity_a}
        )
