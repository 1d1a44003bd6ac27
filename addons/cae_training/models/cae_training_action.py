from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.base.models.res_partner import _tz_get
from odoo.addons.cae_member.models.base import cae_trusted_writes

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
# L6353-6: a person paying alone pays at most 30 % of the price before the start
# (individual contracts only; a convention's deposit is agreed in the convention)
DEPOSIT_MAX_RATE = 0.30
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
    # defaults the form sends on creation, accepted as they are
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
    trainer_warning = fields.Char(compute="_compute_trainer_warning")
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
    product_id = fields.Many2one(
        "product.product",
        string="Invoiced product",
        default=lambda self: self.env.company.cae_training_product_id,
        check_company=True,
    )
    sale_order_id = fields.Many2one(
        "sale.order", string="Quotation", copy=False, check_company=True
    )
    invoice_ids = fields.One2many(
        "account.move", "cae_training_action_id", string="Invoices"
    )
    invoice_count = fields.Integer(compute="_compute_invoice_count")
    convocation_date = fields.Date(
        string="Convocations sent on",
        copy=False,
        tracking=True,
        help="Set when the convocations are sent to the trainees (Qualiopi ind. 9).",
    )
    evidence_ids = fields.One2many(
        "cae.training.evidence", "action_id", string="Qualiopi evidence"
    )
    evidence_score = fields.Float(
        string="Evidence completeness (%)",
        compute="_compute_evidence_score",
        store=True,
        aggregator="avg",
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

    @api.depends("evidence_ids.state")
    def _compute_evidence_score(self):
        for action in self:
            items = action.evidence_ids
            done = items.filtered(lambda e: e.state == "done")
            action.evidence_score = 100.0 * len(done) / len(items) if items else 0.0

    def _compute_invoice_count(self):
        for action in self:
            action.invoice_count = len(action.invoice_ids)

    @api.depends("trainer_ids", "state")
    @api.depends_context("company")
    def _compute_trainer_warning(self):
        today = fields.Date.context_today(self)
        missing = self.trainer_ids._cae_trainer_missing_workshops(today)
        for action in self:
            lacking = action.trainer_ids & missing
            action.trainer_warning = (
                self.env._(
                    "These trainers have not attended the mandatory trainer "
                    "workshops: %(names)s.",
                    names=", ".join(lacking.mapped("name")),
                )
                if lacking and action.state != "cancelled"
                else False
            )

    # ---------------------------------------------------------------- constrains
    @api.constrains("trainer_ids", "state")
    def _check_trainers(self):
        """A trainer without the mandatory workshops cannot be set on a
        confirmed action when the company blocks it."""
        for action in self.filtered(lambda a: a.state == "confirmed"):
            if action.company_id.cae_trainer_check != "block":
                continue
            missing = action.trainer_ids._cae_trainer_missing_workshops(
                fields.Date.context_today(self)
            )
            if missing:
                raise ValidationError(
                    self.env._(
                        "%(names)s cannot train on %(action)s: the mandatory "
                        "trainer workshops have not been attended.",
                        names=", ".join(missing.mapped("name")),
                        action=action.display_name,
                    )
                )

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

    def action_mark_convocation_sent(self):
        self.check_access("write")
        # trusted: the date is today's, set by the button
        with cae_trusted_writes():
            self.write({"convocation_date": fields.Date.context_today(self)})
        return True

    def action_countersign(self):
        """The trainer countersigns every filled attendance of the action."""
        self._cae_check_trainer_or_staff()
        attendance = self.attendance_ids.filtered(
            lambda a: a.state and not a.countersigned
        )
        attendance.sudo().write(
            {"countersigned": True, "countersigned_by_id": self.env.user.id}
        )
        return True

    def _cae_check_trainer_or_staff(self):
        user = self.env.user
        if not user._cae_is_entrepreneur_only():
            return
        for action in self:
            if user.partner_id not in action.trainer_ids:
                raise UserError(
                    self.env._(
                        "Only a trainer of %(action)s or the staff can fill and "
                        "countersign its attendance.",
                        action=action.display_name,
                    )
                )

    def action_send_needs_survey(self):
        return self._cae_send_survey("needs")

    def action_send_hot_survey(self):
        return self._cae_send_survey("hot")

    def action_send_cold_survey(self):
        return self._cae_send_survey("cold")

    def _cae_send_survey(self, kind):
        self.trainee_ids.filtered(lambda t: t.state != "dropped")._cae_create_survey(
            kind
        )
        return True

    def action_create_quotation(self):
        self.ensure_one()
        self._cae_check_invoicing()
        if self.sale_order_id:
            raise UserError(self.env._("This action already has a quotation."))
        order = self.env["sale.order"].create(
            {
                "partner_id": self._cae_customer().id,
                "cae_activity_id": self.activity_id.id,
                "company_id": self.company_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self._cae_product().id,
                            "name": self._cae_invoice_label(),
                            "product_uom_qty": 1,
                            "price_unit": self.price_total,
                        }
                    )
                ],
                "note": self.company_id._cae_nda_mention(),
            }
        )
        # trusted: the quotation was just created from this action
        with cae_trusted_writes():
            self.sale_order_id = order
        return self._cae_open(order)

    def action_create_deposit_invoice(self):
        """A deposit invoice of 30 % of the price (at most that for an
        individual contract, L6353-6)."""
        self.ensure_one()
        self._cae_check_invoicing()
        amount = self.currency_id.round(
            self.price_total * DEPOSIT_MAX_RATE - self._cae_deposit_amount()
        )
        if amount <= 0:
            raise UserError(self.env._("The 30 % deposit has already been invoiced."))
        label = self.env._("Deposit - %(label)s", label=self._cae_invoice_label())
        # trusted: the invoice is composed here from the action, whose
        # activity is the user's (checked above)
        with cae_trusted_writes():
            move = self.env["account.move"].create(
                self._cae_prepare_invoice([(label, amount)], deposit=True)
            )
        return self._cae_open(move)

    def action_create_final_invoice(self):
        self.ensure_one()
        self._cae_check_invoicing()
        lines = [(self._cae_invoice_label(), self.price_total)]
        deposit = self._cae_deposit_amount()
        if deposit:
            lines.append((self.env._("Deposit already invoiced"), -deposit))
        # trusted: see action_create_deposit_invoice
        with cae_trusted_writes():
            move = self.env["account.move"].create(
                self._cae_prepare_invoice(lines, deposit=False)
            )
        return self._cae_open(move)

    def action_refresh_evidence(self):
        """Re-check the evidence that depends on the date (trainer workshops)."""
        evidence = self.evidence_ids
        self.env.add_to_compute(evidence._fields["state"], evidence)
        evidence.flush_recordset(["state"])
        return True

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("cae_training_action_id", "=", self.id)]
        action["context"] = {
            "default_move_type": "out_invoice",
            "default_cae_training_action_id": self.id,
            "default_cae_activity_id": self.activity_id.id,
        }
        return action

    # ------------------------------------------------------------------- helpers
    def _cae_check_invoicing(self):
        """Quotes and invoices of an action are its activity's: an
        entrepreneur makes them for her own activities only."""
        self.check_access("write")
        if self._cae_guard_applies():
            self._cae_check_own_activity()

    def _cae_open(self, record):
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
        }

    def _cae_customer(self):
        self.ensure_one()
        if not self.customer_id:
            raise UserError(
                self.env._("Set the customer of %(action)s.", action=self.display_name)
            )
        return self.customer_id

    def _cae_product(self):
        self.ensure_one()
        product = (
            self.product_id
            or self.company_id.cae_training_product_id
            or self.env.ref("cae_training.product_training", raise_if_not_found=False)
        )
        if not product:
            raise UserError(
                self.env._("Set the training product in the settings or on the action.")
            )
        return product

    def _cae_invoice_label(self):
        self.ensure_one()
        start = self.date_start and fields.Date.to_string(self.date_start.date())
        end = self.date_end and fields.Date.to_string(self.date_end.date())
        return self.env._(
            "Training %(title)s (%(reference)s) from %(start)s to %(end)s, "
            "%(hours)s hours",
            title=self.program_id.name,
            reference=self.name,
            start=start or "",
            end=end or "",
            hours=self.hours,
        )

    def _cae_prepare_invoice(self, lines, deposit):
        self.ensure_one()
        product = self._cae_product()
        return {
            "move_type": "out_invoice",
            "partner_id": self._cae_customer().id,
            "cae_activity_id": self.activity_id.id,
            "cae_training_action_id": self.id,
            "cae_training_deposit": deposit,
            "company_id": self.company_id.id,
            "narration": self.company_id._cae_nda_mention(),
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": product.id,
                        "name": label,
                        "quantity": 1,
                        "price_unit": amount,
                    }
                )
                for label, amount in lines
            ],
        }

    def _cae_deposit_amount(self, exclude=None):
        """Deposits already posted (excl. VAT)."""
        self.ensure_one()
        deposits = self.sudo().invoice_ids.filtered(
            lambda m: (
                m._cae_training_is_deposit()
                and m.state == "posted"
                and m.move_type in ("out_invoice", "out_refund")
                and m != exclude
            )
        )
        return sum(m.amount_untaxed_signed for m in deposits)

    def _cae_deposit_errors(self, move):
        """Why ``move``, a deposit invoice of the action, cannot be posted."""
        self.ensure_one()
        errors = self._cae_withdrawal_errors(move)
        total = self._cae_deposit_amount(exclude=move) + abs(move.amount_untaxed_signed)
        if self.agreement_type != "contract":
            # a convention's deposit is what the parties agreed, within the price
            if self.currency_id.compare_amounts(total, self.price_total) > 0:
                errors.append(
                    self.env._(
                        "%(move)s: the deposits of %(action)s (%(total)s) exceed "
                        "its price (%(price)s).",
                        move=move.display_name,
                        action=self.display_name,
                        total=self.currency_id.format(total),
                        price=self.currency_id.format(self.price_total),
                    )
                )
            return errors
        cap = self.price_total * DEPOSIT_MAX_RATE
        if self.currency_id.compare_amounts(total, cap) > 0:
            errors.append(
                self.env._(
                    "%(move)s: the deposits of %(action)s (%(total)s) exceed 30 %% "
                    "of its price (%(cap)s).",
                    move=move.display_name,
                    action=self.display_name,
                    total=self.currency_id.format(total),
                    cap=self.currency_id.format(cap),
                )
            )
        return errors

    def _cae_withdrawal_errors(self, move):
        """An individual contract (L6353-5, L6353-6): no invoice, deposit or
        final, before it is signed and its 10-day withdrawal period is over."""
        self.ensure_one()
        if self.agreement_type != "contract":
            return []
        if not self.agreement_date_signed:
            return [
                self.env._(
                    "%(move)s: the individual training contract of %(action)s "
                    "is not signed; nothing can be charged before.",
                    move=move.display_name,
                    action=self.display_name,
                )
            ]
        if (move.invoice_date or fields.Date.context_today(self)) <= (
            self.withdrawal_end_date
        ):
            return [
                self.env._(
                    "%(move)s: nothing can be charged before the end of the "
                    "10-day withdrawal period (%(date)s).",
                    move=move.display_name,
                    date=fields.Date.to_string(self.withdrawal_end_date),
                )
            ]
        return []

    def _cae_refund_errors(self, move):
        """A credit note of the action never refunds more than was invoiced."""
        self.ensure_one()
        posted = self.sudo().invoice_ids.filtered(
            lambda m: m.state == "posted" and m != move
        )
        invoiced = sum(posted.mapped("amount_untaxed_signed"))
        if (
            self.currency_id.compare_amounts(abs(move.amount_untaxed_signed), invoiced)
            > 0
        ):
            return [
                self.env._(
                    "%(move)s: the credit note (%(amount)s) exceeds what was "
                    "invoiced for %(action)s (%(invoiced)s).",
                    move=move.display_name,
                    amount=self.currency_id.format(abs(move.amount_untaxed_signed)),
                    action=self.display_name,
                    invoiced=self.currency_id.format(invoiced),
                )
            ]
        return []

    def _cae_missing_attendance(self):
        """(slot, trainee, reason) of every trainee half-day not yet proven:
        no status, or neither the trainer's countersignature nor a scanned
        sheet."""
        self.ensure_one()
        action = self.sudo()
        by_key = {
            (att.training_slot_id.id, att.partner_id.id): att
            for att in action.attendance_ids
        }
        missing = []
        for slot in action.slot_ids.sorted(lambda s: (s.date_start, s.id)):
            for trainee in action.trainee_ids.sorted(
                lambda t: (t.partner_id.name, t.id)
            ):
                attendance = by_key.get((slot.id, trainee.partner_id.id))
                if not attendance or not attendance.state:
                    missing.append((slot, trainee, self.env._("no status")))
                elif not attendance._cae_training_proven():
                    missing.append(
                        (
                            slot,
                            trainee,
                            self.env._(
                                "neither countersigned by the trainer nor on a "
                                "scanned sheet"
                            ),
                        )
                    )
        return missing

    def _cae_final_invoice_errors(self, move=None):
        """Why the final invoice of the action cannot be posted."""
        self.ensure_one()
        errors = []
        if move and self.agreement_date_signed:
            errors += self._cae_withdrawal_errors(move)
        if not self.agreement_date_signed:
            errors.append(
                self.env._(
                    "The %(agreement)s of %(action)s is not signed.",
                    agreement=dict(
                        self._fields["agreement_type"]._description_selection(self.env)
                    )[self.agreement_type].lower(),
                    action=self.display_name,
                )
            )
        for slot, trainee, reason in self._cae_missing_attendance():
            errors.append(
                self.env._(
                    "Half-day %(slot)s, %(trainee)s: %(reason)s.",
                    slot=slot.display_name,
                    trainee=trainee.partner_id.name,
                    reason=reason,
                )
            )
        return errors

    def _cae_sync_attendance(self):
        """One attendance per trainee and half-day of confirmed actions."""
        actions = self.filtered(lambda a: a.state in ("confirmed", "done"))
        if not actions:
            return
        Attendance = self.env["cae.attendance"].sudo().with_context(active_test=False)
        existing = {
            (att.training_slot_id.id, att.partner_id.id)
            for att in Attendance.search(
                [("training_slot_id", "in", actions.slot_ids.ids)]
            )
        }
        vals_list = [
            {
                "partner_id": trainee.partner_id.id,
                "training_slot_id": slot.id,
                "training_trainee_id": trainee.id,
                "company_id": action.company_id.id,
            }
            for action in actions
            for slot in action.slot_ids
            for trainee in action.trainee_ids
            if (slot.id, trainee.partner_id.id) not in existing
        ]
        if vals_list:
            Attendance.create(vals_list)

    def _cae_create_evidence(self):
        Evidence = self.env["cae.training.evidence"]
        codes = Evidence._cae_evidence_codes()
        Evidence.sudo().create(
            [
                {"action_id": action.id, "code": code}
                for action in self
                for code in codes
            ]
        )

    def _cae_evidence_status(self):
        """{code: True when proven} for the action's Qualiopi checklist."""
        self.ensure_one()
        action = self.sudo()
        trainees = action.trainee_ids
        active_trainees = trainees.filtered(lambda t: t.state != "dropped")
        program = action.program_id
        missing_trainers = action.trainer_ids._cae_trainer_missing_workshops(
            fields.Date.context_today(self)
        )
        return {
            "program": bool(program) and not program._missing_sheet_items(),
            "needs": bool(trainees) and all(trainees.mapped("needs_done")),
            "agreement": bool(action.agreement_date_signed),
            "convocation": bool(action.convocation_date),
            "attendance": bool(action.slot_ids)
            and bool(trainees)
            and action.state in ("confirmed", "done")
            and not action._cae_missing_attendance(),
            "assessment": bool(active_trainees)
            and all(active_trainees.mapped("objectives_assessment")),
            "trainers": bool(action.trainer_ids) and not missing_trainers,
            "hot_survey": bool(active_trainees)
            and all(active_trainees.mapped("hot_done")),
            "cold_survey": bool(active_trainees)
            and all(active_trainees.mapped("cold_done")),
            "complaints": not action.complaint_ids.filtered(
                lambda c: c.state != "closed"
            ),
            "accessibility": bool(program.accessibility),
        }
