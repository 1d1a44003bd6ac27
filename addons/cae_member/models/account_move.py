from contextlib import contextmanager

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .base import cae_trusted_exit, cae_trusted_writes

PNL_GROUPS = ("income", "expense")
ADMIN_GROUP = "cae_member.cae_member_group_admin"
ENTREPRENEUR_MOVE_TYPES = ("out_invoice", "out_refund", "in_invoice", "in_refund")


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "cae.validation.mixin"]

    # what an entrepreneur sets on her invoices and bills (the invoice form);
    # validation, state, numbering, hash, payment and reconciliation fields
    # are not in it (see models/base.py)
    _cae_entrepreneur_fields = frozenset(
        {
            "buyer_reference",
            "cae_activity_id",
            "campaign_id",
            "company_id",
            "contract_reference",
            "currency_id",
            "date",
            "delivery_date",
            "fiscal_position_id",
            "incoterm_location",
            "invoice_cash_rounding_id",
            "invoice_date",
            "invoice_date_due",
            "invoice_incoterm_id",
            "invoice_line_ids",
            "invoice_origin",
            "invoice_payment_term_id",
            "invoice_user_id",
            "invoice_vendor_bill_id",
            "is_manually_modified",
            "is_move_sent",
            "journal_id",
            "medium_id",
            "message_main_attachment_id",
            "move_type",
            "name",
            "narration",
            "partner_bank_id",
            "partner_id",
            "partner_shipping_id",
            "payment_reference",
            "preferred_payment_method_line_id",
            "purchase_order_reference",
            "qr_code_method",
            "quick_edit_total_amount",
            "ref",
            "source_id",
            "tax_totals",
            "team_id",
        }
    )

    cae_activity_id = fields.Many2one(
        "cae.activity",
        string="Activity",
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self._cae_default_activity(),
        help="Activity this document belongs to: its lines carry the activity and "
        "its revenue and expense lines go to the activity's analytic account.",
    )
    cae_trade_name = fields.Char(compute="_compute_cae_trade_name", string="Trade name")
    cae_validated_amount = fields.Monetary(
        string="Validated amount (excl. VAT)",
        currency_field="company_currency_id",
        copy=False,
        readonly=True,
    )
    # an entrepreneur sees the payments of her invoices ("Paid on") like the
    # invoicing team; core computes it in sudo from the invoice's own
    # reconciliations, and the record rules decide which invoices she reads
    invoice_payments_widget = fields.Binary(
        groups="account.group_account_invoice,account.group_account_readonly,"
        "cae_member.cae_member_group_entrepreneur",
    )

    @api.depends("cae_activity_id.trade_name", "cae_activity_id.name")
    def _compute_cae_trade_name(self):
        for move in self:
            activity = move.cae_activity_id.sudo()
            move.cae_trade_name = activity.trade_name or activity.name or False

    def _cae_amount_untaxed(self):
        # the signed amounts are in the company's currency
        self.ensure_one()
        return (
            abs(self.amount_untaxed_signed)
            if self.is_invoice(True)
            else abs(self.amount_total_signed)
        )

    def _cae_check_analytic(self):
        """Every revenue and expense line of an activity carries exactly the
        activity's analytic account at 100 %; a line without activity (the CAE
        structure's own documents) carries no activity's account."""
        activities = (
            self.env["cae.activity"]
            .sudo()
            .with_context(active_test=False)
            .search([("company_id", "in", self.company_id.ids)])
        )
        activity_accounts = {str(a.analytic_account_id.id): a for a in activities}
        errors = []
        for move in self:
            pnl_lines = move.line_ids.filtered(
                lambda line: (
                    line.display_type == "product"
                    and line.account_id.internal_group in PNL_GROUPS
                )
            )
            errors += [
                error
                for line in pnl_lines
                if (error := line._cae_analytic_error(activity_accounts))
            ]
        if errors:
            raise UserError(
                self.env._(
                    "These entries cannot be posted:\n%(errors)s",
                    errors="\n".join(errors),
                )
            )

    # override: an entrepreneur creates only invoices and bills of her own activities
    @api.model_create_multi
    def create(self, vals_list):
        if self._cae_guard_applies():
            for vals in vals_list:
                self._cae_check_entrepreneur_vals(vals)
        return super().create(vals_list)

    # override: an entrepreneur's values are checked; a posted entry keeps its activity
    def write(self, vals):
        if self._cae_guard_applies():
            self._cae_check_entrepreneur_vals(vals)
        if "cae_activity_id" in vals:
            self._cae_check_activity_locked(vals["cae_activity_id"])
        return super().write(vals)

    def _cae_check_entrepreneur_vals(self, vals):
        """What an entrepreneur's values must be, beyond the field list: an
        invoice or a bill (never a free journal entry), of one of her own
        activities, numbered by Odoo."""
        move_type = vals.get("move_type", self.env.context.get("default_move_type"))
        # a new move needs an invoice type; an existing one may not leave it
        if (move_type or not self) and move_type not in ENTREPRENEUR_MOVE_TYPES:
            raise AccessError(
                self.env._(
                    "As an entrepreneur you can only create invoices, bills and "
                    "credit notes, not journal entries."
                )
            )
        if vals.get("name") not in (None, False, "/"):
            raise AccessError(
                self.env._(
                    "The number of an invoice is given by the cooperative's "
                    "sequence when it is posted."
                )
            )
        if "cae_activity_id" in vals:
            self._cae_check_own_activity_id(vals["cae_activity_id"])

    def _cae_check_activity_locked(self, activity_id):
        """A posted document keeps its activity, like core keeps the other
        fields of a posted entry: its revenue or charges are in that
        activity's accounts, contribution base and état des comptes. Bank
        lines are the exception: the admin team gives an unmatched bank line
        its activity after posting (cae_member's bank lines screen)."""
        self.filtered(
            lambda move: move.cae_activity_id.id != (activity_id or False)
        )._cae_raise_if_activity_locked()

    def _cae_raise_if_activity_locked(self):
        locked = self.filtered(
            lambda move: move.state != "draft" and not move.statement_line_id
        )
        if locked:
            raise UserError(
                self.env._(
                    "The activity of a posted entry cannot be changed "
                    "(%(moves)s): reverse it and enter it again on the right "
                    "activity.",
                    moves=", ".join(locked.mapped("display_name")),
                )
            )

    @contextmanager
    def _sync_dynamic_lines(self, container):
        """Core writes an invoice's tax, payment-term and rounding lines (and
        some of its own fields) when the caller's values are in: that
        synchronisation is core's arithmetic, not the entrepreneur's values,
        so it runs trusted; what she sends (the body) stays checked."""
        if not self._cae_guard_applies():
            with super()._sync_dynamic_lines(container):
                yield
            return
        with cae_trusted_exit(super()._sync_dynamic_lines(container)):
            yield

    def button_draft(self):
        # resetting a posted invoice to draft reopens accounting evidence: the
        # admin team's, not the support team's nor an entrepreneur's
        user = self.env.user
        if not self.env.su and not (
            user.has_group(ADMIN_GROUP)
            or user.has_group("account.group_account_manager")
        ):
            raise AccessError(
                self.env._("Only the admin team can reset a posted entry to draft.")
            )
        return super().button_draft()

    # override: an entrepreneur cancels only her own drafts
    def button_cancel(self):
        if self._cae_guard_applies():
            # an entrepreneur cancels her own drafts; the core method writes
            # the state, which is not hers to write directly
            self._cae_check_own_activity()
            if any(move.state != "draft" for move in self):
                raise AccessError(
                    self.env._("As an entrepreneur you can only cancel drafts.")
                )
            with cae_trusted_writes():
                return super().button_cancel()
        return super().button_cancel()

    # override: nothing posts unless the activity's lines carry its analytic account
    def _post(self, soft=True):
        self._cae_check_analytic()
        return super()._post(soft=soft)

    # override: an entrepreneur posts once her checks pass (own activity, threshold);
    # then as superuser, core writes the number and state she may not write
    def action_post(self):
        if self.env.user._cae_is_entrepreneur_only():
            self._cae_check_entrepreneur_can_proceed()
            return super(AccountMove, self.sudo()).action_post()
        return super().action_post()
