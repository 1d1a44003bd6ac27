from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, format_amount


class CaeAssociatePayment(models.Model):
    """A payment on a share subscription: paid directly, or deducted from
    the salary by the pay variables export of a month."""

    _name = "cae.associate.payment"
    _description = "Share subscription payment"
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
    amount = fields.Monetary(required=True)
    origin = fields.Selection(
        [("direct", "Direct payment"), ("payroll", "Payroll deduction")],
        required=True,
        default="direct",
        readonly=True,
    )
    payroll_export_id = fields.Many2one(
        "cae.payroll.export",
        string="Payroll export",
        ondelete="restrict",
        readonly=True,
        index=True,
        check_company=True,
    )
    payroll_month = fields.Date(
        readonly=True,
        help="The month of the pay variables export that deducted this payment.",
    )

    _sql_constraints = [
        (
            "payroll_month_unique",
            "unique(subscription_id, payroll_month)",
            "A subscription is paid by payroll once a month.",
        )
    ]

    @api.model_create_multi
    def create(self, vals_list):
        # checked before anything is written: the payments of the batch add up
        added = {}
        Subscription = self.env["cae.associate.subscription"]
        for vals in vals_list:
            subscription = Subscription.browse(vals.get("subscription_id"))
            if not subscription:
                continue
            amount = vals.get("amount", 0.0)
            subscription._cae_check_payable(amount)
            added[subscription] = added.get(subscription, 0.0) + amount
        for subscription, amount in added.items():
            held_value = subscription.shares_held * subscription.share_value
            paid = subscription.amount_paid - subscription.amount_refunded + amount
            if (
                float_compare(
                    paid,
                    held_value,
                    precision_rounding=subscription.currency_id.rounding,
                )
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "A payment of %(amount)s on %(name)s exceeds the balance "
                        "due (%(due)s).",
                        amount=format_amount(
                            self.env, amount, subscription.currency_id
                        ),
                        name=subscription.name,
                        due=format_amount(
                            self.env, subscription.amount_due, subscription.currency_id
                        ),
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) & {"subscription_id", "amount", "origin", "payroll_export_id"}:
            raise UserError(
                self.env._(
                    "A payment is part of the register of associates: its "
                    "amount no longer changes."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_register(self):
        raise UserError(
            self.env._(
                "A payment is part of the register of associates: it cannot be deleted."
            )
        )

    def _cae_origin_label(self):
        self.ensure_one()
        if self.origin == "payroll" and self.payroll_export_id:
            return self.env._(
                "Payroll deduction %(month)s",
                month=self.payroll_month.strftime("%Y-%m"),
            )
        return dict(self._fields["origin"]._description_selection(self.env))[
            self.origin
        ]
