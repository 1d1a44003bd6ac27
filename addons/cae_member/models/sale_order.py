from odoo import api, fields, models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "cae.validation.mixin"]

    cae_activity_id = fields.Many2one(
        "cae.activity",
        string="Activity",
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self._cae_default_activity(),
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
        for order in self:
            activity = order.cae_activity_id.sudo()
            order.cae_trade_name = activity.trade_name or activity.name or False

    def action_confirm(self):
        if self.env.user._cae_is_entrepreneur_only():
            self._cae_check_entrepreneur_can_proceed()
            return super(SaleOrder, self.sudo()).action_confirm()
        return super().action_confirm()

    def _prepare_invoice(self):
        vals = super()._prepare_invoice()
        if self.cae_activity_id:
            vals["cae_activity_id"] = self.cae_activity_id.id
        return vals

    def _create_invoices(self, grouped=False, final=False, date=None):
        if self.env.user._cae_is_entrepreneur_only():
            self._cae_check_own_activity()
            moves = super(SaleOrder, self.sudo())._create_invoices(grouped, final, date)
            return moves.sudo(False)
        return super()._create_invoices(grouped, final, date)
