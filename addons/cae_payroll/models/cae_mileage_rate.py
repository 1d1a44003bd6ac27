from odoo import fields, models


class CaeMileageRate(models.Model):
    """Kilometre allowance rate of a year (barème kilométrique)."""

    _name = "cae.mileage.rate"
    _description = "Kilometre allowance rate"
    _order = "year desc"

    year = fields.Integer(required=True)
    rate = fields.Float(string="Rate per km", required=True, digits=(16, 3))
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        ("year_company_uniq", "unique(year, company_id)", "One rate per year."),
        ("rate_positive", "CHECK(rate > 0)", "The rate must be positive."),
    ]
