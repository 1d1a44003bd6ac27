"""Issue 18, acceptance 2 (cae_member's share): the invoice and the quote carry
the cooperative's legal identity (legal form, capital, registry, SIRET, VAT),
the activity's trade name, the bank details; a professional customer's
invoice the late-payment penalties and the 40 € recovery fee; a service is
printed as a service. Odoo renders the PDF reports as HTML under tests: the
assertions read that HTML."""

from odoo import Command
from odoo.tests import tagged

from .common import CaeTestCommon

IBAN = "FR76 3000 6000 0112 3456 7890 189"


@tagged("post_install", "-at_install")
class TestDocumentIdentity(CaeTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "cae_legal_form": "SCOP SA à capital variable",
                "cae_share_capital": 18500.0,
                "company_registry": "Tours 123 456 789",
            }
        )
        bank = cls.env["res.bank"].create(
            {"name": "Crédit Coopératif", "bic": "CCOPFRPP"}
        )
        account = cls.env["res.partner.bank"].create(
            {
                "acc_number": IBAN.replace(" ", ""),
                "bank_id": bank.id,
                "partner_id": cls.company.partner_id.id,
                "company_id": cls.company.id,
            }
        )
        cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1
        ).bank_account_id = account
        cls.private = cls.env["res.partner"].create(
            {
                "name": "Mme Particulière",
                "is_company": False,
                "cae_customer_activity_ids": [Command.link(cls.activity_a.id)],
            }
        )

    def _html(self, report, records):
        return (
            self.env["ir.actions.report"]
            ._render_qweb_html(report, records.ids)[0]
            .decode()
            .replace("&#39;", "'")
        )

    def _assert_identity(self, html):
        for text in (
            "Les Ateliers d'Anne",
            "Coopérative Test",
            "SCOP SA à capital variable",
            "18,500.00",
            "RCS",
            "Tours 123 456 789",
            "12345678900017",
            "FR23334175221",
            "1 rue de la Coopération",
        ):
            self.assertIn(text, html)

    def test_b2b_invoice(self):
        invoice = self._invoice(self.activity_a, self.customer_a, 100.0)
        invoice.action_post()
        html = self._html("account.report_invoice", invoice)
        self._assert_identity(html)
        self.assertIn("trois fois le taux d'intérêt légal", html)
        self.assertIn("recovery fee", html)
        self.assertIn("40.00", html)
        self.assertIn("No discount for early payment", html)
        self.assertIn(IBAN, html)
        self.assertIn("CCOPFRPP", html)
        # a service, sold with the 20 % rate, is a service (cae_member's
        # operation type, or cae_einvoicing's operation category)
        self.assertRegex(
            html,
            r'class="cae_operation_(type|category)">\s*(Service Delivery|Services)\s*<',
        )
        self.assertNotIn("Goods Delivery", html)

    def test_b2c_invoice_has_no_professional_mentions(self):
        invoice = self._invoice(self.activity_a, self.private, 100.0)
        invoice.action_post()
        html = self._html("account.report_invoice", invoice)
        self._assert_identity(html)
        self.assertNotIn("recovery fee", html)
        self.assertIn(IBAN, html)

    def test_quote_with_agreement_block(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer_a.id,
                "cae_activity_id": self.activity_a.id,
                "order_line": [Command.create({"product_id": self.product_service.id})],
            }
        )
        html = self._html("sale.action_report_saleorder", order)
        self._assert_identity(html)
        self.assertIn(IBAN, html)
        self.assertIn("Good for agreement", html)
        self.assertIn("Bon pour accord", html)
        # a confirmed order needs no agreement block any more
        order.action_confirm()
        self.assertNotIn(
            "Good for agreement", self._html("sale.action_report_saleorder", order)
        )

    def test_french_mentions(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        # the French of every installed addon of the suite, as in a French
        # database (cae_einvoicing words the operation category itself)
        modules = self.env["ir.module.module"].search(
            [("name", "=like", "cae\\_%"), ("state", "=", "installed")]
        )
        modules._load_module_terms(modules.mapped("name"), ["fr_FR"], overwrite=True)
        self.customer_a.lang = "fr_FR"
        invoice = self._invoice(self.activity_a, self.customer_a, 100.0)
        invoice.action_post()
        html = self._html("account.report_invoice", invoice)
        self.assertIn("indemnité forfaitaire pour frais de recouvrement", html)
        self.assertIn("Coordonnées bancaires", html)
        self.assertRegex(html, r"Prestations? de services")
        self.assertIn("18 500,00", html.replace("\u202f", " ").replace("\xa0", " "))
