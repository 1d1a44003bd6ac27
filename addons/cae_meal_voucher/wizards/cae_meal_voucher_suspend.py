from odoo import api, fields, models
from odoo.exceptions import UserError


class CaeMealVoucherSuspend(models.TransientModel):
    """The admin team stops the meal vouchers of activities that cannot
    afford them: their available treasury is below the company's threshold."""

    _name = "cae.meal.voucher.suspend"
    _description = "Suspend the meal vouchers of activities"

    activity_ids = fields.Many2many("cae.activity", string="Activities", required=True)
    reason = fields.Char(
        required=True,
        help="Shown to the entrepreneurs on their activity and their meal "
        "voucher months.",
    )
    date = fields.Date(
        string="Suspended on", required=True, default=fields.Date.context_today
    )
    below_threshold_ids = fields.Many2many(
        "cae.activity",
        string="Activities below the threshold",
        compute="_compute_below_threshold_ids",
    )

    @api.depends("activity_ids")
    def _compute_below_threshold_ids(self):
        for wizard in self:
            wizard.below_threshold_ids = wizard.activity_ids._cae_meal_voucher_below()

    def action_suspend(self):
        self.ensure_one()
        self.activity_ids._cae_check_meal_voucher_admin()
        above = self.activity_ids - self.activity_ids._cae_meal_voucher_below()
        if above:
            activity = above[0]
            raise UserError(
                self.env._(
                    "The meal vouchers of %(activity)s cannot be suspended: its "
                    "available treasury (%(treasury)s) is not below the "
                    "threshold (%(threshold)s).",
                    activity=activity.display_name,
                    treasury=activity._cae_format_amount(
                        activity._cae_available_treasury()[activity.id]
                    ),
                    threshold=activity._cae_format_amount(
                        activity.company_id.cae_meal_voucher_treasury_threshold
                    ),
                )
            )
        self.activity_ids.write(
            {
                "cae_meal_voucher_suspended": True,
                "cae_meal_voucher_suspension_reason": self.reason,
                "cae_meal_voucher_suspension_date": self.date,
            }
        )
        return {"type": "ir.actions.act_window_close"}
