from odoo import api, fields, models
from odoo.exceptions import UserError

PNL_GROUPS = ("income", "expense")


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "cae.validation.mixin"]

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
        currency_field="currency_id",
        copy=False,
        readonly=True,
    )

    @api.depends("cae_activity_id.trade_name", "cae_activity_id.name")
    def _compute_cae_trade_name(self):
        for move in self:
            activity = move.cae_activity_id.sudo()
            move.cae_trade_name = activity.trade_name or activity.name or False

    def _cae_amount_untaxed(self):
        self.ensure_one()
        return (
            abs(self.amount_untaxed_signed)
            if self.is_invoice(True)
            else self.amount_total
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

    def _post(self, soft=True):
        self._cae_check_analytic()
        return super()._post(soft=soft)

    def action_post(self):
        if self.env.user._cae_is_entrepreneur_only():
            self._cae_check_entrepreneur_can_proceed()
            return super(AccountMove, self.sudo()).action_post()
        return super().action_post()
