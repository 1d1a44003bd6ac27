from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import is_html_empty

from odoo.addons.cae_member.models.base import cae_trusted_writes

# the report's content: its participants (the entrepreneurs' record rule keeps
# them to their own appointments) and the support team, not the admin team
REPORT_GROUPS = (
    "cae_member.cae_member_group_support,cae_member.cae_member_group_entrepreneur"
)
REPORT_FIELDS = (
    "report_objectives",
    "report_points",
    "report_action_plan",
    "report_documents",
)


class CaeAppointment(models.Model):
    """An appointment of the support team: individual or collective, with its
    written report (readable by its participants and the support team only)."""

    _name = "cae.appointment"
    _description = "Support appointment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    # a sponsor allowed to hold the interviews of her sponsees (the sponsors'
    # record rule) sets these; the status, the company and the calendar event
    # are the support team's
    _cae_entrepreneur_fields = frozenset(
        {
            "name",
            "kind",
            "appointment_type",
            "mode",
            "theme",
            "date_start",
            "duration",
            "advisor_ids",
            "partner_ids",
            "cae_activity_ids",
            *REPORT_FIELDS,
        }
    )

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        [("individual", "Individual"), ("collective", "Collective")],
        required=True,
        default="individual",
        tracking=True,
    )
    appointment_type = fields.Selection(
        [
            ("diagnostic", "Diagnostic interview"),
            ("follow_up", "Follow-up"),
            ("annual", "Annual interview"),
            ("cesa_preparation", "CESA preparation"),
            ("other", "Other"),
        ],
        string="Type",
        required=True,
        default="follow_up",
    )
    mode = fields.Selection(
        [("on_site", "On site"), ("video", "Video"), ("phone", "Phone")],
        required=True,
        default="on_site",
    )
    theme = fields.Char()
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
            ("absent", "Absent"),
        ],
        string="Status",
        required=True,
        default="planned",
        tracking=True,
        index=True,
    )
    date_start = fields.Datetime(
        string="Start", required=True, default=fields.Datetime.now, index=True
    )
    duration = fields.Float(default=1.0, help="In hours.")
    date_end = fields.Datetime(string="End", compute="_compute_date_end", store=True)
    advisor_ids = fields.Many2many(
        "res.users", string="Advisors", default=lambda self: self.env.user
    )
    partner_ids = fields.Many2many(
        "res.partner", string="Participants", domain=[("is_cae_member", "=", True)]
    )
    cae_activity_ids = fields.Many2many("cae.activity", string="CAE activities")
    # report (compte rendu)
    report_objectives = fields.Html(string="Objectives", groups=REPORT_GROUPS)
    report_points = fields.Html(string="Points discussed", groups=REPORT_GROUPS)
    report_action_plan = fields.Html(string="Action plan", groups=REPORT_GROUPS)
    report_documents = fields.Html(string="Documents produced", groups=REPORT_GROUPS)
    has_report = fields.Boolean(
        string="Report written",
        compute="_compute_has_report",
        store=True,
        index=True,
        help="At least one section of the report is written: only a done "
        "individual interview with its report counts toward the two a year.",
    )
    calendar_event_id = fields.Many2one("calendar.event", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("date_start", "duration")
    def _compute_date_end(self):
        for appointment in self:
            appointment.date_end = (
                appointment.date_start
                and appointment.date_start + timedelta(hours=appointment.duration or 0)
            )

    @api.depends(*REPORT_FIELDS)
    def _compute_has_report(self):
        for appointment in self:
            appointment.has_report = any(
                not is_html_empty(appointment[fname]) for fname in REPORT_FIELDS
            )

    # override: the appointment shows in the calendars of its people
    @api.model_create_multi
    def create(self, vals_list):
        if self.env.user._cae_is_entrepreneur_only() and not self.env.su:
            for vals in vals_list:
                participants = self.new(
                    {"partner_ids": vals.get("partner_ids", [])}
                ).partner_ids._origin
                self._cae_check_sponsor_interview(participants, vals.get("kind"))
        appointments = super().create(vals_list)
        appointments._sync_calendar_event()
        return appointments

    # override: the calendar event follows the appointment
    def write(self, vals):
        res = super().write(vals)
        if self.env.user._cae_is_entrepreneur_only() and not self.env.su:
            for appointment in self:
                appointment._cae_check_sponsor_interview(
                    appointment.partner_ids, appointment.kind
                )
        if {"name", "date_start", "duration", "partner_ids", "advisor_ids"} & set(vals):
            self._sync_calendar_event()
        return res

    def _sync_calendar_event(self):
        # the events of new appointments: one create for all of them
        new_events = []
        for appointment in self:
            vals = {
                "name": appointment.name,
                "start": appointment.date_start,
                "stop": appointment.date_end,
                "partner_ids": [
                    Command.set(
                        (
                            appointment.partner_ids | appointment.advisor_ids.partner_id
                        ).ids
                    )
                ],
            }
            # sudo: the event only mirrors this appointment, which the caller
            # may write (its access rules passed); its attendees need no
            # rights on each other's calendar events
            if appointment.calendar_event_id:
                appointment.calendar_event_id.sudo().write(vals)
            else:
                new_events.append((appointment, vals))
        if new_events:
            # sudo: as for the write above
            events = (
                self.env["calendar.event"]
                .sudo()
                .create([vals for _appointment, vals in new_events])
            )
            # the server links the events it created (no field of the caller)
            with cae_trusted_writes():
                for (appointment, _vals), event in zip(new_events, events, strict=True):
                    appointment.calendar_event_id = event

    def action_done(self):
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_absent(self):
        self.write({"state": "absent"})

    def action_print(self):
        self._cae_check_report_access()
        return self.env.ref("cae_parcours.cae_appointment_report").report_action(self)

    def _cae_check_report_access(self):
        """The report is read by the appointment's participants and the support
        team only (an advisor is a member of the support team)."""
        if self.env.su or self.env.user.has_group(
            "cae_member.cae_member_group_support"
        ):
            return
        user = self.env.user
        for appointment in self:
            if user.partner_id not in appointment.partner_ids:
                raise AccessError(
                    self.env._(
                        "The report of %(name)s is read by its participants and the "
                        "support team only.",
                        name=appointment.name,
                    )
                )

    @api.model
    def _cae_check_sponsor_interview(self, participants, kind=None):
        """An entrepreneur records an appointment only as a sponsor allowed to
        hold the individual interviews of her sponsees, and only theirs."""
        user = self.env.user
        if not user._cae_may_record_sponsee_interviews():
            raise AccessError(
                self.env._(
                    "Only a sponsor allowed by the support team records "
                    "appointments, and only the interviews of her sponsees."
                )
            )
        if (kind or "individual") != "individual" or len(participants) != 1:
            raise ValidationError(
                self.env._(
                    "A sponsor records the individual interviews of her sponsees: "
                    "one participant, her sponsee."
                )
            )
        # sudo: the sponsor is journey data, read to check the participant
        if participants.sudo().cae_sponsor_id != user.partner_id:
            raise ValidationError(
                self.env._(
                    "%(partner)s is not your sponsee: you cannot record an "
                    "interview of %(partner)s.",
                    partner=participants.name,
                )
            )
