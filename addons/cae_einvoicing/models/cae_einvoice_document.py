"""Supplier e-invoices received by the cooperative.

Each file (Factur-X PDF, CII or UBL XML), whatever the way it came in (the
platform's drop folder, a mail alias, an upload), becomes a document kept
with its file. Processing checks it (well-formed, EN 16931: see
``cae_einvoice_document_validation``), then creates the draft vendor bill and
routes it to an activity (``cae_einvoice_document_routing``); a document that
cannot be routed waits in the queue "Factures reçues à affecter" for the
admin team.
"""

import logging

from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


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
        # OVERRIDES mail.thread: a mail alias on this model makes one document
        # per attached file (processed at once), not one record per mail
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
