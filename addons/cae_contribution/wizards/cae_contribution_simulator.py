from odoo import api, fields, models
from odoo.exceptions import AccessError


class CaeContributionSimulator(models.TransientModel):
    """« Combien vais-je contribuer ? » for a projected annual margin."""

    _name = "cae.contribution.simulator"
    _description = "Contribution simulator"
    _cae_entrepreneur_fields = frozenset({"activity_id", "projected_base", "date"})

    activity_id = fields.Many2one(
        "cae.activity",
        required=True,
        default=lambda self: self.env.user._cae_default_activity(),
    )
    currency_id = fields.Many2one(related="activity_id.company_id.currency_id")
    projected_base = fields.Monetary(
        string="Projected annual margin", currency_field="currency_id"
    )
    date = fields.Date(default=fields.Date.context_today, required=True)
    scale_id = fields.Many2one("cae.contribution.scale", compute="_compute_result")
    amount = fields.Monetary(
        string="Yearly contribution",
        compute="_compute_result",
        currency_field="currency_id",
    )
    effective_rate = fields.Float(
        string="Effective rate (%)", compute="_compute_result"
    )
    detail = fields.Text(compute="_compute_result")

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._check_own_activity()
        return records

    def write(self, vals):
        res = super().write(vals)
        if "activity_id" in vals:
            self._check_own_activity()
        return res

    def _check_own_activity(self):
        user = self.env.user
        if not user._cae_is_entrepreneur_only():
            return
        for wizard in self:
            if not user._cae_is_own_activity(wizard.activity_id):
                raise AccessError(
                    self.env._(
                        "You can only simulate the contribution of your activities."
                    )
                )

    @api.depends("activity_id", "projected_base", "date")
    def _compute_result(self):
        # sudo: the activity's terms and scale are read to price the simulation
        # only; an entrepreneur's simulator is on her own activity (checked at
        # create and write, and by the record rule)
        Scale = self.env["cae.contribution.scale"].sudo()
        for wizard in self:
            activity = wizard.activity_id.sudo()
            scale = Scale._cae_scale_for(activity)
            wizard.scale_id = scale
            base = wizard.projected_base
            if activity.contribution_flat_rate:
                amount = activity._cae_flat_rate_due(base)
                detail = self.env._(
                    "Flat rate of %(rate)s %% on the base.",
                    rate=activity.contribution_flat_rate,
                )
            elif scale:
                amount = scale._cae_due(base, wizard.date, 12)
                detail = scale._cae_explain(base, wizard.date)
            else:
                amount, detail = 0.0, ""
            wizard.amount = amount
            wizard.effective_rate = amount / base * 100.0 if base else 0.0
            wizard.detail = detail
