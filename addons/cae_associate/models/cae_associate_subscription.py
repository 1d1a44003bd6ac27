from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

# fixed once the subscription is validated: the register is changed by new
# subscriptions, payments and redemptions, never by rewriting the past
LOCKED_FIELDS = frozenset(
    {"partner_id", "company_id", "date", "share_count", "share_value"}
)


class CaeAssociateSubscription(models.Model):
    """The shares (parts sociales) an associate subscribed on one date: what
    she owes, what she paid (at once or by monthly payroll deduction) and
    what was refunded when she redeemed them."""

    _name = "cae.associate.subscription"
    _description = "Share subscription"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Associate",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain=[("is_cae_member", "=", True)],
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(
        string="Subscription date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    share_count = fields.Integer(
        string="Shares subscribed", required=True, tracking=True
    )
    share_value = fields.Monetary(
        string="Nominal value",
        required=True,
        default=lambda self: self.env.company.cae_share_value,
        help="Nominal value of one share, as set by the statutes.",
    )
    amount = fields.Monetary(
        string="Amount subscribed",
        compute="_compute_amount",
        store=True,
        precompute=True,
    )
    payment_mode = fields.Selection(
        [("once", "Paid at once"), ("payroll", "Monthly payroll deduction")],
        required=True,
        default="payroll",
        tracking=True,
    )
    monthly_amount = fields.Monetary(
        string="Monthly deduction",
        default=lambda self: self.env.company.cae_share_monthly_deduction,
        tracking=True,
        help="Deducted from the salary each month until the shares are paid up.",
    )
    is_validated = fields.Boolean(string="Validated", readonly=True, copy=False)
    payment_ids = fields.One2many(
        "cae.associate.payment", "subscription_id", string="Payments"
    )
    redemption_ids = fields.One2many(
        "cae.associate.redemption",
        "subscription_id",
        string="Redemptions",
        readonly=True,
    )
    amount_paid = fields.Monetary(compute="_compute_balance", store=True)
    amount_refunded = fields.Monetary(compute="_compute_balance", store=True)
    amount_due = fields.Monetary(
        string="Balance due", compute="_compute_balance", store=True
    )
    shares_redeemed = fields.Integer(compute="_compute_balance", store=True)
    shares_held = fields.Integer(compute="_compute_balance", store=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("subscribed", "Subscribed"),
            ("paid", "Fully paid"),
            ("redeemed", "Redeemed"),
        ],
        compute="_compute_balance",
        store=True,
        index=True,
        tracking=True,
    )

    @api.depends("partner_id.name", "share_count", "date")
    def _compute_name(self):
        for subscription in self:
            subscription.name = self.env._(
                "%(partner)s - %(count)s shares",
                partner=subscription.partner_id.name or "",
                count=subscription.share_count,
            )

    @api.depends("share_count", "share_value")
    def _compute_amount(self):
        for subscription in self:
            subscription.amount = subscription.share_count * subscription.share_value

    @api.depends(
        "is_validated",
        "amount",
        "share_count",
        "share_value",
        "payment_ids.amount",
        "redemption_ids.share_count",
        "redemption_ids.amount",
    )
    def _compute_balance(self):
        for subscription in self:
            paid = sum(subscription.payment_ids.mapped("amount"))
            refunded = sum(subscription.redemption_ids.mapped("amount"))
            redeemed = sum(subscription.redemption_ids.mapped("share_count"))
            held = subscription.share_count - redeemed
            subscription.amount_paid = paid
            subscription.amount_refunded = refunded
            subscription.shares_redeemed = redeemed
            subscription.shares_held = held
            # the shares still held, less what was paid on them and not refunded
            subscription.amount_due = max(
                held * subscription.share_value - (paid - refunded), 0.0
            )
            if not subscription.is_validated:
                subscription.state = "draft"
            elif held <= 0:
                subscription.state = "redeemed"
            elif subscription.currency_id.is_zero(subscription.amount_due):
                subscription.state = "paid"
            else:
                subscription.state = "subscribed"

    @api.constrains("share_count", "share_value", "payment_mode", "monthly_amount")
    def _check_shares(self):
        for subscription in self:
            if subscription.share_count <= 0:
                raise ValidationError(
                    self.env._("A subscription is of one share or more.")
                )
            if subscription.share_value <= 0:
                raise ValidationError(
                    self.env._("The nominal value of a share must be positive.")
                )
            if (
                subscription.payment_mode == "payroll"
                and subscription.monthly_amount <= 0
            ):
                raise ValidationError(
                    self.env._("A payroll deduction needs a positive monthly amount.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        # refused before anything is written
        for vals in vals_list:
            self._cae_check_share_count(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._cae_check_share_count(vals)
        locked = set(vals) & LOCKED_FIELDS
        if locked and any(self.mapped("is_validated")):
            raise UserError(
                self.env._(
                    "A validated subscription is part of the register: its "
                    "associate, date, shares and nominal value no longer change "
                    "(record a new subscription or a redemption)."
                )
            )
        return super().write(vals)

    def _cae_check_share_count(self, vals):
        if "share_count" in vals and (vals["share_count"] or 0) <= 0:
            raise ValidationError(self.env._("A subscription is of one share or more."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_validated(self):
        if any(self.mapped("is_validated")):
            raise UserError(
                self.env._(
                    "A validated subscription is part of the register of "
                    "associates: it cannot be deleted."
                )
            )

    def action_subscribe(self):
        """Validate the subscription: it enters the register, and the first
        one makes the person an associate (her associate date, which the
        legal deadlines read)."""
        # a button over RPC too: the register is the admin team's to write
        self.check_access("write")
        for subscription in self:
            if subscription.is_validated:
                raise UserError(
                    self.env._("%(name)s is already validated.", name=subscription.name)
                )
            subscription._check_shares()
            partner = subscription.partner_id
            # validated subscriptions of hers that still hold shares: she is
            # an associate already
            current = partner.cae_subscription_ids.filtered(
                lambda s: s.is_validated and s.state != "redeemed"
            )
            subscription.is_validated = True
            if not current or not partner.cae_associate_date:
                partner._cae_set_associate_date(subscription.date)
            subscription.message_post(
                body=self.env._(
                    "Subscription of %(count)s shares validated.",
                    count=subscription.share_count,
                )
            )
        return True

    def action_open_redeem(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Redeem shares"),
            "res_model": "cae.associate.redeem",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_subscription_id": self.id,
                "default_share_count": self.shares_held,
            },
        }

    def _cae_register_domain(self):
        return [
            ("company_id", "=", self.env.company.id),
            ("is_validated", "=", True),
        ]

    def action_print_register(self):
        subscriptions = self.search(self._cae_register_domain())
        if not subscriptions:
            raise UserError(self.env._("The register of associates is empty."))
        return self.env.ref(
            "cae_associate.cae_associate_register_report"
        ).report_action(subscriptions)

    def action_export_register_xlsx(self):
        subscriptions = self.search(self._cae_register_domain())
        if not subscriptions:
            raise UserError(self.env._("The register of associates is empty."))
        return self.env.ref("cae_associate.cae_associate_register_xlsx").report_action(
            subscriptions
        )

    def _cae_register_associates(self):
        """One row per associate of the register: shares and amounts."""
        rows = {}
        for subscription in self.filtered("is_validated").sorted("date"):
            row = rows.setdefault(
                subscription.partner_id.id,
                {
                    "partner": subscription.partner_id,
                    "date": subscription.date,
                    "shares_subscribed": 0,
                    "shares_redeemed": 0,
                    "shares_held": 0,
                    "amount": 0.0,
                    "amount_paid": 0.0,
                    "amount_refunded": 0.0,
                    "amount_due": 0.0,
                },
            )
            row["shares_subscribed"] += subscription.share_count
            row["shares_redeemed"] += subscription.shares_redeemed
            row["shares_held"] += subscription.shares_held
            for key in ("amount", "amount_paid", "amount_refunded", "amount_due"):
                row[key] += subscription[key]
        return sorted(rows.values(), key=lambda r: r["partner"].name or "")

    def _cae_register_movements(self):
        """Every movement of the register, by date: subscriptions, payments,
        redemptions."""
        movements = []
        for subscription in self.filtered("is_validated"):
            partner = subscription.partner_id
            movements.append(
                {
                    "date": subscription.date,
                    "partner": partner,
                    "kind": self.env._("Subscription"),
                    "shares": subscription.share_count,
                    "amount": subscription.amount,
                    "origin": dict(
                        self._fields["payment_mode"]._description_selection(self.env)
                    )[subscription.payment_mode],
                }
            )
            for payment in subscription.payment_ids:
                movements.append(
                    {
                        "date": payment.date,
                        "partner": partner,
                        "kind": self.env._("Payment"),
                        "shares": 0,
                        "amount": payment.amount,
                        "origin": payment._cae_origin_label(),
                    }
                )
            for redemption in subscription.redemption_ids:
                movements.append(
                    {
                        "date": redemption.date,
                        "partner": partner,
                        "kind": self.env._("Redemption"),
                        "shares": -redemption.share_count,
                        "amount": -redemption.amount,
                        "origin": redemption.reason or "",
                    }
                )
        return sorted(movements, key=lambda m: (m["date"], m["partner"].name or ""))

    def _cae_check_payable(self, amount):
        """``amount`` may be paid on this subscription now."""
        self.ensure_one()
        if not self.is_validated or self.state == "redeemed":
            raise ValidationError(
                self.env._(
                    "%(name)s is not open to payments (draft or redeemed).",
                    name=self.name,
                )
            )
        if (
            float_compare(amount, 0.0, precision_rounding=self.currency_id.rounding)
            <= 0
        ):
            raise ValidationError(self.env._("A payment must be a positive amount."))
