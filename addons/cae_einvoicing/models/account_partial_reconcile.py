from odoo import api, models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    @api.model_create_multi
    def create(self, vals_list):
        # EXTENDS account: a payment matched with an invoice records its
        # lifecycle status (cashed, payment sent)
        partials = super().create(vals_list)
        partials._cae_payment_statuses()
        return partials

    def _cae_payment_statuses(self):
        """A payment matched with an invoice of services produces its
        "cashed" status (VAT on receipts, unless the company opted for
        debits), with the amount and the date of the payment; a payment of a
        supplier bill its "payment sent" status."""
        for partial in self:
            lines = partial.debit_move_id | partial.credit_move_id
            moves = lines.move_id
            payments = moves.filtered(
                lambda m: m.origin_payment_id or m.statement_line_id
            )
            if not payments:
                continue
            for move in moves - payments:
                if move.state != "posted":
                    continue
                if move.move_type == "out_invoice":
                    if move.cae_operation_category not in ("services", "mixed"):
                        continue
                    if move.company_id.cae_vat_on_debits:
                        continue
                    code = "212"
                elif move.move_type == "in_invoice":
                    # the supplier is told through the platform of the bills
                    # it sent there only (not of expense sheets, say)
                    if not move._cae_is_einvoice():
                        continue
                    code = "211"
                else:
                    continue
                move._cae_record_status(
                    code,
                    amount=partial.amount
                    if move.currency_id == move.company_currency_id
                    else (partial.debit_amount_currency),
                    payment_date=max(payments.mapped("date")),
                )
