from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    cae_activity_id = fields.Many2one(
        related="order_id.cae_activity_id", store=True, index=True, string="Activity"
    )

    @api.depends("order_id.cae_activity_id")
    def _compute_analytic_distribution(self):
        super()._compute_analytic_distribution()
        for line in self:
            if line.cae_activity_id and not line.display_type:
                line.analytic_distribution = {
                    str(line.cae_activity_id.sudo().analytic_account_id.id): 100
                }
