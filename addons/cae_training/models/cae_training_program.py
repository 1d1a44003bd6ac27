from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .cae_training_trust import (
    cae_check_state_write,
    cae_state_change,
)

PROGRAM_STATES = [
    ("draft", "Draft"),
    ("proposed", "Proposed"),
    ("published", "Published"),
    ("closed", "Closed"),
]
MODALITIES = [
    ("onsite", "On site"),
    ("distance", "Distance"),
    ("blended", "Blended"),
]
TRAINING_MANAGER = "cae_training.cae_training_group_manager"
# BPF cadre F-3: general objective of the services (cerfa 10443)
BPF_OBJECTIVES = [
    (
        "rncp",
        "F-3a Training towards a diploma, a title or a CQP registered in the RNCP",
    ),
    ("rs", "F-3b Training towards a certification or authorisation of the RS"),
    ("cqp", "F-3c CQP registered neither in the RNCP nor in the RS"),
    ("other", "F-3d Other vocational training"),
    ("skills_assessment", "F-3e Skills assessments"),
    ("vae", "F-3f Support for the validation of acquired experience (VAE)"),
]


class CaeTrainingProgram(models.Model):
    """A training programme proposed by entrepreneurs and sold by a training
    activity. Its sheet is the Qualiopi "programme" evidence (indicator 1)."""

    _name = "cae.training.program"
    _description = "Training programme"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, id"
    _check_company_auto = True
    # what an entrepreneur-trainer writes on the programme sheet; the status
    # goes through the buttons, publication is the training manager's
    _cae_entrepreneur_fields = frozenset(
        {
            "name",
            "activity_id",
            "trainer_ids",
            "objectives",
            "prerequisites",
            "target_public",
            "duration_hours",
            "content",
            "methods",
            "assessment",
            "accessibility",
            "access_time",
            "price",
            "modality",
            "min_interest",
            "interest_ids",
            "bpf_objective",
            "bpf_specialty",
            "company_id",
        }
    )
    # defaults the form sends on creation, accepted as they are

    name = fields.Char(string="Title", required=True, tracking=True)
    activity_id = fields.Many2one(
        "cae.activity",
        string="Training activity",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain=[("activity_type", "in", ("training", "skills_assessment"))],
        help="Activity that sells this training.",
    )
    trainer_ids = fields.Many2many(
        "res.partner",
        "cae_training_program_trainer_rel",
        "program_id",
        "partner_id",
        string="Trainers",
        domain=[("cae_is_trainer", "=", True)],
        tracking=True,
    )
    objectives = fields.Text(help="Operational and assessable objectives.")
    prerequisites = fields.Text()
    target_public = fields.Text(string="Public")
    duration_hours = fields.Float(string="Duration (hours)", tracking=True)
    content = fields.Html()
    methods = fields.Text(string="Teaching methods and means")
    assessment = fields.Text(string="Assessment methods")
    accessibility = fields.Text(
        help="Accessibility to people with disabilities and the referent to contact."
    )
    access_time = fields.Char(
        string="Access time", help="Time between registration and the start."
    )
    price = fields.Monetary(
        string="Price per trainee (excl. VAT)", currency_field="currency_id"
    )
    modality = fields.Selection(MODALITIES, default="onsite", required=True)
    min_interest = fields.Integer(
        string="Minimum interested people",
        default=1,
        tracking=True,
        help="A session of this programme can be confirmed only once this many "
        "people have registered their interest.",
    )
    bpf_objective = fields.Selection(
        BPF_OBJECTIVES,
        string="BPF objective",
        compute="_compute_bpf_objective",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
        required=True,
        help="General objective of the programme, line of cadre F-3 of the BPF.",
    )
    bpf_specialty = fields.Char(
        string="Training specialty (NSF)",
        help="Code and label of the training specialty (nomenclature des "
        'spécialités de formation), e.g. "326 Informatique": cadre F-4 of the '
        "BPF.",
    )
    is_skills_assessment = fields.Boolean(
        string="Skills assessment",
        compute="_compute_is_skills_assessment",
        help="Sold by a skills-assessment activity: a bilan de compétences "
        "(L6313-1, 2°), not a training action.",
    )
    interest_ids = fields.One2many(
        "cae.training.interest", "program_id", string="Interested people"
    )
    interest_count = fields.Integer(
        string="Interested", compute="_compute_interest_count", store=True
    )
    action_ids = fields.One2many("cae.training.action", "program_id", string="Actions")
    action_count = fields.Integer(compute="_compute_action_count")
    result_satisfaction_rate = fields.Float(
        string="Satisfaction of past sessions (%)",
        compute="_compute_results",
        help="Result indicator published on the programme sheet (Qualiopi ind. 2).",
    )
    result_completion_rate = fields.Float(
        string="Completion of past sessions (%)", compute="_compute_results"
    )
    result_trainee_count = fields.Integer(
        string="Trainees of past sessions", compute="_compute_results"
    )
    state = fields.Selection(
        PROGRAM_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    active = fields.Boolean(default=True)

    @api.depends("activity_id.activity_type")
    def _compute_bpf_objective(self):
        for program in self:
            if program.activity_id.sudo().activity_type == "skills_assessment":
                program.bpf_objective = "skills_assessment"
            elif not program.bpf_objective or (
                program.bpf_objective == "skills_assessment"
            ):
                program.bpf_objective = "other"

    @api.depends("activity_id.activity_type")
    def _compute_is_skills_assessment(self):
        for program in self:
            program.is_skills_assessment = (
                program.activity_id.sudo().activity_type == "skills_assessment"
            )

    @api.depends("interest_ids.state")
    def _compute_interest_count(self):
        groups = self.env["cae.training.interest"]._read_group(
            [
                ("program_id", "in", self.ids),
                ("state", "in", ("interested", "enrolled")),
            ],
            ["program_id"],
            ["__count"],
        )
        counts = {program.id: count for program, count in groups}
        for program in self:
            program.interest_count = counts.get(program.id, 0)

    def _cae_open_interest_count(self):
        """Interested people not yet trained by a done session of the
        programme: each session meets the threshold with its own people."""
        self.ensure_one()
        # sudo: a count, to check the threshold, whoever confirms
        program = self.sudo()
        served = program.action_ids.filtered(lambda a: a.state == "done").mapped(
            "trainee_ids"
        )
        served = served.filtered(lambda t: t.state != "dropped").partner_id
        return len(
            program.interest_ids.filtered(
                lambda i: (
                    i.state in ("interested", "enrolled") and i.partner_id not in served
                )
            )
        )

    def _compute_action_count(self):
        groups = self.env["cae.training.action"]._read_group(
            [("program_id", "in", self.ids)], ["program_id"], ["__count"]
        )
        counts = {program.id: count for program, count in groups}
        for program in self:
            program.action_count = counts.get(program.id, 0)

    def _compute_results(self):
        groups = self.env["cae.training.action"]._read_group(
            [("program_id", "in", self.ids), ("state", "=", "done")],
            ["program_id"],
            ["trainee_count:sum", "completion_rate:avg"],
        )
        results = {
            program.id: (count, completion) for program, count, completion in groups
        }
        scores = {}
        for action, total, count in self.env["cae.training.trainee"]._read_group(
            [
                ("action_id.program_id", "in", self.ids),
                ("action_id.state", "=", "done"),
                ("hot_done", "=", True),
            ],
            ["action_id"],
            ["satisfaction_score:sum", "__count"],
        ):
            program_total, program_count = scores.get(action.program_id, (0.0, 0))
            scores[action.program_id] = (program_total + total, program_count + count)
        for program in self:
            count, completion = results.get(program.id, (0, 0.0))
            program.result_trainee_count = count
            program.result_completion_rate = completion
            total, count = scores.get(program, (0.0, 0))
            program.result_satisfaction_rate = total / count if count else 0.0

    @api.constrains("bpf_objective", "activity_id")
    def _check_bpf_objective(self):
        for program in self:
            if program.is_skills_assessment != (
                program.bpf_objective == "skills_assessment"
            ):
                raise ValidationError(
                    self.env._(
                        "%(program)s: the programmes of a skills-assessment "
                        "activity, and only they, are skills assessments in the "
                        "BPF.",
                        program=program.name,
                    )
                )

    @api.constrains("min_interest")
    def _check_min_interest(self):
        for program in self:
            if program.min_interest < 1:
                raise ValidationError(
                    self.env._(
                        "A session of %(program)s needs at least one interested "
                        "person.",
                        program=program.name,
                    )
                )

    # override: status through the buttons only, own activities only
    @api.model_create_multi
    def create(self, vals_list):
        cae_check_state_write(self, vals_list, default="draft")
        programs = super().create(vals_list)
        if self._cae_guard_applies():
            programs._cae_check_own_activity()
        return programs

    # override: status through the buttons only; activity and trainers stay
    # the entrepreneur's own
    def write(self, vals):
        cae_check_state_write(self, [vals])
        guarded = self._cae_guard_applies() and (
            {"activity_id", "trainer_ids"} & set(vals)
        )
        if guarded:
            self._cae_check_own_activity()
        res = super().write(vals)
        if guarded:
            self._cae_check_own_activity()
        return res

    def _cae_check_own_activity(self):
        """An entrepreneur proposes programmes of her own activities, and
        names their trainers only there."""
        user = self.env.user
        for program in self:
            if not user._cae_is_own_activity(program.activity_id):
                raise AccessError(
                    self.env._(
                        "You can create a programme, or choose its activity and "
                        "trainers, only on your own activities (%(program)s).",
                        program=program.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.action_ids:
            raise UserError(
                self.env._(
                    "A programme with training actions cannot be deleted: archive it."
                )
            )

    def _missing_sheet_items(self):
        """Labels of the programme sheet items still empty (Qualiopi ind. 1)."""
        self.ensure_one()
        names = [
            "objectives",
            "prerequisites",
            "target_public",
            "duration_hours",
            "content",
            "methods",
            "assessment",
            "accessibility",
            "access_time",
            "price",
        ]
        return [
            self._fields[name].get_description(self.env)["string"]
            for name in names
            if not self[name]
        ]

    def action_propose(self):
        for program in self:
            missing = program._missing_sheet_items()
            if missing:
                raise UserError(
                    self.env._(
                        "Complete the programme sheet of %(program)s before "
                        "proposing it: %(fields)s.",
                        program=program.name,
                        fields=", ".join(missing),
                    )
                )
        self._cae_set_state("proposed")
        return True

    def action_publish(self):
        if not self.env.user.has_group(TRAINING_MANAGER):
            raise AccessError(
                self.env._("Only the training manager can publish a programme.")
            )
        skills = self.filtered(lambda p: p.activity_id.activity_type != "training")
        if skills and not self.env.user.has_group(
            "cae_member.cae_member_group_manager"
        ):
            raise AccessError(
                self.env._(
                    "Skills assessments need the co-management's validation "
                    "before being offered."
                )
            )
        self.action_propose()
        self._cae_set_state("published")
        return True

    def action_close(self):
        self._cae_set_state("closed")
        return True

    def action_reset_draft(self):
        self._cae_set_state("draft")
        return True

    def _cae_set_state(self, state):
        """The status, written by the buttons only (with the user's access
        rights and record rules)."""
        with cae_state_change():
            self.write({"state": state})

    def action_register_interest(self):
        """The current user registers their interest."""
        partner = self.env.user.partner_id
        Interest = self.env["cae.training.interest"].sudo()
        for program in self:
            if program.state != "published":
                raise UserError(
                    self.env._("%(program)s is not published.", program=program.name)
                )
            existing = Interest.search(
                [("program_id", "=", program.id), ("partner_id", "=", partner.id)]
            )
            if existing:
                existing.state = "interested"
            else:
                Interest.create({"program_id": program.id, "partner_id": partner.id})
        return True

    def action_view_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cae_training.cae_training_action_action"
        )
        action["domain"] = [("program_id", "=", self.id)]
        action["context"] = {"default_program_id": self.id}
        return action
