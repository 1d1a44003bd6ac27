import os
import tempfile

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from ..models.cae_einvoice_status import CDAR_NS
from .common import EinvoicingCommon


@tagged("post_install", "-at_install")
class TestStatus(EinvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder_out = tempfile.mkdtemp()
        cls.company.cae_einvoicing_connector_id = cls.env[
            "cae.einvoicing.connector"
        ].create(
            {
                "name": "PA",
                "company_id": cls.company.id,
                "folder_out": cls.folder_out,
            }
        )
        cls.bill_b = cls._received_bill(cls.activity_b, "FF-2026-42")
        cls.bill_a = cls._received_bill(cls.activity_a, "FF-2026-43", 80.0)

    def test_b_refuses_her_bill_with_a_reason(self):
        bill = self.bill_b.with_user(self.user_b)
        bill.write({"cae_einvoice_reason": "Prestation non commandée"})
        before = fields.Datetime.now()
        bill.action_cae_einvoice_refuse()
        status = self.bill_b.cae_einvoice_status_ids.filtered(lambda s: s.code != "203")
        self.assertEqual(len(status), 1)
        self.assertEqual(status.code, "210")
        self.assertEqual(self.bill_b.cae_einvoice_status, "210")
        self.assertEqual(status.reason, "Prestation non commandée")
        self.assertEqual(status.user_id, self.user_b)
        self.assertGreaterEqual(status.date, before.replace(microsecond=0))
        self.assertFalse(self.bill_b.cae_einvoice_reason)
        # the outgoing status file, written in the platform's folder
        self.assertTrue(status.file_sent)
        path = os.path.join(self.folder_out, status.file_id.name)
        self.assertTrue(os.path.isfile(path))
        with open(path, "rb") as handle:
            content = handle.read()
        self.assertEqual(content, status.file_id.raw)
        tree = etree.fromstring(content)
        ns = {
            "ram": "urn:un:unece:uncefact:data:standard:"
            "ReusableAggregateBusinessInformationEntity:100"
        }
        self.assertEqual(tree.xpath("//ram:StatusCode/text()", namespaces=ns), ["210"])
        self.assertEqual(
            tree.xpath("//ram:IssuerAssignedID/text()", namespaces=ns), ["FF-2026-42"]
        )
        self.assertEqual(
            tree.xpath("//ram:Reason/text()", namespaces=ns),
            ["Prestation non commandée"],
        )
        # B sees the statuses of her bill
        self.assertEqual(
            self.env["cae.einvoice.status"]
            .with_user(self.user_b)
            .search([("move_id", "=", self.bill_b.id)]),
            self.bill_b.cae_einvoice_status_ids,
        )

    def test_entrepreneur_uses_the_bill_form(self):
        form = Form(self.bill_b.with_user(self.user_b))
        self.assertTrue(form.cae_is_einvoice)
        self.assertEqual(form.cae_einvoice_status, "203")
        form.cae_einvoice_reason = "Montant erroné"
        form.save()
        self.assertEqual(self.bill_b.cae_einvoice_reason, "Montant erroné")

    def test_refusal_needs_a_reason(self):
        with self.assertRaisesRegex(UserError, "Give the reason"):
            self.bill_b.with_user(self.user_b).action_cae_einvoice_refuse()
        with self.assertRaisesRegex(UserError, "Give the reason"):
            self.bill_b.with_user(self.user_b).action_cae_einvoice_dispute()
        self.assertEqual(self.bill_b.cae_einvoice_status_ids.mapped("code"), ["203"])

    def test_paper_bill_cannot_be_answered(self):
        bill = self._invoice(
            self.activity_b, self.supplier_known, 100.0, move_type="in_invoice"
        )
        bill.cae_einvoice_reason = "Erreur"
        with self.assertRaisesRegex(UserError, "not received as an electronic"):
            bill.with_user(self.user_b).action_cae_einvoice_refuse()
        self.assertFalse(bill.cae_einvoice_status_ids)

    def test_b_approves_and_disputes(self):
        bill = self.bill_b.with_user(self.user_b)
        bill.action_cae_einvoice_approve()
        bill.cae_einvoice_reason = "Quantité contestée"
        bill.action_cae_einvoice_dispute()
        self.assertEqual(
            self.bill_b.cae_einvoice_status_ids.mapped("code"), ["207", "205", "203"]
        )

    def test_a_cannot_see_or_act_on_b_bills(self):
        env_a = self.env(user=self.user_a)
        self.assertNotIn(
            self.bill_b,
            env_a["account.move"].search([("move_type", "=", "in_invoice")]),
        )
        self.assertIn(
            self.bill_a,
            env_a["account.move"].search([("move_type", "=", "in_invoice")]),
        )
        bill = self.bill_b.with_user(self.user_a)
        for action in (
            bill.action_cae_einvoice_refuse,
            bill.action_cae_einvoice_approve,
            bill.action_cae_einvoice_dispute,
        ):
            with self.assertRaises(AccessError):
                action()
        with self.assertRaises(AccessError):
            bill.write({"cae_einvoice_reason": "Pas à moi"})
        # B's statuses are not visible to A, and nobody creates one by hand
        self.bill_b.with_user(self.user_b).action_cae_einvoice_approve()
        self.assertFalse(
            env_a["cae.einvoice.status"].search([("move_id", "=", self.bill_b.id)])
        )
        with self.assertRaises(AccessError):
            env_a["cae.einvoice.status"].create(
                {"move_id": self.bill_a.id, "code": "205"}
            )
        self.env.invalidate_all()
        self.assertEqual(
            self.bill_b.cae_einvoice_status_ids.mapped("code"), ["205", "203"]
        )
        self.assertFalse(self.bill_b.cae_einvoice_reason)

    def test_entrepreneur_cannot_write_the_derived_fields(self):
        with self.assertRaises(AccessError):
            self.bill_b.with_user(self.user_b).write(
                {"cae_operation_category": "goods"}
            )

    def _pay(self, invoice, date):
        journal = self.env["account.journal"].search(
            [("company_id", "=", self.company.id), ("type", "=", "bank")], limit=1
        )
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": date, "journal_id": journal.id})._create_payments()

    def test_paid_service_invoice_is_cashed(self):
        invoice = self._invoice_lines(
            self.activity_a,
            self.customer_a,
            [(self.product_service, 100.0), (self.product_service, 50.0)],
        )
        invoice.action_post()
        paid_on = fields.Date.today() + relativedelta(days=3)
        self._pay(invoice, paid_on)
        cashed = invoice.cae_einvoice_status_ids.filtered(lambda s: s.code == "212")
        self.assertEqual(len(cashed), 1)
        self.assertAlmostEqual(cashed.amount, 180.0)
        self.assertEqual(cashed.payment_date, paid_on)
        # an invoice to a French company: the status goes to the platform
        self.assertTrue(cashed.file_sent)

    def test_cashed_sale_to_a_consumer_is_not_sent(self):
        consumer = self.env["res.partner"].create(
            {
                "name": "Particulier",
                "cae_customer_activity_ids": [(4, self.activity_a.id)],
            }
        )
        invoice = self._invoice_lines(
            self.activity_a, consumer, [(self.product_service, 100.0)]
        )
        invoice.action_post()
        self._pay(invoice, fields.Date.today())
        cashed = invoice.cae_einvoice_status_ids
        self.assertEqual(cashed.mapped("code"), ["212"])
        # kept for the e-reporting, not an e-invoice's status
        self.assertFalse(cashed.file_sent)
        self.assertFalse(cashed.file_id)

    def test_goods_invoice_is_not_cashed(self):
        invoice = self._invoice_lines(
            self.activity_b, self.customer_b, [(self.product_goods, 100.0)]
        )
        invoice.action_post()
        self._pay(invoice, fields.Date.today())
        self.assertFalse(
            invoice.cae_einvoice_status_ids.filtered(lambda s: s.code == "212")
        )


def _cdar(number, code, reason=None, issued="20261201103000"):
    """A CDAR status message as the platform sends it back."""
    rsm, ram, udt = (f"{{{CDAR_NS[p]}}}" for p in ("rsm", "ram", "udt"))
    root = etree.Element(f"{rsm}CrossDomainAcknowledgementAndResponse", nsmap=CDAR_NS)
    document = etree.SubElement(root, f"{rsm}ExchangedDocument")
    etree.SubElement(document, f"{ram}ID").text = "PA-STATUS-1"
    issue = etree.SubElement(document, f"{ram}IssueDateTime")
    etree.SubElement(issue, f"{udt}DateTimeString", format="204").text = issued
    ack = etree.SubElement(root, f"{rsm}AcknowledgementDocument")
    referenced = etree.SubElement(ack, f"{ram}ReferenceReferencedDocument")
    etree.SubElement(referenced, f"{ram}IssuerAssignedID").text = number
    etree.SubElement(referenced, f"{ram}StatusCode").text = code
    if reason:
        status = etree.SubElement(referenced, f"{ram}SpecifiedDocumentStatus")
        etree.SubElement(status, f"{ram}Reason").text = reason
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@tagged("post_install", "-at_install")
class TestReceivedStatus(EinvoicingCommon):
    """Statuses come back from the platform too: the customer's answer on
    one of the cooperative's invoices is recorded as received."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder_in = tempfile.mkdtemp()
        cls.connector = cls.env["cae.einvoicing.connector"].create(
            {"name": "PA", "company_id": cls.company.id, "folder_in": cls.folder_in}
        )
        cls.invoice = cls._invoice_lines(
            cls.activity_a, cls.customer_a, [(cls.product_service, 300.0)]
        )
        cls.invoice.action_post()

    def _drop(self, name, content):
        with open(os.path.join(self.folder_in, name), "wb") as handle:
            handle.write(content)

    def test_customer_dispute_is_recorded(self):
        self._drop(
            "status-1.xml",
            _cdar(self.invoice.name, "207", reason="Quantité contestée"),
        )
        documents = self.connector.action_fetch()
        self.assertFalse(documents, "a status is not an invoice of the queue")
        status = self.invoice.cae_einvoice_status_ids.filtered(
            lambda s: s.direction == "received"
        )
        self.assertRecordValues(
            status, [{"code": "207", "reason": "Quantité contestée"}]
        )
        self.assertEqual(str(status.date), "2026-12-01 10:30:00")
        self.assertEqual(status.file_id.name, "status-1.xml")
        self.assertEqual(os.listdir(self.folder_in), [])
        # statuses are evidence: a draft bill that has one is not deleted
        bill = self._received_bill(self.activity_a, "FF-2026-77")
        self.assertTrue(bill.cae_einvoice_status_ids)
        with self.assertRaisesRegex(UserError, "carry e-invoicing statuses"):
            bill.unlink()

    def test_status_of_an_unknown_invoice_waits_in_the_queue(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self._drop("status-2.xml", _cdar("FAC-INCONNUE", "205"))
        self._drop("status-3.xml", _cdar(self.invoice.name, "999"))
        self.connector.with_context(lang="fr_FR").action_fetch()
        queued = self.env["cae.einvoice.document"].search(
            [("name", "in", ("status-2.xml", "status-3.xml"))], order="name"
        )
        self.assertEqual(queued.mapped("state"), ["error", "error"])
        self.assertIn("aucune facture FAC-INCONNUE", queued[0].error_message)
        self.assertIn("999", queued[1].error_message)
        self.assertFalse(
            self.invoice.cae_einvoice_status_ids.filtered(
                lambda s: s.direction == "received"
            )
        )
        # the files are kept on the refused documents
        self.assertTrue(queued.attachment_id)
