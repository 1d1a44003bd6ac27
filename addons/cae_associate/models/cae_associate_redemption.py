from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount


class CaeAssociateRedemption(models.Model):
    """Shares refunded to an associate (at her exit, usually).

    The refund is the shares redeemed times their nominal value, limited to
    what was paid on the subscription and not refunded yet: a share that was
    not paid up is cancelled, not refunded."""

    _name = "cae.associate.redemption"
    _description = "Share redemption"
    _order = "date, id"
    _check_company_auto = True

    subscription_id = fields.Many2one(
        "cae.associate.subscription",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        related="subscription_id.partner_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="subscription_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="subscription_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    share_count = fields.Integer(string="Shares redeemed", required=True)
    amount = fields.Monetary(string="Amount refunded", readonly=True)
    reason = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        # checked and priced before anything is written; a batch adds up
        taken = {}
        Subscription = self.env["cae.associate.subscription"]
        for vals in vals_list:
            subscription = Subscription.browse(vals.get("subscription_id"))
            if not subscription:
                continue
            count = vals.get("share_count", 0)
            if count <= 0:
                raise ValidationError(
                    self.env._("A redemption is of one share or more.")
                )
            if not subscription.is_validated:
                raise ValidationError(
                    self.env._(
                        "%(name)s is not validated: there is nothing to redeem.",
                        name=subscription.name,
                    )
                )
            shares, refunded = taken.get(subscription, (0, 0.0))
            held = subscription.shares_held - shares
            if count > held:
                raise ValidationError(
                    self.env._(
                        "%(partner)s holds %(held)s shares on %(name)s: "
                        "%(count)s cannot be redeemed.",
                        partner=subscription.partner_id.name,
                        held=held,
                        name=subscription.name,
                        count=count,
                    )
                )
            available = (
                subscription.amount_paid - subscription.amount_refunded - refunded
            )
            amount = subscription.currency_id.round(
                max(min(count * subscription.share_value, available), 0.0)
            )
            vals["amount"] = amount
            taken[subscription] = (shares + count, refunded + amount)
        redemptions = super().create(vals_list)
        for redemption in redemptions:
            redemption.subscription_id.message_post(
                body=self.env._(
                    "%(count)s shares redeemed on %(date)s, %(amount)s refunded.",
                    count=redemption.share_count,
                    date=redemption.date,
                    amount=format_amount(
                        self.env, redemption.amount, redemption.currency_id
                    ),
                )
            )
        return redemptions

    def write(self, vals):
        if set(vals) & {"subscription_id", "share_count", "amount"}:
            raise UserError(
                self.env._(
                    "A redemption is part of the register of associates: its "
                    "shares and amount no longer change."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_register(self):
        raise UserError(
            self.env._(
                "A redemption is part of the register of associates: it cannot "
                "be deleted."
            )
        )
