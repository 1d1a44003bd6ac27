from odoo import api, fields, models

# code, label, Qualiopi indicators (référentiel national qualité)
EVIDENCE_ITEMS = [
    ("program", "Programme sheet complete", "1, 5, 6"),
    ("needs", "Needs analysis and positioning of every trainee", "4, 8"),
    ("agreement", "Convention or contract signed", "9"),
    ("convocation", "Convocations sent", "9"),
    ("attendance", "Attendance of every half-day signed", "10, 12"),
    ("assessment", "Achievement of the objectives assessed", "11"),
    ("trainers", "Trainers qualified, competence kept up", "21, 22"),
    ("hot_survey", "Hot satisfaction collected", "2, 30"),
    ("cold_survey", "Cold satisfaction collected", "2, 30"),
    ("complaints", "Complaints handled", "31, 32"),
    ("accessibility", "Accessibility to people with disabilities", "26"),
]


class CaeTrainingEvidence(models.Model):
    """One item of the Qualiopi evidence checklist of an action, mapped to the
    indicators it proves. Its status is derived from the action; an item can
    also be proven by hand with attached documents."""

    _name = "cae.training.evidence"
    _description = "Qualiopi evidence of a training action"
    _order = "action_id, sequence, id"
    # the trainer attaches documents and notes; proving an item by hand is the
    # training manager's (or support's) judgement
    _cae_entrepreneur_fields = frozenset({"attachment_ids", "note"})

    action_id = fields.Many2one(
        "cae.training.action", required=True, index=True, ondelete="cascade"
    )
    code = fields.Selection(
        [(code, label) for code, label, _indicators in EVIDENCE_ITEMS],
        string="Evidence",
        required=True,
        readonly=True,
    )
    sequence = fields.Integer(compute="_compute_item", store=True)
    indicators = fields.Char(
        string="Qualiopi indicators", compute="_compute_item", store=True
    )
    state = fields.Selection(
        [("done", "Proven"), ("missing", "Missing")],
        compute="_compute_state",
        store=True,
    )
    manual_done = fields.Boolean(
        string="Proven by hand", help="Proven by the attached documents."
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Documents")
    note = fields.Char()
    company_id = fields.Many2one(related="action_id.company_id", store=True, index=True)

    _sql_constraints = [
        ("action_code_uniq", "unique(action_id, code)", "Each evidence item once."),
    ]

    @api.model
    def _cae_evidence_codes(self):
        return [code for code, _label, _indicators in EVIDENCE_ITEMS]

    @api.depends("code")
    def _compute_item(self):
        items = {code: (seq, ind) for seq, (code, _l, ind) in enumerate(EVIDENCE_ITEMS)}
        for evidence in self:
            evidence.sequence, evidence.indicators = items.get(evidence.code, (99, ""))

    @api.depends(
        "manual_done",
        "action_id.state",
        "action_id.agreement_date_signed",
        "action_id.convocation_date",
        "action_id.trainer_ids",
        "action_id.program_id.objectives",
        "action_id.program_id.prerequisites",
        "action_id.program_id.target_public",
        "action_id.program_id.duration_hours",
        "action_id.program_id.content",
        "action_id.program_id.methods",
        "action_id.program_id.assessment",
        "action_id.program_id.accessibility",
        "action_id.program_id.access_time",
        "action_id.program_id.price",
        "action_id.trainee_ids.state",
        "action_id.trainee_ids.needs_done",
        "action_id.trainee_ids.hot_done",
        "action_id.trainee_ids.cold_done",
        "action_id.trainee_ids.objectives_assessment",
        "action_id.slot_ids.scanned_sheet",
        "action_id.attendance_ids.state",
        "action_id.attendance_ids.countersigned",
        "action_id.attendance_ids.scanned_sheet",
        "action_id.complaint_ids.state",
    )
    def _compute_state(self):
        for action in self.action_id:
            status = action._cae_evidence_status()
            for evidence in self.filtered(lambda e, a=action: e.action_id == a):
                evidence.state = (
                    "done"
                    if evidence.manual_done or status.get(evidence.code)
                    else "missing"
                )
        for evidence in self.filtered(lambda e: not e.action_id):
            evidence.state = "missing"
