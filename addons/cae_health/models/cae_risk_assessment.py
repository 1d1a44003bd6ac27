from odoo import api, fields, models
from odoo.exceptions import UserError


class CaeRiskAssessment(models.Model):
    """A version of the single risk assessment document (document unique
    d'évaluation des risques professionnels, Code du travail R4121-1).

    The current version is the company's active one: a new version archives
    the previous ones, which are kept."""

    _name = "cae.risk.assessment"
    _description = "Single risk assessment document"
    _inherit = ["mail.thread"]
    _order = "company_id, version desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    version = fields.Integer(
        required=True, copy=False, default=lambda self: self._default_version()
    )
    date_revision = fields.Date(
        string="Revision date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    document = fields.Binary(attachment=True, copy=False)
    document_filename = fields.Char()
    notes = fields.Html()
    ack_ids = fields.One2many(
        "cae.risk.assessment.ack", "assessment_id", string="Acknowledgements"
    )
    ack_count = fields.Integer(
        string="Acknowledged by", compute="_compute_acknowledgements"
    )
    pending_partner_ids = fields.Many2many(
        "res.partner",
        string="Not acknowledged by",
        compute="_compute_acknowledgements",
        help="The employees of the company who have not acknowledged this version.",
    )
    acknowledged = fields.Boolean(
        string="Acknowledged by me", compute="_compute_acknowledged"
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _sql_constraints = [
        (
            "version_uniq",
            "unique(company_id, version)",
            "This version of the risk assessment already exists.",
        ),
    ]

    def _default_version(self):
        last = self.with_context(active_test=False).search(
            [("company_id", "=", self.env.company.id)], order="version desc", limit=1
        )
        return last.version + 1

    @api.depends("version", "date_revision")
    def _compute_name(self):
        for assessment in self:
            assessment.name = self.env._(
                "Risk assessment v%(version)s (%(date)s)",
                version=assessment.version,
                date=assessment.date_revision.strftime("%d/%m/%Y")
                if assessment.date_revision
                else "",
            )

    @api.depends("ack_ids.partner_id", "company_id")
    def _compute_acknowledgements(self):
        # sudo: the employees' contacts are counted, nothing of HR is read
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("company_id", "in", self.company_id.ids),
                    ("work_contact_id", "!=", False),
                ]
            )
        )
        for assessment in self:
            acked = assessment.ack_ids.partner_id
            staff = employees.filtered(
                lambda e, a=assessment: e.company_id == a.company_id
            ).work_contact_id
            assessment.ack_count = len(acked)
            assessment.pending_partner_ids = staff - acked

    @api.depends_context("uid")
    @api.depends("ack_ids.partner_id")
    def _compute_acknowledged(self):
        partner = self.env.user.partner_id
        for assessment in self:
            assessment.acknowledged = partner in assessment.ack_ids.partner_id

    @api.model_create_multi
    def create(self, vals_list):
        assessments = super().create(vals_list)
        # the new version is the current one: the previous ones are archived
        for assessment in assessments.filtered("active"):
            self.search(
                [
                    ("company_id", "=", assessment.company_id.id),
                    ("id", "not in", assessments.ids),
                ]
            ).action_archive()
        return assessments

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        raise UserError(
            self.env._(
                "A version of the risk assessment is kept: it cannot be deleted."
            )
        )

    def action_acknowledge(self):
        """The current user acknowledges this version (her own acknowledgement,
        created with her rights)."""
        self.ensure_one()
        self.env["cae.risk.assessment.ack"].create({"assessment_id": self.id})
        return True
