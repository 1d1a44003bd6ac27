from odoo import fields, models


class CaeCompetence(models.Model):
    """An item of the competence referential (Artefacts)."""

    _name = "cae.competence"
    _description = "Competence"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
