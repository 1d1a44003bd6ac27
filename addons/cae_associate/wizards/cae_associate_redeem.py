from odoo import fields, models


class CaeAssociateRedeem(models.TransientModel):
    """Redeem shares of a subscription (at the associate's exit)."""

    _name = "cae.associate.redeem"
    _description = "Redeem shares"

    subscription_id = fields.Many2one(
        "cae.associate.subscription", required=True, readonly=True
    )
    currency_id = fields.Many2one(related="subscription_id.currency_id")
    shares_held = fields.Integer(related="subscription_id.shares_held")
    date = fields.Date(required=True, default=fields.Date.context_today)
    share_count = fields.Integer(string="Shares to redeem", required=True)
    reason = fields.Char(help="E.g. exit of the cooperative.")

    def action_redeem(self):
        self.ensure_one()
        self.env["cae.associate.redemption"].create(
            {
                "subscription_id": self.subscription_id.id,
                "date": self.date,
                "share_count": self.share_count,
                "reason": self.reason,
            }
        )
        return {"type": "ir.actions.act_window_close"}
