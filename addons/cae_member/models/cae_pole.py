from odoo import fields, models


class CaePole(models.Model):
    _name = "cae.pole"
    _description = "Activity club (pole)"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A pole with this name already exists."),
    ]
