from unittest.mock import patch

from lxml import etree

from odoo.tests import tagged
from odoo.tools import config

from .common import EinvoicingCommon, facturx, schematron_failures, simple_pdf


@tagged("post_install", "-at_install")
class TestIssuance(EinvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice_lines(
            cls.activity_a,
            cls.customer_a,
            [(cls.product_service, 300.0), (cls.product_service, 150.0)],
        )
        cls.invoice.invoice_line_ids[1].name = "Accompagnement"
        cls.invoice.action_post()

    def _xml(self, invoice):
        xml, _errors = self.env["account.edi.xml.cii"]._export_invoice(invoice)
        return xml

    def test_service_invoice_passes_xsd_en16931_and_br_fr(self):
        xml = self._xml(self.invoice)
        self.assertTrue(facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931"))
        self.assertEqual(
            facturx.get_level(etree.fromstring(xml), "factur-x"), "en16931"
        )
        self.assertEqual(schematron_failures(xml, "en16931"), [])
        self.assertEqual(schematron_failures(xml, "br-fr-flux2"), [])

    def test_credit_note_passes_the_same_rules(self):
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=self.invoice.ids)
            .create({"journal_id": self.invoice.journal_id.id, "reason": "Erreur"})
        )
        credit_note = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
        credit_note.action_post()
        xml = self._xml(credit_note)
        self.assertEqual(
            self.xpath(xml, "//rsm:ExchangedDocument/ram:TypeCode"), ["381"]
        )
        self.assertTrue(facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931"))
        self.assertEqual(schematron_failures(xml, "en16931"), [])
        self.assertEqual(schematron_failures(xml, "br-fr-flux2"), [])

    def test_facturx_pdf_embeds_the_xml(self):
        """Core's PDF step, run as in production (the test flag makes it
        keep the XML aside instead): the PDF carries factur-x.xml, our XML,
        readable by the factur-x library."""
        builder = self.env["account.edi.xml.cii"]
        invoice_data = {
            "pdf_attachment_values": {"raw": simple_pdf(), "name": "f.pdf"},
            # what core's step before the PDF sets for a Factur-X customer
            "ubl_cii_xml_options": {"ubl_cii_format": "facturx", "builder": builder},
            "ubl_cii_xml_attachment_values": {"raw": self._xml(self.invoice)},
        }
        with patch.dict(config.options, {"test_enable": False}):
            self.env[
                "account.move.send"
            ]._hook_invoice_document_after_pdf_report_render(self.invoice, invoice_data)
        pdf = invoice_data["pdf_attachment_values"]["raw"]
        filename, xml = facturx.get_xml_from_pdf(pdf, check_xsd=True)
        self.assertEqual(filename, "factur-x.xml")
        self.assertEqual(xml, self._xml(self.invoice))
        self.assertEqual(
            facturx.get_level(etree.fromstring(xml), "factur-x"), "en16931"
        )
        # PDF/A-3 with the Factur-X metadata of the EN 16931 profile
        self.assertIn(b"pdfaid:part>3<", pdf)
        self.assertIn(b"<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>", pdf)

    def test_ubl_peppol_export_passes_en16931(self):
        """Core's UBL (Peppol BIS 3) export of the same invoice is a valid
        EN 16931 invoice. It is not the French CTC flavour: Peppol fixes its
        own business process (BT-23), which BR-FR-08 refuses; the Factur-X
        CII is the reform's format here."""
        xml, errors = self.env["account.edi.xml.ubl_bis3"]._export_invoice(self.invoice)
        self.assertFalse(errors)
        self.assertTrue(facturx.xml_check_xsd(xml, flavor="ubl-2.1-invoice"))
        self.assertEqual(schematron_failures(xml, "ubl-en16931"), [])

    def test_the_validation_catches_missing_mentions(self):
        """Without the operation category and a legal mention, the French
        schematron fails: the validation is not a rubber stamp."""
        tree = etree.fromstring(self._xml(self.invoice))
        for node in tree.xpath(
            "//ram:BusinessProcessSpecifiedDocumentContextParameter"
            " | //ram:IncludedNote[ram:SubjectCode='PMT']",
            namespaces={"ram": tree.nsmap["ram"]},
        ):
            node.getparent().remove(node)
        failures = schematron_failures(etree.tostring(tree), "br-fr-flux2")
        self.assertTrue(any("BR-FR-08" in failure for failure in failures), failures)
        self.assertTrue(any("BR-FR-05" in failure for failure in failures), failures)

    def test_xml_carries_the_reform_mentions(self):
        xml = self._xml(self.invoice)
        seller = "//ram:SellerTradeParty"
        buyer = "//ram:BuyerTradeParty"
        self.assertEqual(
            self.xpath(xml, f"{seller}/ram:SpecifiedLegalOrganization/ram:ID"),
            [self.siren],
        )
        self.assertEqual(
            self.xpath(
                xml, f"{seller}/ram:SpecifiedLegalOrganization/ram:ID/@schemeID"
            ),
            ["0002"],
        )
        self.assertEqual(
            self.xpath(xml, f"{seller}/ram:SpecifiedTaxRegistration/ram:ID"),
            [self.company.vat],
        )
        self.assertEqual(
            self.xpath(
                xml, f"{seller}/ram:SpecifiedLegalOrganization/ram:TradingBusinessName"
            ),
            ["Les Ateliers d'Anne"],
        )
        self.assertEqual(
            self.xpath(xml, f"{seller}/ram:URIUniversalCommunication/ram:URIID"),
            [f"{self.siren}_ACTA"],
        )
        self.assertEqual(
            self.xpath(xml, f"{buyer}/ram:SpecifiedLegalOrganization/ram:ID"),
            ["732829320"],
        )
        # operation category BT-23: services
        self.assertEqual(self.invoice.cae_operation_category, "services")
        self.assertEqual(
            self.xpath(
                xml,
                "//rsm:ExchangedDocumentContext/"
                "ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID",
            ),
            ["S1"],
        )
        # VAT of services on receipts
        self.assertEqual(
            set(
                self.xpath(
                    xml,
                    "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:DueDateTypeCode",
                )
            ),
            {"72"},
        )
        self.assertIn(
            "B2B",
            self.xpath(xml, "//ram:IncludedNote[ram:SubjectCode='BAR']/ram:Content"),
        )

    def test_operation_category_from_the_products(self):
        goods = self._invoice_lines(
            self.activity_b, self.customer_b, [(self.product_goods, 50.0)]
        )
        mixed = self._invoice_lines(
            self.activity_b,
            self.customer_b,
            [(self.product_goods, 50.0), (self.product_service, 20.0)],
        )
        self.assertEqual(goods.cae_operation_category, "goods")
        self.assertEqual(mixed.cae_operation_category, "mixed")
        self.assertEqual(goods._cae_business_process(), "B1")
        self.assertEqual(mixed._cae_business_process(), "M1")

    def test_delivery_address_when_it_differs(self):
        xml = self._xml(self.invoice)
        self.assertFalse(self.xpath(xml, "//ram:ShipToTradeParty"))
        site = self.env["res.partner"].create(
            {
                "name": "Chantier",
                "type": "delivery",
                "parent_id": self.customer_a.id,
                "street": "9 quai du Chantier",
                "zip": "44000",
                "city": "Nantes",
                "country_id": self.env.ref("base.fr").id,
            }
        )
        invoice = self._invoice_lines(
            self.activity_a, self.customer_a, [(self.product_service, 80.0)]
        )
        invoice.partner_shipping_id = site
        invoice.action_post()
        xml = self._xml(invoice)
        self.assertEqual(
            self.xpath(
                xml, "//ram:ShipToTradeParty/ram:PostalTradeAddress/ram:CityName"
            ),
            ["Nantes"],
        )
        self.assertEqual(schematron_failures(xml, "en16931"), [])
        self.assertEqual(schematron_failures(xml, "br-fr-flux2"), [])

    def test_vat_on_debits_mention(self):
        self.company.cae_vat_on_debits = True
        xml = self._xml(self.invoice)
        self.assertEqual(
            self.xpath(xml, "//ram:IncludedNote[ram:SubjectCode='TXD']/ram:Content"),
            ["Option pour le paiement de la taxe d'après les débits."],
        )
        self.assertEqual(schematron_failures(xml, "br-fr-flux2"), [])

    def _html(self, invoice):
        return (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.account_invoices", invoice.ids)[0]
            .decode()
        )

    def test_pdf_carries_the_reform_mentions(self):
        html = self._html(self.invoice)
        self.assertIn('class="cae_operation_category"', html)
        self.assertIn("Services", html)
        self.assertNotIn("Goods Delivery", html)
        self.assertIn('class="cae_customer_siren">732829320<', html)
        # no option for debits: no mention (core prints it for any tax due
        # on the invoice date)
        self.assertNotIn("cae_vat_on_debits", html)
        self.company.cae_vat_on_debits = True
        self.assertIn("cae_vat_on_debits", self._html(self.invoice))

    def test_facturx_embedded_when_sent(self):
        """Odoo's sending flow embeds the CII XML in the PDF; under tests it
        renders no PDF and keeps the XML as the factur-x.xml attachment."""
        self.env["account.move.send"]._generate_and_send_invoices(
            self.invoice, sending_methods=["manual"], invoice_edi_format="facturx"
        )
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "account.move"),
                ("res_id", "=", self.invoice.id),
                ("name", "=", "factur-x.xml"),
            ]
        )
        self.assertTrue(attachment)
        xml = attachment[-1].raw
        self.assertEqual(
            self.xpath(
                xml, "//ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID"
            ),
            [self.siren],
        )
        self.assertEqual(schematron_failures(xml, "en16931"), [])
