from odoo import models


class SaleOrderOption(models.Model):
    _inherit = "sale.order.option"

    # what an entrepreneur sets on the optional products of her quotes
    _cae_entrepreneur_fields = frozenset(
        {
            "discount",
            "line_id",
            "name",
            "order_id",
            "price_unit",
            "product_id",
            "quantity",
            "sequence",
            "uom_id",
        }
    )
