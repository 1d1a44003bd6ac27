import os
import tempfile
from collections import namedtuple

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import EinvoicingCommon


@tagged("post_install", "-at_install")
class TestReception(EinvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.env_admin = cls.env(user=cls.user_admin)
        cls.Document = cls.env_admin["cae.einvoice.document"]

    def _receive(self, content, name="facture.pdf"):
        document = self.Document._cae_create_from_file(name, content)
        document._cae_process()
        return document

    def _cii(self, **kwargs):
        kwargs.setdefault("date", self.today.strftime("%Y%m%d"))
        return self.supplier_cii(**kwargs)

    def test_routing_code_sends_the_bill_to_activity_b(self):
        xml = self._cii(number="F-B-1", buyer_address=f"{self.siren}_ACTB")
        document = self._receive(self.facturx_pdf(xml))
        self.assertEqual(document.state, "assigned", document.error_message)
        self.assertEqual(document.routing, "code")
        bill = document.move_ids
        self.assertEqual(len(bill), 1)
        self.assertEqual(bill.state, "draft")
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.cae_activity_id, self.activity_b)
        self.assertEqual(bill.ref, "F-B-1")
        self.assertAlmostEqual(bill.amount_untaxed, 1000.0)
        analytic_b = str(self.activity_b.analytic_account_id.id)
        for line in bill.invoice_line_ids:
            self.assertEqual(line.cae_activity_id, self.activity_b)
            self.assertEqual(line.analytic_distribution, {analytic_b: 100})
        # "made available" status recorded on reception
        self.assertEqual(bill.cae_einvoice_status, "203")
        # the file is kept on the document
        self.assertEqual(document.attachment_id.res_model, "cae.einvoice.document")
        self.assertEqual(document.attachment_id.res_id, document.id)

    def test_routing_code_in_the_buyer_reference(self):
        xml = self._cii(number="F-B-2", buyer_reference="ACTA")
        document = self._receive(xml, name="facture.xml")
        self.assertEqual(document.state, "assigned", document.error_message)
        self.assertEqual(document.move_ids.cae_activity_id, self.activity_a)

    def test_supplier_usual_activity(self):
        previous = self._invoice(
            self.activity_a, self.supplier_known, 50.0, move_type="in_invoice"
        )
        previous.ref = "OLD-1"
        previous.action_post()
        xml = self._cii(
            number="F-K-1",
            seller_name="Fournil Fournitures",
            seller_vat="FR40303265045",
            seller_siren="303265045",
        )
        document = self._receive(self.facturx_pdf(xml))
        self.assertEqual(document.state, "assigned", document.error_message)
        self.assertEqual(document.routing, "supplier")
        self.assertEqual(document.move_ids.partner_id, self.supplier_known)
        self.assertEqual(document.move_ids.cae_activity_id, self.activity_a)

    def test_unrouted_bill_waits_then_is_split_60_40(self):
        xml = self._cii(number="F-U-1")
        document = self._receive(self.facturx_pdf(xml))
        self.assertEqual(document.state, "to_assign", document.error_message)
        queue = self.Document.search([("state", "=", "to_assign")])
        self.assertIn(document, queue)
        self.assertFalse(document.move_ids.cae_activity_id)
        self.assertEqual(document.move_ids.state, "draft")

        split = self.env_admin["cae.einvoice.split"].create(
            {
                "document_id": document.id,
                "line_ids": [
                    Command.create({"activity_id": self.activity_a.id, "percent": 60}),
                    Command.create({"activity_id": self.activity_b.id, "percent": 40}),
                ],
            }
        )
        split.action_confirm()
        self.assertEqual(document.state, "split")
        bills = document.move_ids
        self.assertEqual(len(bills), 2)
        bill_a = bills.filtered(lambda m: m.cae_activity_id == self.activity_a)
        bill_b = bills.filtered(lambda m: m.cae_activity_id == self.activity_b)
        self.assertAlmostEqual(bill_a.amount_untaxed, 600.0)
        self.assertAlmostEqual(bill_b.amount_untaxed, 400.0)
        self.assertAlmostEqual(sum(bills.mapped("amount_total")), 1200.0)
        self.assertEqual(set(bills.mapped("ref")), {"F-U-1"})
        for bill, activity in ((bill_a, self.activity_a), (bill_b, self.activity_b)):
            analytic = {str(activity.analytic_account_id.id): 100}
            for line in bill.invoice_line_ids:
                self.assertEqual(line.analytic_distribution, analytic)
        bills.with_user(self.user_admin).action_post()

        Statement = self.env_admin["cae.account.statement"]
        statement_a = Statement.create(
            {"activity_id": self.activity_a.id, "date": self.today}
        )
        statement_b = Statement.create(
            {"activity_id": self.activity_b.id, "date": self.today}
        )
        self.assertAlmostEqual(statement_a.purchases, 600.0)
        self.assertAlmostEqual(statement_b.purchases, 400.0)

    def test_split_shares_must_add_up(self):
        document = self._receive(self._cii(number="F-U-2"), name="f.xml")
        split = self.env_admin["cae.einvoice.split"].create(
            {
                "document_id": document.id,
                "line_ids": [
                    Command.create({"activity_id": self.activity_a.id, "percent": 60}),
                    Command.create({"activity_id": self.activity_b.id, "percent": 30}),
                ],
            }
        )
        with self.assertRaisesRegex(Exception, "not 100"):
            split.action_confirm()
        self.assertEqual(document.state, "to_assign")
        self.assertEqual(len(document.move_ids), 1)

    def test_assign_one_activity(self):
        document = self._receive(self._cii(number="F-U-3"), name="f.xml")
        split = self.env_admin["cae.einvoice.split"].create(
            {
                "document_id": document.id,
                "line_ids": [
                    Command.create({"activity_id": self.activity_b.id, "percent": 100})
                ],
            }
        )
        split.action_confirm()
        self.assertEqual(document.state, "assigned")
        self.assertEqual(document.routing, "manual")
        self.assertEqual(document.move_ids.cae_activity_id, self.activity_b)

    def _assert_refused(self, document, text):
        self.assertEqual(document.state, "error")
        self.assertIn(text, document.error_message)
        self.assertFalse(document.move_ids)
        self.assertFalse(
            self.env["account.move"].search(
                [("cae_einvoice_document_id", "=", document.id)]
            )
        )
        self.assertTrue(document.attachment_id.raw)
        self.assertIn(text, document.message_ids[:1].body)

    def test_malformed_file(self):
        document = self._receive(b"<rsm:CrossIndustryInvoice>oops", name="bad.xml")
        self._assert_refused(document, "not a well-formed XML document")

    def test_message_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["cae_einvoicing"], ["fr_FR"])
        document = self.Document.with_context(lang="fr_FR")._cae_create_from_file(
            "f.xml", self._cii(number="F-X-9", buyer_siren="987654321")
        )
        document._cae_process()
        self.assertEqual(
            document.error_message,
            "La facture F-X-9 est adressée au SIREN 987654321, pas à la "
            "coopérative (SIREN 123456789).",
        )
        self.assertFalse(document.move_ids)

    def test_pdf_without_xml(self):
        from .common import simple_pdf

        document = self._receive(simple_pdf(), name="scan.pdf")
        self._assert_refused(document, "carries no Factur-X XML invoice")

    def test_not_en16931(self):
        xml = self._cii(number="F-X-1").replace(
            b"urn:cen.eu:en16931:2017</ram:ID>", b"urn:factur-x.eu:1p0:minimum</ram:ID>"
        )
        document = self._receive(xml, name="minimum.xml")
        self._assert_refused(document, "not an invoice in the sense of EN 16931")

    def test_schema_violation(self):
        xml = self._cii(number="F-X-2").replace(
            b"<ram:TypeCode>380</ram:TypeCode>", b"<ram:Foo>380</ram:Foo>"
        )
        document = self._receive(xml, name="invalid.xml")
        self._assert_refused(document, "does not follow the EN 16931 schema")

    def test_wrong_date(self):
        xml = self._cii(number="F-X-4", date="20261345")
        document = self._receive(xml, name="date.xml")
        self._assert_refused(document, "which is not a date in the form YYYYMMDD")

    def test_buyer_is_not_the_cae(self):
        xml = self._cii(number="F-X-3", buyer_siren="987654321")
        document = self._receive(self.facturx_pdf(xml))
        self._assert_refused(document, "not to the cooperative (SIREN 123456789)")

    def test_duplicate(self):
        xml = self._cii(number="F-D-1", buyer_address=f"{self.siren}_ACTB")
        first = self._receive(self.facturx_pdf(xml))
        self.assertEqual(first.state, "assigned")
        second = self._receive(self.facturx_pdf(xml))
        self._assert_refused(second, "this file is a duplicate")
        # what the file says stays on the refused document, for the team
        self.assertEqual(second.invoice_number, "F-D-1")
        self.assertEqual(second.seller_name, "Papeterie Inconnue")
        self.assertEqual(len(first.move_ids), 1)

    def test_drop_folder(self):
        folder_in = tempfile.mkdtemp()
        folder_done = tempfile.mkdtemp()
        connector = self.env_admin["cae.einvoicing.connector"].create(
            {
                "name": "PA",
                "folder_in": folder_in,
                "folder_done": folder_done,
                "company_id": self.company.id,
            }
        )
        with open(os.path.join(folder_in, "F-P-1.pdf"), "wb") as handle:
            handle.write(
                self.facturx_pdf(
                    self._cii(number="F-P-1", buyer_address=f"{self.siren}_ACTA")
                )
            )
        documents = connector.action_fetch()
        self.assertEqual(len(documents), 1)
        self.assertEqual(documents.source, "platform")
        self.assertEqual(documents.state, "assigned", documents.error_message)
        self.assertEqual(documents.move_ids.cae_activity_id, self.activity_a)
        self.assertEqual(os.listdir(folder_in), [])
        self.assertEqual(os.listdir(folder_done), ["F-P-1.pdf"])

    def test_mail_alias(self):
        Attachment = namedtuple("Attachment", "fname content info")
        xml = self._cii(number="F-M-1", buyer_address=f"{self.siren}_ACTB")
        document = self.env["cae.einvoice.document"].message_new(
            {
                "subject": "Facture F-M-1",
                "attachments": [Attachment("F-M-1.pdf", self.facturx_pdf(xml), {})],
            }
        )
        self.assertEqual(document.source, "mail")
        self.assertEqual(document.state, "assigned", document.error_message)
        self.assertEqual(document.move_ids.cae_activity_id, self.activity_b)
        with self.assertRaisesRegex(UserError, "carries no invoice file"):
            self.env["cae.einvoice.document"].message_new(
                {"subject": "Bonjour", "attachments": []}
            )

    def test_purchase_order_routing(self):
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.supplier_known.id,
                "company_id": self.company.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product_service.id,
                            "product_qty": 1,
                            "price_unit": 1000.0,
                            "analytic_distribution": {
                                str(self.activity_b.analytic_account_id.id): 100
                            },
                        }
                    )
                ],
            }
        )
        xml = self._cii(number="F-O-1").replace(
            b"</ram:BuyerTradeParty>",
            b"</ram:BuyerTradeParty><ram:BuyerOrderReferencedDocument>"
            b"<ram:IssuerAssignedID>" + order.name.encode() + b"</ram:IssuerAssignedID>"
            b"</ram:BuyerOrderReferencedDocument>",
        )
        document = self._receive(xml, name="order.xml")
        self.assertEqual(document.state, "assigned", document.error_message)
        self.assertEqual(document.routing, "order")
        self.assertEqual(document.move_ids.cae_activity_id, self.activity_b)
