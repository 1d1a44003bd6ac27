from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    cae_restaurant_meal = fields.Boolean(
        string="Restaurant meal",
        help="An expense of this product is a restaurant meal: it cannot be "
        "claimed by a person who receives meal vouchers for its month.",
    )
