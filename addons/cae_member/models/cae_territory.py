from odoo import fields, models


class CaeTerritory(models.Model):
    _name = "cae.territory"
    _description = "Territory (local branch)"
    _order = "name"

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
