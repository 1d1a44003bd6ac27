from odoo import api, fields, models


class AccountAnalyticLine(models.Model):
    _inherit = "account.analytic.line"

    cae_activity_id = fields.Many2one(
        "cae.activity",
        string="Activity",
        compute="_compute_cae_activity_id",
        store=True,
        readonly=False,
        index=True,
    )

    @api.depends("move_line_id.cae_activity_id")
    def _compute_cae_activity_id(self):
        for line in self:
            line.cae_activity_id = (
                line.move_line_id.cae_activity_id or line.cae_activity_id
            )
