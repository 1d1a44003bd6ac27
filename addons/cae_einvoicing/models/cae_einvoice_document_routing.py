"""Reception of a checked e-invoice: addressed to the cooperative, not a
duplicate, read into a draft vendor bill by core's importer, and routed to
an activity (routing code, purchase order, then the supplier's usual
activity)."""

from odoo import models
from odoo.exceptions import UserError


class CaeEinvoiceDocument(models.Model):
    _inherit = "cae.einvoice.document"

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
