from odoo import fields, models


class CaeEreportingLine(models.Model):
    _name = "cae.ereporting.line"
    _description = "E-reporting line"
    _order = "date, id"

    ereporting_id = fields.Many2one(
        "cae.ereporting", required=True, ondelete="cascade", index=True
    )
    kind = fields.Selection(
        [
            ("b2c", "Domestic sale to a consumer"),
            ("international", "International sale"),
            ("payment", "Payment of services"),
        ],
        required=True,
    )
    move_id = fields.Many2one("account.move", string="Invoice", required=True)
    date = fields.Date(required=True)
    country_code = fields.Char(string="Country")
    operation_category = fields.Selection(
        related="move_id.cae_operation_category", string="Category"
    )
    currency_id = fields.Many2one(related="ereporting_id.currency_id")
    amount_untaxed = fields.Monetary(string="Untaxed amount")
    amount_tax = fields.Monetary(string="VAT")
    amount_total = fields.Monetary(string="Total")
