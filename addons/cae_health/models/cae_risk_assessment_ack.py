from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CaeRiskAssessmentAck(models.Model):
    """A person's acknowledgement of a version of the risk assessment, made
    by herself (the person is the current user, the date is now)."""

    _name = "cae.risk.assessment.ack"
    _description = "Risk assessment acknowledgement"
    _order = "date desc, id desc"
    _check_company_auto = True
    # what she sets herself: the version she read; the person and the date
    # are hers and now
    _cae_entrepreneur_fields = frozenset({"assessment_id"})

    assessment_id = fields.Many2one(
        "cae.risk.assessment",
        string="Risk assessment",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    version = fields.Integer(related="assessment_id.version", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        default=lambda self: self.env.user.partner_id,
        ondelete="restrict",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    company_id = fields.Many2one(
        "res.company",
        related="assessment_id.company_id",
        store=True,
        index=True,
        precompute=True,
    )

    _sql_constraints = [
        (
            "ack_uniq",
            "unique(assessment_id, partner_id)",
            "This person has already acknowledged this version.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        Assessment = self.env["cae.risk.assessment"]
        for vals in vals_list:
            assessment = Assessment.browse(vals.get("assessment_id"))
            partner = self.env["res.partner"].browse(
                vals.get("partner_id") or self.env.user.partner_id.id
            )
            if assessment and not assessment.active:
                raise UserError(
                    self.env._(
                        "Version %(version)s of the risk assessment has been "
                        "replaced: acknowledge the current version.",
                        version=assessment.version,
                    )
                )
            # sudo: whether an acknowledgement exists, whoever may read it
            if assessment and self.sudo().search_count(
                [
                    ("assessment_id", "=", assessment.id),
                    ("partner_id", "=", partner.id),
                ],
                limit=1,
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s has already acknowledged version %(version)s of "
                        "the risk assessment.",
                        name=partner.name,
                        version=assessment.version,
                    )
                )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        raise UserError(self.env._("An acknowledgement is kept: it cannot be deleted."))
