from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # what an entrepreneur sets on her quote lines (the quotation form); the
    # activity and the invoiced or down-payment figures are not in it
    _cae_entrepreneur_fields = frozenset(
        {
            "analytic_distribution",
            "combo_item_id",
            "customer_lead",
            "discount",
            "display_type",
            "event_id",
            "event_ticket_id",
            "linked_line_id",
            "linked_virtual_id",
            "name",
            "order_id",
            "price_unit",
            "product_custom_attribute_value_ids",
            "product_document_ids",
            "product_id",
            "product_no_variant_attribute_value_ids",
            "product_packaging_id",
            "product_packaging_qty",
            "product_template_id",
            "product_uom",
            "product_uom_qty",
            "qty_delivered",
            "selected_combo_items",
            "sequence",
            "tax_id",
            "technical_price_unit",
            "virtual_id",
        }
    )

    cae_activity_id = fields.Many2one(
        related="order_id.cae_activity_id", store=True, index=True, string="Activity"
    )

    # override: a line of an activity's quote goes to its analytic account
    @api.depends("order_id.cae_activity_id")
    def _compute_analytic_distribution(self):
        super()._compute_analytic_distribution()
        for line in self:
            if line.cae_activity_id and not line.display_type:
                line.analytic_distribution = {
                    str(line.cae_activity_id.sudo().analytic_account_id.id): 100
                }
