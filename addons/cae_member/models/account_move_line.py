from odoo import api, fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    cae_activity_id = fields.Many2one(
        "cae.activity",
        string="Activity",
        compute="_compute_cae_activity_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
    )

    @api.depends("move_id.cae_activity_id")
    def _compute_cae_activity_id(self):
        for line in self:
            line.cae_activity_id = line.move_id.cae_activity_id or line.cae_activity_id

    @api.depends("cae_activity_id")
    def _compute_analytic_distribution(self):
        super()._compute_analytic_distribution()
        for line in self:
            if (
                line.cae_activity_id
                and line.display_type == "product"
                and line.account_id.internal_group in ("income", "expense")
            ):
                line.analytic_distribution = {
                    str(line.cae_activity_id.sudo().analytic_account_id.id): 100
                }
