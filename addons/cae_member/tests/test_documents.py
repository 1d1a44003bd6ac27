from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import CaeTestCommon


@tagged("post_install", "-at_install")
class TestDocuments(CaeTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.cae_default_validation_threshold = 1000.0

    def _quote(self, user, activity, partner, amount):
        return (
            self.env["sale.order"]
            .with_user(user)
            .create(
                {
                    "partner_id": partner.id,
                    "cae_activity_id": activity.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product_service.id,
                                "product_uom_qty": 1,
                                "price_unit": amount,
                            }
                        )
                    ],
                }
            )
        )

    def test_entrepreneur_quote_to_posted_invoice(self):
        """Acceptance 1: quote → order → invoice → posted, all on A's activity."""
        order = self._quote(self.user_a, self.activity_a, self.customer_a, 800.0)
        analytic_key = str(self.activity_a.analytic_account_id.id)
        self.assertEqual(order.order_line.analytic_distribution, {analytic_key: 100})
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        invoice = order._create_invoices()
        self.assertEqual(invoice.cae_activity_id, self.activity_a)
        invoice.with_user(self.user_a).action_post()
        self.assertEqual(invoice.state, "posted")
        income = invoice.invoice_line_ids
        self.assertTrue(income)
        for line in income:
            self.assertEqual(line.analytic_distribution, {analytic_key: 100})
        self.assertEqual(
            set(invoice.line_ids.mapped("cae_activity_id")), {self.activity_a}
        )
        self.assertTrue(
            invoice.line_ids.filtered(lambda l: l.display_type == "payment_term")
        )
        self.assertTrue(invoice.line_ids.filtered(lambda l: l.display_type == "tax"))

    def test_default_activity_from_user(self):
        move_form = Form(
            self.env["account.move"]
            .with_user(self.user_a)
            .with_context(default_move_type="out_invoice")
        )
        self.assertEqual(move_form.cae_activity_id, self.activity_a)
        order = self.env["sale.order"].with_user(self.user_a).new({})
        self.assertEqual(order.cae_activity_id, self.activity_a)

    def test_payment_carries_invoice_activity(self):
        invoice = self._invoice(self.activity_a, self.customer_a, 100.0)
        invoice.action_post()
        payment = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({})
            ._create_payments()
        )
        self.assertEqual(payment.cae_activity_id, self.activity_a)
        if payment.move_id:
            self.assertEqual(
                set(payment.move_id.line_ids.mapped("cae_activity_id")),
                {self.activity_a},
            )
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))

    def test_mass_post_refuses_missing_or_foreign_analytic(self):
        """Acceptance 3: list-view mass posting by the admin is refused."""
        missing = self._invoice(self.activity_a, self.customer_a, 100.0)
        missing.invoice_line_ids.analytic_distribution = False
        foreign = self._invoice(self.activity_a, self.customer_a, 100.0)
        foreign.invoice_line_ids.analytic_distribution = {
            str(self.activity_b.analytic_account_id.id): 100
        }
        for move in (missing, foreign):
            wizard = (
                self.env["validate.account.move"]
                .with_user(self.user_admin)
                .with_context(active_model="account.move", active_ids=move.ids)
                .create({})
            )
            with self.assertRaisesRegex(
                UserError, "analytic distribution must be exactly"
            ):
                wizard.validate_move()
            self.assertEqual(move.state, "draft")

    def test_split_distribution_refused(self):
        invoice = self._invoice(self.activity_a, self.customer_a, 100.0)
        invoice.invoice_line_ids.analytic_distribution = {
            str(self.activity_a.analytic_account_id.id): 50,
            str(self.activity_b.analytic_account_id.id): 50,
        }
        with self.assertRaises(UserError):
            invoice.action_post()

    def test_structure_documents_without_activity(self):
        """The CAE's own invoices have no activity and no activity's account."""
        invoice = self._invoice(self.activity_a, self.customer_a, 100.0)
        invoice.cae_activity_id = False
        self.assertFalse(invoice.invoice_line_ids.analytic_distribution)
        invoice.action_post()
        self.assertFalse(invoice.line_ids.cae_activity_id)
        other = self._invoice(self.activity_a, self.customer_a, 100.0)
        other.cae_activity_id = False
        other.invoice_line_ids.analytic_distribution = {
            str(self.activity_a.analytic_account_id.id): 100
        }
        with self.assertRaisesRegex(UserError, "does not belong to it"):
            other.action_post()
        # an entrepreneur cannot create a document outside their activities
        with self.assertRaises(AccessError):
            self._invoice(self.activity_b, self.customer_a, 100.0, user=self.user_a)

    def test_threshold_and_support_validation(self):
        """Acceptance 4: 900 € alone; 1 500 € only once support validated."""
        small = self._invoice(self.activity_a, self.customer_a, 900.0, user=self.user_a)
        small.with_user(self.user_a).action_post()
        self.assertEqual(small.state, "posted")

        big = self._invoice(self.activity_a, self.customer_a, 1500.0, user=self.user_a)
        with self.assertRaisesRegex(UserError, "self-validation threshold"):
            big.with_user(self.user_a).action_post()
        self.assertEqual(big.state, "draft")
        big.with_user(self.user_a).action_cae_submit()
        self.assertEqual(big.cae_validation_state, "to_validate")
        with self.assertRaises(AccessError):
            big.with_user(self.user_a).action_cae_validate()
        big.with_user(self.user_support).action_cae_validate()
        self.assertEqual(big.cae_validated_by_id, self.user_support)
        self.assertTrue(big.cae_validated_date)
        body = big.message_ids.filtered(lambda m: "Validated by" in (m.body or ""))
        self.assertTrue(body)
        self.assertIn("Sam Support", body[0].body)
        big.with_user(self.user_a).action_post()
        self.assertEqual(big.state, "posted")

    def test_amount_raised_after_validation_needs_new_validation(self):
        big = self._invoice(self.activity_a, self.customer_a, 1500.0, user=self.user_a)
        big.with_user(self.user_support).action_cae_validate()
        big.invoice_line_ids.price_unit = 2500.0
        with self.assertRaises(UserError):
            big.with_user(self.user_a).action_post()

    def test_personal_threshold_and_refusal(self):
        self.partner_a.sudo().cae_validation_threshold = 5000.0
        order = self._quote(self.user_a, self.activity_a, self.customer_a, 4000.0)
        order.with_user(self.user_a).action_confirm()
        self.assertEqual(order.state, "sale")
        big = self._quote(self.user_a, self.activity_a, self.customer_a, 6000.0)
        with self.assertRaises(UserError):
            big.with_user(self.user_a).action_confirm()
        big.with_user(self.user_a).action_cae_submit()
        with self.assertRaisesRegex(UserError, "reason"):
            big.with_user(self.user_support).action_cae_refuse("  ")
        big.with_user(self.user_support).action_cae_refuse("Prix à revoir")
        self.assertEqual(big.cae_validation_state, "refused")
        self.assertEqual(big.cae_refusal_reason, "Prix à revoir")
        self.assertEqual(big.state, "draft")

    def test_threshold_in_company_currency(self):
        """Issue 15, item 11: 900 GBP at 2 € a pound is 1 800 €, above a
        1 000 € threshold, on an invoice and on a quote."""
        gbp = self.env.ref("base.GBP")
        gbp.active = True
        self.env["res.currency.rate"].create(
            {
                "currency_id": gbp.id,
                "company_id": self.company.id,
                "name": fields.Date.today() - relativedelta(days=1),
                "rate": 0.5,
            }
        )
        invoice = self._invoice(self.activity_a, self.customer_a, 900.0)
        invoice.currency_id = gbp
        self.assertEqual(invoice.amount_untaxed, 900.0)
        self.assertEqual(invoice._cae_amount_untaxed(), 1800.0)
        with self.assertRaisesRegex(UserError, "self-validation threshold"):
            invoice.with_user(self.user_a).action_post()
        pricelist = self.env["product.pricelist"].create(
            {"name": "Livres", "currency_id": gbp.id, "company_id": self.company.id}
        )
        order = self._quote(self.user_a, self.activity_a, self.customer_a, 900.0)
        order.pricelist_id = pricelist
        order.order_line.price_unit = 900.0
        self.assertEqual(order.currency_id, gbp)
        self.assertEqual(order._cae_amount_untaxed(), 1800.0)
        with self.assertRaisesRegex(UserError, "self-validation threshold"):
            order.with_user(self.user_a).action_confirm()
        self.assertEqual(order.state, "draft")
        # validated in euros, it goes through
        order.with_user(self.user_support).action_cae_validate()
        self.assertEqual(order.cae_validated_amount, 1800.0)
        order.with_user(self.user_a).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_entrepreneur_cannot_post_other_activity(self):
        invoice = self._invoice(self.activity_b, self.customer_b, 100.0)
        with self.assertRaises(AccessError):
            invoice.with_user(self.user_a).action_post()
        self.assertEqual(invoice.state, "draft")


@tagged("post_install", "-at_install")
class TestReports(CaeTestCommon):
    def test_invoice_and_quote_reports(self):
        """Acceptance 5: trade name, SIRET and the CAPE mention in the body."""
        cape = self._current_cape(self.partner_a)
        invoice = self._invoice(self.activity_a, self.customer_a, 100.0)
        invoice.action_post()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.report_invoice", invoice.ids)[0]
            .decode()
        )
        self.assertIn("Les Ateliers d&#39;Anne", html.replace("'", "&#39;"))
        self.assertIn("12345678900017", html)
        self.assertIn("FR23334175221", html)
        self.assertIn("under CAPE since", html)
        self.assertIn(cape.date_start.strftime("%m/%d/%Y"), html)
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer_a.id,
                "cae_activity_id": self.activity_a.id,
                "order_line": [Command.create({"product_id": self.product_service.id})],
            }
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("sale.action_report_saleorder", order.ids)[0]
            .decode()
        )
        self.assertIn("12345678900017", html)
        self.assertIn("under CAPE since", html)

    def test_no_cape_mention_for_cesa(self):
        self._contract(self.partner_b, "cesa", "2024-01-15")
        invoice = self._invoice(self.activity_b, self.customer_b, 100.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.report_invoice", invoice.ids)[0]
            .decode()
        )
        self.assertIn("Pains de Bruno", html)
        self.assertNotIn("under CAPE since", html)

    def test_french_invoice_mentions(self):
        """The PDF is French: the CAPE mention reads as the CAE prints it."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"].search(
            [("name", "=", "cae_member")]
        )._load_module_terms(["cae_member"], ["fr_FR"], overwrite=True)
        self.customer_a.lang = "fr_FR"
        cape = self._current_cape(self.partner_a)
        invoice = self._invoice(self.activity_a, self.customer_a, 100.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.report_invoice", invoice.ids)[0]
            .decode()
        )
        self.assertIn("Membre de", html)
        self.assertIn("Coopérative Test", html)
        self.assertIn("en CAPE depuis le", html)
        self.assertIn(cape.date_start.strftime("%d/%m/%Y"), html)
        self.assertIn("TVA", html)
