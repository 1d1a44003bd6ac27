from odoo import Command, fields, models
from odoo.exceptions import UserError

from odoo.addons.cae_member.models.base import cae_trusted_writes

# L6353-6: a person paying alone pays at most 30 % of the price before the start
# (individual contracts only; a convention's deposit is agreed in the convention)
DEPOSIT_MAX_RATE = 0.30


class CaeTrainingAction(models.Model):
    """The sale of a training action: its quotation, deposit and final
    invoices, and the legal checks made before they are posted."""

    _inherit = "cae.training.action"

    product_id = fields.Many2one(
        "product.product",
        string="Invoiced product",
        default=lambda self: self.env.company.cae_training_product_id,
        check_company=True,
    )
    sale_order_id = fields.Many2one(
        "sale.order", string="Quotation", copy=False, check_company=True
    )
    invoice_ids = fields.One2many(
        "account.move", "cae_training_action_id", string="Invoices"
    )
    invoice_count = fields.Integer(compute="_compute_invoice_count")

    def _compute_invoice_count(self):
        for action in self:
            action.invoice_count = len(action.invoice_ids)

    # ------------------------------------------------------------------- actions
    def action_create_quotation(self):
        self.ensure_one()
        self._cae_check_invoicing()
        if self.sale_order_id:
            raise UserError(self.env._("This action already has a quotation."))
        order = self.env["sale.order"].create(
            {
                "partner_id": self._cae_customer().id,
                "cae_activity_id": self.activity_id.id,
                "company_id": self.company_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self._cae_product().id,
                            "name": self._cae_invoice_label(),
                            "product_uom_qty": 1,
                            "price_unit": self.price_total,
                        }
                    )
                ],
                "note": self.company_id._cae_nda_mention(),
            }
        )
        # trusted: the quotation was just created from this action
        with cae_trusted_writes():
            self.sale_order_id = order
        return self._cae_open(order)

    def action_create_deposit_invoice(self):
        """A deposit invoice of 30 % of the price (at most that for an
        individual contract, L6353-6)."""
        self.ensure_one()
        self._cae_check_invoicing()
        amount = self.currency_id.round(
            self.price_total * DEPOSIT_MAX_RATE - self._cae_deposit_amount()
        )
        if amount <= 0:
            raise UserError(self.env._("The 30 % deposit has already been invoiced."))
        label = self.env._("Deposit - %(label)s", label=self._cae_invoice_label())
        # trusted: the invoice is composed here from the action, whose
        # activity is the user's (checked above)
        with cae_trusted_writes():
            move = self.env["account.move"].create(
                self._cae_prepare_invoice([(label, amount)], deposit=True)
            )
        return self._cae_open(move)

    def action_create_final_invoice(self):
        self.ensure_one()
        self._cae_check_invoicing()
        lines = [(self._cae_invoice_label(), self.price_total)]
        deposit = self._cae_deposit_amount()
        if deposit:
            lines.append((self.env._("Deposit already invoiced"), -deposit))
        # trusted: see action_create_deposit_invoice
        with cae_trusted_writes():
            move = self.env["account.move"].create(
                self._cae_prepare_invoice(lines, deposit=False)
            )
        return self._cae_open(move)

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("cae_training_action_id", "=", self.id)]
        action["context"] = {
            "default_move_type": "out_invoice",
            "default_cae_training_action_id": self.id,
            "default_cae_activity_id": self.activity_id.id,
        }
        return action

    # ------------------------------------------------------------------- helpers
    def _cae_check_invoicing(self):
        """Quotes and invoices of an action are its activity's: an
        entrepreneur makes them for her own activities only."""
        self.check_access("write")
        if self._cae_guard_applies():
            self._cae_check_own_activity()

    def _cae_open(self, record):
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
        }

    def _cae_customer(self):
        self.ensure_one()
        if not self.customer_id:
            raise UserError(
                self.env._("Set the customer of %(action)s.", action=self.display_name)
            )
        return self.customer_id

    def _cae_product(self):
        self.ensure_one()
        product = (
            self.product_id
            or self.company_id.cae_training_product_id
            or self.env.ref("cae_training.product_training", raise_if_not_found=False)
        )
        if not product:
            raise UserError(
                self.env._("Set the training product in the settings or on the action.")
            )
        return product

    def _cae_invoice_label(self):
        self.ensure_one()
        start = self.date_start and fields.Date.to_string(self.date_start.date())
        end = self.date_end and fields.Date.to_string(self.date_end.date())
        return self.env._(
            "Training %(title)s (%(reference)s) from %(start)s to %(end)s, "
            "%(hours)s hours",
            title=self.program_id.name,
            reference=self.name,
            start=start or "",
            end=end or "",
            hours=self.hours,
        )

    def _cae_prepare_invoice(self, lines, deposit):
        self.ensure_one()
        product = self._cae_product()
        return {
            "move_type": "out_invoice",
            "partner_id": self._cae_customer().id,
            "cae_activity_id": self.activity_id.id,
            "cae_training_action_id": self.id,
            "cae_training_deposit": deposit,
            "company_id": self.company_id.id,
            "narration": self.company_id._cae_nda_mention(),
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": product.id,
                        "name": label,
                        "quantity": 1,
                        "price_unit": amount,
                    }
                )
                for label, amount in lines
            ],
        }

    def _cae_deposit_amount(self, exclude=None):
        """Deposits already posted (excl. VAT)."""
        self.ensure_one()
        # sudo: read only, the action's posted deposits, whoever made them
        deposits = self.sudo().invoice_ids.filtered(
            lambda m: (
                m._cae_training_is_deposit()
                and m.state == "posted"
                and m.move_type in ("out_invoice", "out_refund")
                and m != exclude
            )
        )
        return sum(m.amount_untaxed_signed for m in deposits)

    def _cae_deposit_errors(self, move):
        """Why ``move``, a deposit invoice of the action, cannot be posted."""
        self.ensure_one()
        errors = self._cae_withdrawal_errors(move)
        total = self._cae_deposit_amount(exclude=move) + abs(move.amount_untaxed_signed)
        if self.agreement_type != "contract":
            # a convention's deposit is what the parties agreed, within the price
            if self.currency_id.compare_amounts(total, self.price_total) > 0:
                errors.append(
                    self.env._(
                        "%(move)s: the deposits of %(action)s (%(total)s) exceed "
                        "its price (%(price)s).",
                        move=move.display_name,
                        action=self.display_name,
                        total=self.currency_id.format(total),
                        price=self.currency_id.format(self.price_total),
                    )
                )
            return errors
        cap = self.price_total * DEPOSIT_MAX_RATE
        if self.currency_id.compare_amounts(total, cap) > 0:
            errors.append(
                self.env._(
                    "%(move)s: the deposits of %(action)s (%(total)s) exceed 30 %% "
                    "of its price (%(cap)s).",
                    move=move.display_name,
                    action=self.display_name,
                    total=self.currency_id.format(total),
                    cap=self.currency_id.format(cap),
                )
            )
        return errors

    def _cae_withdrawal_errors(self, move):
        """An individual contract (L6353-5, L6353-6): no invoice, deposit or
        final, before it is signed and its 10-day withdrawal period is over."""
        self.ensure_one()
        if self.agreement_type != "contract":
            return []
        if not self.agreement_date_signed:
            return [
                self.env._(
                    "%(move)s: the individual training contract of %(action)s "
                    "is not signed; nothing can be charged before.",
                    move=move.display_name,
                    action=self.display_name,
                )
            ]
        if (move.invoice_date or fields.Date.context_today(self)) <= (
            self.withdrawal_end_date
        ):
            return [
                self.env._(
                    "%(move)s: nothing can be charged before the end of the "
                    "10-day withdrawal period (%(date)s).",
                    move=move.display_name,
                    date=fields.Date.to_string(self.withdrawal_end_date),
                )
            ]
        return []

    def _cae_refund_errors(self, move):
        """A credit note of the action never refunds more than was invoiced."""
        self.ensure_one()
        # sudo: read only, the action's posted invoices, whoever made them
        posted = self.sudo().invoice_ids.filtered(
            lambda m: m.state == "posted" and m != move
        )
        invoiced = sum(posted.mapped("amount_untaxed_signed"))
        if (
            self.currency_id.compare_amounts(abs(move.amount_untaxed_signed), invoiced)
            > 0
        ):
            return [
                self.env._(
                    "%(move)s: the credit note (%(amount)s) exceeds what was "
                    "invoiced for %(action)s (%(invoiced)s).",
                    move=move.display_name,
                    amount=self.currency_id.format(abs(move.amount_untaxed_signed)),
                    action=self.display_name,
                    invoiced=self.currency_id.format(invoiced),
                )
            ]
        return []

    def _cae_final_invoice_errors(self, move=None):
        """Why the final invoice of the action cannot be posted."""
        self.ensure_one()
        errors = []
        if move and self.agreement_date_signed:
            errors += self._cae_withdrawal_errors(move)
        if not self.agreement_date_signed:
            errors.append(
                self.env._(
                    "The %(agreement)s of %(action)s is not signed.",
                    agreement=dict(
                        self._fields["agreement_type"]._description_selection(self.env)
                    )[self.agreement_type].lower(),
                    action=self.display_name,
                )
            )
        for slot, trainee, reason in self._cae_missing_attendance():
            errors.append(
                self.env._(
                    "Half-day %(slot)s, %(trainee)s: %(reason)s.",
                    slot=slot.display_name,
                    trainee=trainee.partner_id.name,
                    reason=reason,
                )
            )
        return errors
