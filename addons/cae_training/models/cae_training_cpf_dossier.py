from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# EDOF: entry and exit are declared within 3 working days
DECLARATION_WORKING_DAYS = 3
DECLARATION_STATES = [
    ("none", "Nothing to declare"),
    ("pending", "To declare"),
    ("closing", "Deadline closing"),
    ("late", "Late"),
    ("done", "Declared"),
    ("done_late", "Declared late"),
]


class CaeTrainingCpfDossier(models.Model):
    """A CPF (EDOF) dossier of a trainee: entry and exit must be declared on
    EDOF within 3 working days of the company's working calendar, its public
    holidays (calendar leaves) excluded."""

    _name = "cae.training.cpf.dossier"
    _description = "CPF dossier (EDOF)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_entry desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="EDOF dossier number", required=True, tracking=True)
    trainee_id = fields.Many2one(
        "cae.training.trainee",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    partner_id = fields.Many2one(
        related="trainee_id.partner_id", string="Person", store=True
    )
    action_id = fields.Many2one(
        related="trainee_id.action_id", string="Training action", store=True, index=True
    )
    date_entry = fields.Date(string="Entry date", tracking=True)
    date_exit = fields.Date(string="Exit date", tracking=True)
    entry_declared_on = fields.Date(string="Entry declared on", tracking=True)
    exit_declared_on = fields.Date(string="Exit declared on", tracking=True)
    entry_deadline = fields.Date(compute="_compute_deadlines", store=True)
    exit_deadline = fields.Date(compute="_compute_deadlines", store=True)
    entry_state = fields.Selection(
        DECLARATION_STATES, string="Entry declaration", compute="_compute_states"
    )
    exit_state = fields.Selection(
        DECLARATION_STATES, string="Exit declaration", compute="_compute_states"
    )
    alert = fields.Boolean(
        compute="_compute_states",
        search="_search_alert",
        help="A declaration deadline is closing or missed.",
    )
    service_done = fields.Selection(
        [("full", "Service done in full"), ("partial", "Service done partly")],
        string="Service done",
        tracking=True,
    )
    completion_rate = fields.Float(string="Completion rate (%)")
    partial_reason = fields.Char(string="Reason of the partial completion")
    company_id = fields.Many2one(
        related="trainee_id.company_id", store=True, index=True, precompute=True
    )

    @api.depends("date_entry", "date_exit", "company_id")
    def _compute_deadlines(self):
        # the working days of each company's calendar, one read per company
        for company, dossiers in self.grouped("company_id").items():
            company = company or self.env.company
            days = [
                day
                for dossier in dossiers
                for day in (dossier.date_entry, dossier.date_exit)
                if day
            ]
            working_days = days and company._cae_working_days(
                min(days), max(days) + timedelta(days=31)
            )
            for dossier in dossiers:
                dossier.entry_deadline, dossier.exit_deadline = (
                    day
                    and company._cae_add_working_days(
                        day, DECLARATION_WORKING_DAYS, working_days
                    )
                    for day in (dossier.date_entry, dossier.date_exit)
                )

    def _cae_declaration_state(
        self, event_date, deadline, declared_on, today, working_days
    ):
        """State of one declaration of the dossier; ``working_days`` from
        ``res.company._cae_working_days`` covers today up to the deadline."""
        self.ensure_one()
        if not event_date:
            return "none"
        if declared_on:
            return "done" if declared_on <= deadline else "done_late"
        if today > deadline:
            return "late"
        company = self.company_id or self.env.company
        if company._cae_working_days_between(today, deadline, working_days) <= 1:
            return "closing"
        return "pending"

    @api.depends(
        "date_entry",
        "date_exit",
        "entry_deadline",
        "exit_deadline",
        "entry_declared_on",
        "exit_declared_on",
    )
    def _compute_states(self):
        today = fields.Date.context_today(self)
        for company, dossiers in self.grouped("company_id").items():
            company = company or self.env.company
            deadlines = [
                deadline
                for dossier in dossiers
                for deadline in (dossier.entry_deadline, dossier.exit_deadline)
                if deadline and deadline >= today
            ]
            # the working days up to the furthest open deadline, one read
            working_days = (
                company._cae_working_days(today, max(deadlines)) if deadlines else []
            )
            for dossier in dossiers:
                dossier.entry_state = dossier._cae_declaration_state(
                    dossier.date_entry,
                    dossier.entry_deadline,
                    dossier.entry_declared_on,
                    today,
                    working_days,
                )
                dossier.exit_state = dossier._cae_declaration_state(
                    dossier.date_exit,
                    dossier.exit_deadline,
                    dossier.exit_declared_on,
                    today,
                    working_days,
                )
                dossier.alert = bool(
                    {dossier.entry_state, dossier.exit_state} & {"closing", "late"}
                )

    def _search_alert(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the CPF alert."))
        candidates = self.search(
            [
                "|",
                "&",
                ("date_entry", "!=", False),
                ("entry_declared_on", "=", False),
                "&",
                ("date_exit", "!=", False),
                ("exit_declared_on", "=", False),
            ]
        )
        alerting = candidates.filtered("alert")
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", alerting.ids)]

    @api.constrains("date_entry", "date_exit")
    def _check_dates(self):
        for dossier in self:
            if dossier.date_exit and not dossier.date_entry:
                raise ValidationError(self.env._("Set the entry date before the exit."))
            if dossier.date_exit and dossier.date_exit < dossier.date_entry:
                raise ValidationError(
                    self.env._(
                        "The CPF dossier %(name)s exits before it enters.",
                        name=dossier.name,
                    )
                )

    @api.constrains("service_done", "completion_rate", "partial_reason")
    def _check_service_done(self):
        for dossier in self.filtered(lambda d: d.service_done == "partial"):
            if not (0 < dossier.completion_rate < 100) or not dossier.partial_reason:
                raise ValidationError(
                    self.env._(
                        "A partial service done needs a completion rate between 0 "
                        "and 100 %% and a reason (%(name)s).",
                        name=dossier.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_declared(self):
        if any(d.entry_declared_on or d.exit_declared_on for d in self):
            raise UserError(
                self.env._("A declared CPF dossier is evidence and cannot be deleted.")
            )

    def action_declare_entry(self):
        self.write({"entry_declared_on": fields.Date.context_today(self)})
        return True

    def action_declare_exit(self):
        for dossier in self:
            if not dossier.service_done:
                raise UserError(
                    self.env._(
                        "Set the service done (full or partial) of %(name)s before "
                        "declaring the exit.",
                        name=dossier.name,
                    )
                )
        self.write({"exit_declared_on": fields.Date.context_today(self)})
        return True

    @api.model
    def _cron_deadline_alerts(self):
        """Schedule a to-do for the training manager on every dossier whose
        declaration deadline is closing or missed (once per dossier)."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for dossier in self.search([("alert", "=", True)]):
            if dossier.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            ):
                continue
            late = "late" in (dossier.entry_state, dossier.exit_state)
            dossier.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=min(
                    d for d in (dossier.entry_deadline, dossier.exit_deadline) if d
                ),
                summary=(
                    self.env._("EDOF declaration late")
                    if late
                    else self.env._("EDOF declaration due")
                ),
                user_id=dossier.company_id._cae_training_manager_user().id,
            )
