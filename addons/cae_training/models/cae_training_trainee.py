from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.cae_member.models.base import cae_trusted_writes

from .cae_training_trust import (
    cae_state_change,
)

FUNDER_TYPES = [
    ("company", "Company"),
    ("opco", "OPCO"),
    ("cpf", "CPF"),
    ("france_travail", "France Travail"),
    ("self", "The person"),
    ("other", "Other"),
]
# BPF cadre C: origin of the income (cerfa 10443)
BPF_ORIGINS = [
    ("c1", "C-1 Companies, for the training of their employees"),
    ("c2a", "C-2a OPCO: apprenticeship contracts"),
    ("c2b", "C-2b OPCO: professionalisation contracts"),
    ("c2c", "C-2c OPCO: promotion or retraining through work-study (Pro-A)"),
    ("c2d", "C-2d OPCO: career transition projects"),
    ("c2e", "C-2e Personal training account (CPF)"),
    ("c2f", "C-2f Specific schemes for job seekers"),
    ("c2g", "C-2g Specific schemes for self-employed workers"),
    ("c2h", "C-2h Skills development plan or other schemes"),
    ("c3", "C-3 Public authorities, for the training of their agents"),
    ("c4", "C-4 European bodies"),
    ("c5", "C-5 State"),
    ("c6", "C-6 Regional councils"),
    ("c7", "C-7 France Travail"),
    ("c8", "C-8 Other public resources"),
    ("c9", "C-9 Contracts with individuals at their own expense"),
    ("c10", "C-10 Contracts with other training organisations"),
    ("c11", "C-11 Other income from vocational training"),
]
FUNDER_ORIGIN = {
    "company": "c1",
    "opco": "c2h",
    "cpf": "c2e",
    "france_travail": "c7",
    "self": "c9",
    "other": "c11",
}
# BPF cadre F-1: type of trainee
TRAINEE_TYPES = [
    ("employee", "Employees of private employers (apprentices excluded)"),
    ("apprentice", "Apprentices"),
    ("job_seeker", "Job seekers"),
    ("individual", "Individuals at their own expense"),
    ("other", "Other trainees"),
]
FUNDER_TRAINEE_TYPE = {
    "company": "employee",
    "opco": "employee",
    "cpf": "other",
    "france_travail": "job_seeker",
    "self": "individual",
    "other": "other",
}
TRAINEE_STATES = [
    ("registered", "Registered"),
    ("completed", "Completed"),
    ("dropped", "Dropped out"),
]
ASSESSMENTS = [
    ("achieved", "Objectives achieved"),
    ("partial", "Objectives partly achieved"),
    ("not_achieved", "Objectives not achieved"),
]
SURVEY_KINDS = ("needs", "hot", "cold")
# who sets the funding amounts of the trainees (they split the BPF income)
FUNDING_GROUPS = (
    "cae_training.cae_training_group_manager",
    "cae_member.cae_member_group_admin",
)


class CaeTrainingTrainee(models.Model):
    """A trainee of a training action and their funding."""

    _name = "cae.training.trainee"
    _description = "Trainee of a training action"
    _inherit = ["mail.thread"]
    _order = "action_id, id"
    _check_company_auto = True
    _rec_name = "partner_id"
    # what an entrepreneur-trainer sets on a trainee; the status goes through
    # the buttons, the funding amount and the BPF lines are the training
    # manager's, the survey answers and the satisfaction come from the surveys
    _cae_entrepreneur_fields = frozenset(
        {
            "action_id",
            "partner_id",
            "employer_id",
            "funder_type",
            "funder_id",
            # checked: the values derived from the funder only
            "bpf_origin",
            "trainee_type",
            "objectives_assessment",
            "dropout_date",
            "dropout_reason",
        }
    )
    # defaults the form sends on creation, accepted as they are

    action_id = fields.Many2one(
        "cae.training.action",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Trainee", required=True, index=True, ondelete="restrict"
    )
    employer_id = fields.Many2one("res.partner")
    funder_type = fields.Selection(
        FUNDER_TYPES, string="Funder", required=True, default="company", tracking=True
    )
    funder_id = fields.Many2one(
        "res.partner",
        string="Funding body",
        help="The OPCO, company or body paying for this trainee.",
    )
    bpf_origin = fields.Selection(
        BPF_ORIGINS,
        string="BPF income line",
        compute="_compute_bpf_fields",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    trainee_type = fields.Selection(
        TRAINEE_TYPES,
        string="BPF trainee type",
        compute="_compute_bpf_fields",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    amount = fields.Monetary(
        string="Funding (excl. VAT)",
        currency_field="currency_id",
        help="Part of the price paid for this trainee: splits the action's income "
        "between the BPF lines.",
    )
    state = fields.Selection(
        TRAINEE_STATES, default="registered", required=True, tracking=True, index=True
    )
    dropout_date = fields.Date(string="Drop-out date", tracking=True)
    dropout_reason = fields.Char(string="Drop-out reason")
    attendance_ids = fields.One2many("cae.attendance", "training_trainee_id")
    hours_planned = fields.Float(related="action_id.hours", string="Planned hours")
    hours_attended = fields.Float(
        string="Hours attended", compute="_compute_hours_attended", store=True
    )
    needs_input_id = fields.Many2one(
        "survey.user_input", string="Needs analysis and positioning", copy=False
    )
    hot_input_id = fields.Many2one(
        "survey.user_input", string="Hot satisfaction", copy=False
    )
    cold_input_id = fields.Many2one(
        "survey.user_input", string="Cold satisfaction", copy=False
    )
    needs_done = fields.Boolean(
        string="Needs analysed", compute="_compute_survey_done", store=True
    )
    hot_done = fields.Boolean(
        string="Hot survey answered", compute="_compute_survey_done", store=True
    )
    cold_done = fields.Boolean(
        string="Cold survey answered", compute="_compute_survey_done", store=True
    )
    satisfaction_score = fields.Float(
        string="Satisfaction (%)",
        compute="_compute_satisfaction_score",
        store=True,
        readonly=False,
        help="Score of the hot satisfaction survey, or entered by hand.",
    )
    objectives_assessment = fields.Selection(ASSESSMENTS, tracking=True)
    cpf_dossier_ids = fields.One2many(
        "cae.training.cpf.dossier", "trainee_id", string="CPF dossiers"
    )
    company_id = fields.Many2one(
        related="action_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    # stored for the BPF, read with the trainee in one query
    bpf_subcontracting = fields.Selection(
        related="action_id.bpf_subcontracting", store=True, string="BPF sub-contracting"
    )
    bpf_objective = fields.Selection(
        related="action_id.program_id.bpf_objective", store=True
    )
    bpf_specialty = fields.Char(
        related="action_id.program_id.bpf_specialty", store=True
    )
    active = fields.Boolean(
        default=True,
        help="A trainee of a confirmed action is evidence: archived, never "
        "deleted (record a drop-out when they leave).",
    )

    _sql_constraints = [
        (
            "action_partner_uniq",
            "unique(action_id, partner_id)",
            "This person is already a trainee of this action.",
        ),
    ]

    @api.depends("funder_type")
    def _compute_bpf_fields(self):
        for trainee in self:
            trainee.bpf_origin = FUNDER_ORIGIN.get(trainee.funder_type, "c11")
            trainee.trainee_type = FUNDER_TRAINEE_TYPE.get(trainee.funder_type, "other")

    @api.depends("attendance_ids.hours", "attendance_ids.active")
    def _compute_hours_attended(self):
        for trainee in self:
            trainee.hours_attended = sum(trainee.attendance_ids.mapped("hours"))

    @api.depends("needs_input_id.state", "hot_input_id.state", "cold_input_id.state")
    def _compute_survey_done(self):
        for trainee in self.sudo():
            trainee.needs_done = trainee.needs_input_id.state == "done"
            trainee.hot_done = trainee.hot_input_id.state == "done"
            trainee.cold_done = trainee.cold_input_id.state == "done"

    @api.depends("hot_input_id.state", "hot_input_id.scoring_percentage")
    def _compute_satisfaction_score(self):
        for trainee in self:
            answer = trainee.sudo().hot_input_id
            if answer.state == "done" and answer.survey_id.scoring_type != "no_scoring":
                trainee.satisfaction_score = answer.scoring_percentage

    @api.constrains("state", "dropout_date")
    def _check_dropout(self):
        for trainee in self:
            if trainee.state == "dropped" and not trainee.dropout_date:
                raise ValidationError(
                    self.env._(
                        "Give the drop-out date of %(trainee)s.",
                        trainee=trainee.partner_id.name,
                    )
                )

    @api.constrains("satisfaction_score")
    def _check_satisfaction_score(self):
        for trainee in self:
            if not 0 <= trainee.satisfaction_score <= 100:
                raise ValidationError(
                    self.env._("A satisfaction score is between 0 and 100 %.")
                )

    # override: funding and BPF lines checked, own activities only; a new
    # trainee of a confirmed action gets the attendance of its half-days
    @api.model_create_multi
    def create(self, vals_list):
        self._cae_check_funding(vals_list, create=True)
        self._cae_check_bpf_lines(vals_list)
        trainees = super().create(vals_list)
        if self._cae_guard_applies():
            trainees.action_id._cae_check_own_activity()
        trainees.action_id._cae_sync_attendance()
        return trainees

    # override: funding and BPF lines checked, own activities only; the
    # attendance follows an (un)archived trainee
    def write(self, vals):
        self._cae_check_funding([vals])
        self._cae_check_bpf_lines([vals])
        if self._cae_guard_applies():
            self.action_id._cae_check_own_activity()
        res = super().write(vals)
        if "active" in vals:
            self._cae_archive_attendance(vals["active"])
        return res

    def _cae_check_bpf_lines(self, vals_list):
        """The screen sends the BPF lines derived from the funder; an
        entrepreneur cannot choose others (the training manager may)."""
        if not self._cae_guard_applies():
            return
        for vals in vals_list:
            if "funder_type" in vals:
                funders = {vals["funder_type"]}
            else:
                funders = set(self.mapped("funder_type")) or {"company"}
            derived = {
                "bpf_origin": {FUNDER_ORIGIN.get(f, "c11") for f in funders},
                "trainee_type": {FUNDER_TRAINEE_TYPE.get(f, "other") for f in funders},
            }
            if any(
                fname in vals and {vals[fname]} != values
                for fname, values in derived.items()
            ):
                raise AccessError(
                    self.env._(
                        "The BPF lines of a trainee follow their funder; only the "
                        "training manager changes them."
                    )
                )

    def _cae_check_funding(self, vals_list, create=False):
        """The funding amounts split the BPF income: the training manager (or
        the admin team) sets them, not the trainer nor support."""
        if self.env.su or any(self.env.user.has_group(g) for g in FUNDING_GROUPS):
            return
        for vals in vals_list:
            if "amount" in vals and (vals["amount"] or not create):
                raise AccessError(
                    self.env._(
                        "Only the training manager sets the funding amount of a "
                        "trainee."
                    )
                )

    def _cae_archive_attendance(self, active):
        """An archived trainee takes their attendance with them (and back)."""
        # sudo: the attendance of trainees the user just (un)archived
        attendance = (
            self.env["cae.attendance"]
            .sudo()
            .with_context(active_test=False)
            .search([("training_trainee_id", "in", self.ids)])
        )
        attendance.filtered(lambda a: a.active != active).write({"active": active})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        if self.attendance_ids.filtered("state") or self.cpf_dossier_ids:
            raise UserError(
                self.env._(
                    "A trainee with filled attendance or a CPF dossier is evidence: "
                    "record a drop-out instead of deleting them."
                )
            )
        if any(trainee.action_id.state != "draft" for trainee in self):
            raise UserError(
                self.env._(
                    "The trainees of a confirmed training action are evidence: "
                    "archive them (or record a drop-out) instead of deleting them."
                )
            )

    # override: the trainee and the action's reference
    def _compute_display_name(self):
        for trainee in self:
            trainee.display_name = (
                f"{trainee.partner_id.name} - {trainee.action_id.name}"
                if trainee.action_id
                else trainee.partner_id.name
            )

    def action_drop_out(self):
        self.check_access("write")
        if self._cae_guard_applies():
            self.action_id._cae_check_own_activity()
        with cae_state_change():
            self.write(
                {
                    "state": "dropped",
                    "dropout_date": fields.Date.context_today(self),
                }
            )
        return True

    def _cae_create_survey(self, kind):
        """Create the ``kind`` survey answer of each trainee lacking it."""
        assert kind in SURVEY_KINDS
        field = f"{kind}_input_id"
        for trainee in self.filtered(lambda t: not t[field]):
            survey = trainee.company_id[f"cae_training_{kind}_survey_id"]
            if not survey:
                raise UserError(
                    self.env._(
                        "Choose the training surveys in the settings (training "
                        "organisation)."
                    )
                )
            answer = survey.sudo()._create_answer(
                partner=trainee.partner_id,
                email=trainee.partner_id.email,
                check_attempts=False,
            )
            # trusted: the answer was just created for this trainee
            with cae_trusted_writes():
                trainee[field] = answer
