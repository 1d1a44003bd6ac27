from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.cae_member.models.base import cae_trusted_writes


class AccountMove(models.Model):
    _inherit = "account.move"

    cae_training_action_id = fields.Many2one(
        "cae.training.action",
        string="Training action",
        index=True,
        copy=False,
        check_company=True,
        tracking=True,
    )
    cae_training_deposit = fields.Boolean(
        string="Training deposit",
        copy=False,
        help="Deposit invoice of a training action: at most 30 % of the price of "
        "an individual contract, it may be posted before the action ends.",
    )
    cae_nda_mention = fields.Char(
        string="NDA mention", compute="_compute_cae_nda_mention"
    )

    def _compute_cae_nda_mention(self):
        for move in self:
            training = (
                move.cae_training_action_id
                or move.cae_activity_id.sudo().activity_type
                in ("training", "skills_assessment")
            )
            move.cae_nda_mention = (
                move.company_id._cae_nda_mention() if training else False
            )

    def _cae_training_is_deposit(self):
        """A deposit of a training action: flagged as such, or made of the
        down payment lines of the action's quotation."""
        self.ensure_one()
        if self.cae_training_deposit:
            return True
        lines = self.invoice_line_ids.filtered(
            lambda line: line.display_type == "product"
        )
        return bool(lines) and all(
            line.sale_line_ids and all(line.sale_line_ids.mapped("is_downpayment"))
            for line in lines
        )

    def _cae_check_training_invoices(self):
        """Every invoice of a training action (made from the action, its
        quotation or by hand): a deposit within the agreed share, the final
        invoice with the signed agreement and every trainee half-day proven;
        nothing on an individual contract before its withdrawal period ends.
        A credit note never refunds more than was invoiced."""
        errors = []
        for move in self.filtered(
            lambda m: (
                m.cae_training_action_id
                and m.move_type in ("out_invoice", "out_refund")
            )
        ):
            action = move.cae_training_action_id.sudo()
            if move.move_type == "out_refund":
                errors += action._cae_refund_errors(move)
            elif move._cae_training_is_deposit():
                errors += action._cae_deposit_errors(move)
            else:
                errors += action._cae_final_invoice_errors(move)
        if errors:
            raise UserError(
                self.env._(
                    "The training invoice cannot be posted:\n%(errors)s",
                    errors="\n".join(errors),
                )
            )

    # override: a training invoice or credit note is checked against its
    # action first (agreement, withdrawal period, deposits, half-days, refunds)
    def _post(self, soft=True):
        self._cae_check_training_invoices()
        return super()._post(soft=soft)

    def _reverse_moves(self, default_values_list=None, cancel=False):
        """A credit note of a training invoice stays on the action: the BPF
        counts the action's income net of its credit notes."""
        training = self.filtered("cae_training_action_id")
        if not training:
            return super()._reverse_moves(default_values_list, cancel=cancel)
        default_values_list = default_values_list or [{} for _move in self]
        for move, default_values in zip(self, default_values_list, strict=True):
            if move.cae_training_action_id:
                default_values.setdefault(
                    "cae_training_action_id", move.cae_training_action_id.id
                )
                default_values.setdefault(
                    "cae_training_deposit", move.cae_training_deposit
                )
        # trusted: the action and deposit flag are the reversed move's own
        with cae_trusted_writes():
            return super()._reverse_moves(default_values_list, cancel=cancel)
