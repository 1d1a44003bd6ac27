from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.base.models.res_partner import _tz_get

from .cae_training_trust import (
    cae_check_state_write,
    cae_state_change,
)

ACTION_STATES = [
    ("draft", "Draft"),
    ("confirmed", "Confirmed"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
# BPF cadres F-2 and G: who delivers the action
BPF_SUBCONTRACTING = [
    ("none", "Delivered by the organisation"),
    ("out", "Entrusted to another training organisation (F-2)"),
    ("in", "Entrusted to the organisation by another training organisation (G)"),
]
AGREEMENT_TYPES = [
    ("convention", "Training convention"),
    ("contract", "Individual training contract"),
]
# L6353-5: 10-day withdrawal period of an individual training contract
WITHDRAWAL_DAYS = 10


class CaeTrainingAction(models.Model):
    """A session of a programme: half-day slots, trainees, the agreement with
    the customer, attendance, invoices and the Qualiopi evidence."""

    _name = "cae.training.action"
    _description = "Training action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    # what an entrepreneur-trainer sets in the action's screen; the status,
    # the convocation date, the quotation and the invoices go through the
    # buttons
    _cae_entrepreneur_fields = frozenset(
        {
            "program_id",
            "activity_id",
            "trainer_ids",
            "customer_id",
            "location",
            "tz",
            "price_total",
            "product_id",
            "agreement_type",
            "agreement_date_signed",
            "agreement_file",
            "agreement_filename",
            "slot_ids",
            "trainee_ids",
            "evidence_ids",
            "company_id",
        }
    )
    # what a trainer who is not a member of the action's activity may write
    _cae_trainer_fields = frozenset({"location", "slot_ids", "evidence_ids"})

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    program_id = fields.Many2one(
        "cae.training.program",
        string="Programme",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    activity_id = fields.Many2one(
        "cae.activity",
        string="Training activity",
        compute="_compute_from_program",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        check_company=True,
        help="Activity of the trainer that sells and invoices the action.",
    )
    trainer_ids = fields.Many2many(
        "res.partner",
        "cae_training_action_trainer_rel",
        "action_id",
        "partner_id",
        string="Trainers",
        compute="_compute_from_program",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    modality = fields.Selection(
        related="program_id.modality", string="Modality", readonly=True
    )
    location = fields.Char()
    tz = fields.Selection(
        _tz_get,
        string="Timezone",
        required=True,
        default=lambda self: self.env.user.tz or "Europe/Paris",
    )
    customer_id = fields.Many2one(
        "res.partner",
        tracking=True,
        help="Who signs the convention and is invoiced (company, funder or the "
        "trainee paying alone).",
    )
    agreement_type = fields.Selection(
        AGREEMENT_TYPES,
        string="Agreement",
        compute="_compute_agreement_type",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        help="A person paying alone signs an individual training contract "
        "(L6353-3), anyone else a training convention (L6353-1).",
    )
    bpf_subcontracting = fields.Selection(
        BPF_SUBCONTRACTING,
        string="BPF sub-contracting",
        default="none",
        required=True,
        tracking=True,
        help="An action entrusted to another training organisation counts in "
        "cadre F-2 of the BPF; one entrusted to the CAE by another training "
        "organisation counts in cadre G, not in cadre F.",
    )
    agreement_date_signed = fields.Date(
        string="Agreement signed on", tracking=True, copy=False
    )
    agreement_file = fields.Binary(
        string="Signed agreement", attachment=True, copy=False
    )
    agreement_filename = fields.Char(copy=False)
    withdrawal_end_date = fields.Date(
        compute="_compute_withdrawal_end_date",
        help="End of the 10-day withdrawal period of an individual contract: "
        "nothing may be charged before it.",
    )
    state = fields.Selection(
        ACTION_STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    slot_ids = fields.One2many(
        "cae.training.slot", "action_id", string="Half-days", copy=True
    )
    trainee_ids = fields.One2many(
        "cae.training.trainee", "action_id", string="Trainees"
    )
    attendance_ids = fields.One2many("cae.attendance", "training_action_id")
    date_start = fields.Datetime(
        string="Start", compute="_compute_dates", store=True, index=True
    )
    date_end = fields.Datetime(string="End", compute="_compute_dates", store=True)
    hours = fields.Float(
        string="Duration (hours)", compute="_compute_dates", store=True
    )
    trainee_count = fields.Integer(
        string="Number of trainees", compute="_compute_trainee_stats", store=True
    )
    price_total = fields.Monetary(
        string="Price (excl. VAT)",
        currency_field="currency_id",
        compute="_compute_price_total",
        store=True,
        readonly=False,
        tracking=True,
        help="Price of the whole action, by default the programme price per "
        "trainee times the trainees.",
    )
    satisfaction_rate = fields.Float(
        string="Satisfaction (%)",
        compute="_compute_trainee_stats",
        store=True,
        aggregator="avg",
    )
    completion_rate = fields.Float(
        string="Completion (%)",
        compute="_compute_trainee_stats",
        store=True,
        aggregator="avg",
    )
    dropout_count = fields.Integer(
        string="Drop-outs", compute="_compute_trainee_stats", store=True
    )
    complaint_ids = fields.One2many(
        "cae.training.complaint", "action_id", string="Complaints"
    )
    complaint_count = fields.Integer(
        string="Number of complaints", compute="_compute_complaint_count", store=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------------ computes
    @api.depends("program_id")
    def _compute_from_program(self):
        for action in self:
            action.activity_id = action.program_id.activity_id
            action.trainer_ids = action.program_id.trainer_ids

    @api.depends("trainee_ids.funder_type")
    def _compute_agreement_type(self):
        for action in self:
            funders = set(action.trainee_ids.mapped("funder_type"))
            action.agreement_type = "contract" if funders == {"self"} else "convention"

    @api.depends("agreement_type", "agreement_date_signed")
    def _compute_withdrawal_end_date(self):
        for action in self:
            action.withdrawal_end_date = (
                action.agreement_date_signed + timedelta(days=WITHDRAWAL_DAYS)
                if action.agreement_type == "contract" and action.agreement_date_signed
                else False
            )

    @api.depends(
        "slot_ids.date_start", "slot_ids.date_end", "slot_ids.hours", "slot_ids.active"
    )
    def _compute_dates(self):
        for action in self:
            slots = action.slot_ids.filtered("date_start")
            action.date_start = min(slots.mapped("date_start"), default=False)
            action.date_end = max(slots.mapped("date_end"), default=False)
            action.hours = sum(action.slot_ids.mapped("hours"))

    @api.depends(
        "trainee_ids.active",
        "trainee_ids.state",
        "trainee_ids.hot_done",
        "trainee_ids.satisfaction_score",
    )
    def _compute_trainee_stats(self):
        for action in self:
            trainees = action.trainee_ids
            action.trainee_count = len(trainees)
            rated = trainees.filtered("hot_done")
            action.satisfaction_rate = (
                sum(rated.mapped("satisfaction_score")) / len(rated) if rated else 0.0
            )
            completed = trainees.filtered(lambda t: t.state == "completed")
            action.completion_rate = (
                100.0 * len(completed) / len(trainees) if trainees else 0.0
            )
            action.dropout_count = len(
                trainees.filtered(lambda t: t.state == "dropped")
            )

    @api.depends("program_id.price", "trainee_ids")
    def _compute_price_total(self):
        for action in self:
            action.price_total = action.program_id.price * len(action.trainee_ids)

    @api.depends("complaint_ids")
    def _compute_complaint_count(self):
        for action in self:
            action.complaint_count = len(action.complaint_ids)

    # ---------------------------------------------------------------- constrains
    @api.constrains("agreement_type", "trainee_ids")
    def _check_agreement_type(self):
        """A person paying alone signs an individual contract (L6353-3): its
        withdrawal period and 30 % cap cannot be set aside by calling it a
        convention."""
        for action in self:
            funders = set(action.trainee_ids.mapped("funder_type"))
            if action.agreement_type == "convention" and funders == {"self"}:
                raise ValidationError(
                    self.env._(
                        "%(action)s: people paying their training alone sign an "
                        "individual training contract, not a convention.",
                        action=action.display_name,
                    )
                )

    @api.constrains("price_total")
    def _check_price_total(self):
        for action in self:
            if action.price_total < 0:
                raise ValidationError(self.env._("The price cannot be negative."))

    # ---------------------------------------------------------------------- CRUD
    # override: status through the buttons only, the reference from the
    # sequence, own activities only, and the Qualiopi checklist of each action
    @api.model_create_multi
    def create(self, vals_list):
        cae_check_state_write(self, vals_list, default="draft")
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "cae.training.action"
                ) or self.env._("New")
        actions = super().create(vals_list)
        if self._cae_guard_applies():
            actions._cae_check_own_activity()
        actions._cae_create_evidence()
        return actions

    # override: status through the buttons only; an entrepreneur keeps the
    # action on her own activities (a trainer of another one fills half-days)
    def write(self, vals):
        cae_check_state_write(self, [vals])
        guarded = self._cae_guard_applies() and (set(vals) - self._cae_trainer_fields)
        if guarded:
            self._cae_check_own_activity()
        res = super().write(vals)
        if guarded:
            self._cae_check_own_activity()
        return res

    def _cae_check_own_activity(self):
        """An entrepreneur creates and runs training actions of her own
        activities only: she cannot name herself trainer of another activity's
        action, nor invoice it. A trainer of another activity's action only
        fills its attendance and half-days."""
        user = self.env.user
        for action in self:
            if not user._cae_is_own_activity(action.activity_id):
                raise AccessError(
                    self.env._(
                        "%(action)s belongs to the activity %(activity)s, which is "
                        "not yours: you can only fill its attendance.",
                        action=action.display_name,
                        activity=action.activity_id.sudo().display_name,
                    )
                )

    # override: the reference and the programme, as in the documents
    def _compute_display_name(self):
        for action in self:
            action.display_name = (
                f"{action.name} - {action.program_id.name}"
                if action.program_id
                else action.name
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        if any(a.state != "draft" or a.attendance_ids or a.invoice_ids for a in self):
            raise UserError(
                self.env._(
                    "A confirmed action, or one with attendance or invoices, is "
                    "evidence: cancel or archive it instead."
                )
            )

    # ------------------------------------------------------------------- actions
    def action_confirm(self):
        for action in self:
            if action.state != "draft":
                raise UserError(
                    self.env._("%(action)s is not a draft.", action=action.display_name)
                )
            program = action.program_id
            if program.state != "published":
                raise UserError(
                    self.env._(
                        "The programme %(program)s must be published before a "
                        "session is confirmed.",
                        program=program.name,
                    )
                )
            count = program._cae_open_interest_count()
            if count < program.min_interest:
                raise UserError(
                    self.env._(
                        "The programme %(program)s needs %(minimum)s interested "
                        "people before a session is confirmed; %(count)s registered.",
                        program=program.name,
                        minimum=program.min_interest,
                        count=count,
                    )
                )
            if not action.slot_ids or not action.trainee_ids:
                raise UserError(
                    self.env._(
                        "Plan the half-days and the trainees of %(action)s before "
                        "confirming it.",
                        action=action.display_name,
                    )
                )
        self._cae_set_state("confirmed")
        self._cae_sync_attendance()
        return True

    def action_done(self):
        for action in self.filtered(lambda a: a.state != "confirmed"):
            raise UserError(
                self.env._(
                    "%(action)s must be confirmed to be done.",
                    action=action.display_name,
                )
            )
        with cae_state_change():
            self.write({"state": "done"})
            self.trainee_ids.filtered(lambda t: t.state == "registered").write(
                {"state": "completed"}
            )
        self._cae_serve_interests()
        return True

    def _cae_serve_interests(self):
        """The interests of the people trained by a done session are served:
        they do not count toward the next session's threshold."""
        for action in self:
            partners = action.trainee_ids.filtered(
                lambda t: t.state != "dropped"
            ).partner_id
            # sudo: the interests of the action's own programme, after the
            # action was marked done by someone allowed to
            action.program_id.sudo().interest_ids.filtered(
                lambda i, p=partners: (
                    i.partner_id in p and i.state in ("interested", "enrolled")
                )
            ).write({"state": "served"})

    def action_cancel(self):
        if any(a.state == "done" for a in self):
            raise UserError(self.env._("A done action cannot be cancelled."))
        self._cae_set_state("cancelled")
        return True

    def action_reset_draft(self):
        if any(a.attendance_ids.filtered("state") for a in self):
            raise UserError(
                self.env._(
                    "Attendance has already been filled: the action cannot go "
                    "back to draft."
                )
            )
        self._cae_set_state("draft")
        return True

    def _cae_set_state(self, state):
        """The status, written by the buttons only (with the user's access
        rights and record rules)."""
        with cae_state_change():
            self.write({"state": state})
