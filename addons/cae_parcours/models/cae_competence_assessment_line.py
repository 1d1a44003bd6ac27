from odoo import fields, models


class CaeCompetenceAssessmentLine(models.Model):
    _name = "cae.competence.assessment.line"
    _description = "Competence level"
    _order = "assessment_id, competence_id"

    assessment_id = fields.Many2one(
        "cae.competence.assessment", required=True, ondelete="cascade", index=True
    )
    competence_id = fields.Many2one("cae.competence", required=True)
    level = fields.Selection(
        [("1", "Beginner"), ("2", "In progress"), ("3", "Acquired"), ("4", "Expert")]
    )
    partner_id = fields.Many2one(related="assessment_id.partner_id", store=True)
    date = fields.Date(related="assessment_id.date", store=True)
