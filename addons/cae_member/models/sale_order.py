from odoo import api, fields, models

from .base import cae_trusted_writes


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "cae.validation.mixin"]

    # what an entrepreneur sets on her quotes (the quotation form); state,
    # validation, locking and the customer's signature are not in it
    _cae_entrepreneur_fields = frozenset(
        {
            "cae_activity_id",
            "campaign_id",
            "client_order_ref",
            "commitment_date",
            "company_id",
            "customizable_pdf_form_fields",
            "date_order",
            "fiscal_position_id",
            "journal_id",
            "medium_id",
            "message_main_attachment_id",
            "note",
            "order_line",
            "origin",
            "partner_id",
            "partner_invoice_id",
            "partner_shipping_id",
            "payment_term_id",
            "prepayment_percent",
            "pricelist_id",
            "quotation_document_ids",
            "reference",
            "require_payment",
            "require_signature",
            "sale_order_option_ids",
            "sale_order_template_id",
            "source_id",
            "tag_ids",
            "team_id",
            "user_id",
            "validity_date",
        }
    )

    cae_activity_id = fields.Many2one(
        "cae.activity",
        string="Activity",
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self._cae_default_activity(),
    )
    cae_trade_name = fields.Char(compute="_compute_cae_trade_name", string="Trade name")
    cae_company_currency_id = fields.Many2one(related="company_id.currency_id")
    cae_validated_amount = fields.Monetary(
        string="Validated amount (excl. VAT)",
        currency_field="cae_company_currency_id",
        copy=False,
        readonly=True,
    )

    @api.depends("cae_activity_id.trade_name", "cae_activity_id.name")
    def _compute_cae_trade_name(self):
        for order in self:
            activity = order.cae_activity_id.sudo()
            order.cae_trade_name = activity.trade_name or activity.name or False

    # override: an entrepreneur quotes on her own activities only
    @api.model_create_multi
    def create(self, vals_list):
        if self._cae_guard_applies():
            for vals in vals_list:
                if "cae_activity_id" in vals:
                    self._cae_check_own_activity_id(vals["cae_activity_id"])
        return super().create(vals_list)

    # override: an entrepreneur moves a quote only to her own activities
    def write(self, vals):
        if "cae_activity_id" in vals and self._cae_guard_applies():
            self._cae_check_own_activity_id(vals["cae_activity_id"])
        return super().write(vals)

    def _cae_currency_date(self):
        self.ensure_one()
        return self.date_order or super()._cae_currency_date()

    # Core state changes an entrepreneur may make on her own quotes: the core
    # methods write ``state``/``locked``, fields she may not write directly.
    def _cae_trusted_call(self, method, *args, **kwargs):
        if self._cae_guard_applies():
            self._cae_check_own_activity()
            with cae_trusted_writes():
                return method(*args, **kwargs)
        return method(*args, **kwargs)

    # override: an entrepreneur e-mails a quote above her threshold only once
    # it is validated (the customer would receive an unvalidated offer)
    def action_quotation_send(self):
        if self.env.user._cae_is_entrepreneur_only():
            self._cae_check_entrepreneur_can_proceed()
        return super().action_quotation_send()

    # override: core writes the state: trusted on her own quotes
    def action_quotation_sent(self):
        return self._cae_trusted_call(super().action_quotation_sent)

    # override: core writes the state: trusted on her own quotes
    def action_draft(self):
        return self._cae_trusted_call(super().action_draft)

    # override: core writes the state: trusted on her own quotes
    def _action_cancel(self):
        return self._cae_trusted_call(super()._action_cancel)

    # override: core writes ``locked``: trusted on her own quotes
    def action_lock(self):
        return self._cae_trusted_call(super().action_lock)

    # override: core writes ``locked``: trusted on her own quotes
    def action_unlock(self):
        return self._cae_trusted_call(super().action_unlock)

    # override: e-mailing a quote marks it sent: trusted on her own quotes
    def message_post(self, **kwargs):
        if self.env.context.get("mark_so_as_sent"):
            # core marks a draft quote as sent when it is e-mailed
            return self._cae_trusted_call(super().message_post, **kwargs)
        return super().message_post(**kwargs)

    # override: an entrepreneur confirms once her checks pass (own activity, threshold);
    # then as superuser, core writes the state and the order lines
    def action_confirm(self):
        if self.env.user._cae_is_entrepreneur_only():
            self._cae_check_entrepreneur_can_proceed()
            return super(SaleOrder, self.sudo()).action_confirm()
        return super().action_confirm()

    # override: the invoice belongs to the quote's activity
    def _prepare_invoice(self):
        vals = super()._prepare_invoice()
        if self.cae_activity_id:
            vals["cae_activity_id"] = self.cae_activity_id.id
        return vals

    # override: an entrepreneur invoices her own quotes; core then creates the invoice
    # as superuser, handed back to her
    def _create_invoices(self, grouped=False, final=False, date=None):
        if self.env.user._cae_is_entrepreneur_only():
            self._cae_check_own_activity()
            moves = super(SaleOrder, self.sudo())._create_invoices(grouped, final, date)
            return moves.sudo(False)
        return super()._create_invoices(grouped, final, date)
