from datetime import datetime

from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import UserError

# lifecycle statuses of the French specification (spécifications externes de
# la facturation électronique, cycle de vie): code -> label
STATUS_CODES = [
    ("200", "Submitted"),
    ("201", "Issued by the platform"),
    ("202", "Received by the platform"),
    ("203", "Made available"),
    ("204", "Taken over"),
    ("205", "Approved"),
    ("206", "Partially approved"),
    ("207", "Disputed"),
    ("208", "Suspended"),
    ("209", "Completed"),
    ("210", "Refused"),
    ("211", "Payment sent"),
    ("212", "Cashed"),
    ("213", "Rejected"),
]
# statuses that need a reason (the supplier must know what to correct)
REASON_REQUIRED = ("206", "207", "208", "210", "213")

CDAR_NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:"
    "CrossDomainAcknowledgementAndResponse:100",
    "ram": "urn:un:unece:uncefact:data:standard:"
    "ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}


def _parser():
    # a status file comes from outside: no entities, no network
    return etree.XMLParser(resolve_entities=False, no_network=True)


def _cdar_datetime(text):
    """A CDAR date-time (format 204, YYYYMMDDHHMMSS), or None."""
    try:
        return datetime.strptime((text or "").strip(), "%Y%m%d%H%M%S")
    except ValueError:
        return None


class CaeEinvoiceStatus(models.Model):
    """One lifecycle status of an invoice or a bill, as recorded or received:
    accounting evidence of the exchange, never deleted."""

    _name = "cae.einvoice.status"
    _description = "E-invoice lifecycle status"
    _order = "date desc, id desc"
    _check_company_auto = True

    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="move_id.company_id", store=True, index=True, precompute=True
    )
    cae_activity_id = fields.Many2one(
        related="move_id.cae_activity_id", store=True, index=True, precompute=True
    )
    direction = fields.Selection(
        [("sent", "Sent by the cooperative"), ("received", "Received")],
        required=True,
        default="sent",
    )
    code = fields.Selection(STATUS_CODES, string="Status", required=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", string="Author", required=True, default=lambda self: self.env.user
    )
    reason = fields.Text()
    currency_id = fields.Many2one(related="move_id.currency_id")
    amount = fields.Monetary(help="Amount cashed or paid, for payment statuses.")
    payment_date = fields.Date()
    file_id = fields.Many2one("ir.attachment", string="Status file", readonly=True)
    file_sent = fields.Boolean(
        string="Sent to the platform",
        readonly=True,
        help="The status file was written through the company's connector.",
    )

    @api.depends("move_id", "code")
    def _compute_display_name(self):
        # OVERRIDES base: the document, the code and its label, not a name field
        labels = dict(self._fields["code"]._description_selection(self.env))
        for status in self:
            status.display_name = " ".join(
                (status.move_id.display_name, "-", status.code, labels.get(status.code))
            )

    @api.model_create_multi
    def create(self, vals_list):
        # EXTENDS base: a status sent by the cooperative is written to the
        # platform as soon as it is recorded
        statuses = super().create(vals_list)
        # statuses of documents exchanged through the platform are written
        # and sent; the others (a sale to a consumer, cashed) are evidence
        # for the e-reporting
        statuses.filtered(
            lambda s: s.direction == "sent" and s.move_id._cae_is_einvoice()
        )._cae_write_file()
        return statuses

    # ------------------------------------------------------------------
    # statuses the platform sends back
    # ------------------------------------------------------------------
    @api.model
    def _cae_is_status_file(self, content):
        """True for a CDAR status message (rather than an invoice)."""
        try:
            root = etree.fromstring(content, _parser())
        except (etree.XMLSyntaxError, ValueError):
            return False
        return etree.QName(root).localname == "CrossDomainAcknowledgementAndResponse"

    @api.model
    def _cae_receive_file(self, name, content, company):
        """Record as received the statuses of a CDAR message of the platform
        (a customer approved, disputed or refused one of the cooperative's
        invoices, a bill was made available...): each on the invoice it
        names, with its date, reason and amount, the file kept on it.
        Raises UserError, naming what is wrong, when the message names an
        invoice the company does not have or a status the specification does
        not know; nothing is recorded then."""
        root = etree.fromstring(content, _parser())
        ns = CDAR_NS
        issued = root.findtext(
            "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString", namespaces=ns
        )
        date = _cdar_datetime(issued) or fields.Datetime.now()
        codes = dict(STATUS_CODES)
        vals_list = []
        for reference in root.iterfind(
            "rsm:AcknowledgementDocument/ram:ReferenceReferencedDocument", ns
        ):
            number = (
                reference.findtext("ram:IssuerAssignedID", namespaces=ns) or ""
            ).strip()
            code = (reference.findtext("ram:StatusCode", namespaces=ns) or "").strip()
            if code not in codes:
                raise UserError(
                    self.env._(
                        "%(file)s: %(code)s is not a status of the e-invoicing "
                        "specification.",
                        file=name,
                        code=code,
                    )
                )
            move = self._cae_move_of(number, company)
            if not move:
                raise UserError(
                    self.env._(
                        "%(file)s: no invoice %(number)s in %(company)s.",
                        file=name,
                        number=number,
                        company=company.name,
                    )
                )
            amount = reference.findtext(
                "ram:SpecifiedDocumentCharacteristic/ram:ValueAmount", namespaces=ns
            )
            vals_list.append(
                {
                    "move_id": move.id,
                    "direction": "received",
                    "code": code,
                    "date": date,
                    "reason": reference.findtext(
                        "ram:SpecifiedDocumentStatus/ram:Reason", namespaces=ns
                    )
                    or False,
                    "amount": float(amount) if amount else 0.0,
                }
            )
        if not vals_list:
            raise UserError(self.env._("%(file)s names no invoice.", file=name))
        statuses = self.create(vals_list)
        for status in statuses:
            status.file_id = self.env["ir.attachment"].create(
                {
                    "name": name,
                    "raw": content,
                    "mimetype": "application/xml",
                    "res_model": self._name,
                    "res_id": status.id,
                }
            )
        return statuses

    @api.model
    def _cae_move_of(self, number, company):
        """The invoice a status names: one of the cooperative's invoices (its
        number), else a bill it received (the supplier's number)."""
        Move = self.env["account.move"]
        if not number:
            return Move
        return Move.search(
            [
                ("company_id", "=", company.id),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("name", "=", number),
            ],
            limit=1,
        ) or Move.search(
            [
                ("company_id", "=", company.id),
                ("move_type", "in", ("in_invoice", "in_refund")),
                ("ref", "=", number),
            ],
            limit=1,
        )

    def _cae_write_file(self):
        """Write the status file (a CDAR message) of each status, keep it as an
        attachment of the status and give it to the company's connector."""
        for status in self:
            name, content = status._cae_status_file()
            status.file_id = self.env["ir.attachment"].create(
                {
                    "name": name,
                    "raw": content,
                    "mimetype": "application/xml",
                    "res_model": self._name,
                    "res_id": status.id,
                }
            )
            connector = status.company_id.cae_einvoicing_connector_id
            if connector:
                connector._cae_send(name, content)
                status.file_sent = True

    def _cae_status_file(self):
        """The status as a CDAR (Cross Domain Acknowledgement and Response)
        message, the format of the French specification for statuses."""
        self.ensure_one()
        move = self.move_id
        company = self.company_id
        siren = company._cae_siren() or ""
        rsm, ram, udt = (f"{{{CDAR_NS[p]}}}" for p in ("rsm", "ram", "udt"))
        root = etree.Element(
            f"{rsm}CrossDomainAcknowledgementAndResponse", nsmap=CDAR_NS
        )
        context = etree.SubElement(root, f"{rsm}ExchangedDocumentContext")
        guideline = etree.SubElement(
            context, f"{ram}GuidelineSpecifiedDocumentContextParameter"
        )
        etree.SubElement(
            guideline, f"{ram}ID"
        ).text = "urn.cpro.gouv.fr:1p0:CDV:invoice"
        document = etree.SubElement(root, f"{rsm}ExchangedDocument")
        etree.SubElement(document, f"{ram}ID").text = f"STATUS-{self.id}"
        etree.SubElement(document, f"{ram}Name").text = "CDAR"
        issue = etree.SubElement(document, f"{ram}IssueDateTime")
        etree.SubElement(
            issue, f"{udt}DateTimeString", format="204"
        ).text = self.date.strftime("%Y%m%d%H%M%S")
        sender = etree.SubElement(document, f"{ram}SenderTradeParty")
        etree.SubElement(sender, f"{ram}GlobalID", schemeID="0225").text = (
            move.cae_activity_id.cae_einvoicing_address or siren
        )
        etree.SubElement(sender, f"{ram}RoleCode").text = (
            "BY" if move.is_purchase_document() else "SE"
        )
        ack = etree.SubElement(root, f"{rsm}AcknowledgementDocument")
        etree.SubElement(ack, f"{ram}MultipleReferencesIndicator").text = "false"
        etree.SubElement(ack, f"{ram}TypeCode").text = "305"
        ack_issue = etree.SubElement(ack, f"{ram}IssueDateTime")
        etree.SubElement(
            ack_issue, f"{udt}DateTimeString", format="204"
        ).text = self.date.strftime("%Y%m%d%H%M%S")
        referenced = etree.SubElement(ack, f"{ram}ReferenceReferencedDocument")
        etree.SubElement(referenced, f"{ram}IssuerAssignedID").text = (
            move.ref if move.is_purchase_document() else move.name
        ) or ""
        etree.SubElement(referenced, f"{ram}StatusCode").text = self.code
        etree.SubElement(referenced, f"{ram}TypeCode").text = (
            "381" if move.move_type in ("out_refund", "in_refund") else "380"
        )
        ref_issue = etree.SubElement(referenced, f"{ram}FormattedIssueDateTime")
        if move.invoice_date:
            etree.SubElement(
                ref_issue, f"{udt}DateTimeString", format="102"
            ).text = move.invoice_date.strftime("%Y%m%d")
        partner = move.commercial_partner_id
        issuer = etree.SubElement(referenced, f"{ram}IssuerTradeParty")
        etree.SubElement(issuer, f"{ram}Name").text = partner.name or ""
        if self.reason:
            status_node = etree.SubElement(referenced, f"{ram}SpecifiedDocumentStatus")
            etree.SubElement(status_node, f"{ram}ReasonCode").text = "NON_CONFORME"
            etree.SubElement(status_node, f"{ram}Reason").text = self.reason
        if self.amount:
            characteristic = etree.SubElement(
                referenced, f"{ram}SpecifiedDocumentCharacteristic"
            )
            etree.SubElement(characteristic, f"{ram}TypeCode").text = "MEN"
            etree.SubElement(
                characteristic, f"{ram}ValueAmount", currencyID=self.currency_id.name
            ).text = f"{self.amount:.2f}"
            if self.payment_date:
                etree.SubElement(
                    characteristic, f"{ram}ValueDateTime"
                ).text = self.payment_date.strftime("%Y%m%d")
        number = (move.ref if move.is_purchase_document() else move.name) or "draft"
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in number)
        name = f"CDAR_{safe}_{self.code}_{self.id}.xml"
        return name, etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", pretty_print=True
        )
