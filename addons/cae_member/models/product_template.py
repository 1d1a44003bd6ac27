from odoo import api, fields, models
from odoo.exceptions import AccessError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    # what an entrepreneur sets on a product of her activity (the product
    # form); the accounts and the CAE's catalogue settings are the admin
    # team's
    _cae_entrepreneur_fields = frozenset(
        {
            "active",
            "barcode",
            "cae_activity_id",
            "categ_id",
            "company_id",
            "default_code",
            "description",
            "description_purchase",
            "description_sale",
            "expense_policy",
            "image_1920",
            "invoice_policy",
            "list_price",
            "name",
            "product_properties",
            "product_tag_ids",
            "purchase_line_warn",
            "purchase_line_warn_msg",
            "purchase_method",
            "purchase_ok",
            "sale_line_warn",
            "sale_line_warn_msg",
            "sale_ok",
            "service_type",
            "standard_price",
            "supplier_taxes_id",
            "taxes_id",
            "type",
            "uom_id",
            "uom_po_id",
        }
    )

    cae_activity_id = fields.Many2one(
        "cae.activity",
        string="Activity",
        index="btree_not_null",
        ondelete="restrict",
        default=lambda self: self._cae_default_product_activity(),
        help="The activity whose catalogue holds this product; empty: a product "
        "of the CAE, which every activity can sell.",
    )

    # override: an entrepreneur's product stays on one of her activities (the record
    # rules check the product before the write, not the activity it is given)
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._cae_check_product_activity(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._cae_check_product_activity(vals)
        return super().write(vals)

    @api.model
    def _cae_check_product_activity(self, vals):
        if "cae_activity_id" not in vals or not self._cae_guard_applies():
            return
        user = self.env.user
        activity = self.env["cae.activity"].browse(vals["cae_activity_id"] or [])
        if not activity or not user._cae_is_own_activity(activity):
            raise AccessError(
                self.env._(
                    "A product you create belongs to one of your activities; the "
                    "CAE's shared catalogue is managed by the admin team."
                )
            )

    @api.model
    def _cae_default_product_activity(self):
        # an entrepreneur's products are her activity's; the admin team's are shared
        user = self.env.user
        if user._cae_is_entrepreneur_only():
            return user._cae_default_activity() or user._cae_activities()[:1]
        return False


class ProductProduct(models.Model):
    _inherit = "product.product"

    # the variant of an entrepreneur's product, created with it
    _cae_entrepreneur_fields = frozenset(
        {
            "active",
            "barcode",
            "default_code",
            "image_variant_1920",
            "lst_price",
            "product_template_attribute_value_ids",
            "product_tmpl_id",
            "standard_price",
        }
    )
