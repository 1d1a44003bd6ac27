from odoo import api, fields, models


class CaeCompetenceAssessment(models.Model):
    """A dated assessment of an entrepreneur on the competence referential."""

    _name = "cae.competence.assessment"
    _description = "Competence assessment"
    _order = "date desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Entrepreneur",
        required=True,
        index=True,
        domain=[("is_cae_member", "=", True)],
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    milestone = fields.Char(help="e.g. entry, end of CAPE, CESA + 1 year")
    line_ids = fields.One2many(
        "cae.competence.assessment.line", "assessment_id", string="Levels"
    )
    average = fields.Float(compute="_compute_average", store=True, digits=(16, 2))

    @api.depends("line_ids.level")
    def _compute_average(self):
        for assessment in self:
            levels = [
                int(level) for level in assessment.line_ids.mapped("level") if level
            ]
            assessment.average = sum(levels) / len(levels) if levels else 0.0

    # override: a new assessment lists every competence
    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "line_ids" in fields_list and not values.get("line_ids"):
            values["line_ids"] = [
                (0, 0, {"competence_id": competence.id})
                for competence in self.env["cae.competence"].search([])
            ]
        return values
