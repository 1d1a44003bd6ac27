from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.cae_member.models.base import cae_trusted_writes, cae_writes_trusted

MEETING_TYPES = [
    ("co", "Orientation committee"),
    ("board", "Board"),
    ("ag", "General assembly"),
]


PROTECTED = frozenset(
    {
        "state",
        "convocation_date",
        "calendar_event_id",
        "frozen_voter_count",
        "quorum_reached",
    }
)


class CaeMeeting(models.Model):
    _name = "cae.meeting"
    _description = "Governance meeting"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    meeting_type = fields.Selection(
        MEETING_TYPES, string="Type", required=True, default="co", tracking=True
    )
    territory_id = fields.Many2one(
        "cae.territory",
        check_company=True,
        tracking=True,
        help="Orientation committee of a territory: its members are invited "
        "(empty: every member).",
    )
    date_start = fields.Datetime(string="Start", required=True, tracking=True)
    duration = fields.Float(default=2.0, help="Length of the meeting, in hours.")
    date = fields.Date(compute="_compute_date", store=True, index=True)
    location = fields.Char(string="Place")
    videocall_url = fields.Char(string="Video call link")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("convened", "Convened"),
            ("held", "Held"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    invitee_ids = fields.Many2many(
        "res.partner",
        "cae_meeting_invitee_rel",
        "meeting_id",
        "partner_id",
        string="Invitees",
        compute="_compute_invitee_ids",
        store=True,
        readonly=False,
        copy=False,
        help="Computed from the type while the meeting is a draft: the members of "
        "the territory (orientation committee), the board members, the "
        "associates at the meeting date (general assembly); guests may be added "
        "before the convocation is sent.",
    )
    topic_ids = fields.One2many("cae.meeting.topic", "meeting_id", string="Agenda")
    attendance_ids = fields.One2many("cae.meeting.attendance", "meeting_id")
    resolution_ids = fields.One2many(
        "cae.meeting.resolution", "meeting_id", string="Resolutions"
    )
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Calendar event", readonly=True, copy=False
    )
    convocation_date = fields.Datetime(readonly=True, copy=False)
    notes = fields.Html(string="Minutes notes")
    voter_count = fields.Integer(
        string="Voters",
        compute="_compute_counts",
        help="Associates at the meeting date (board: the board members who are "
        "associates), frozen when the meeting closes.",
    )
    present_count = fields.Integer(string="Present", compute="_compute_counts")
    represented_count = fields.Integer(string="Represented", compute="_compute_counts")
    frozen_voter_count = fields.Integer(readonly=True, copy=False)
    quorum_reached = fields.Boolean(readonly=True, copy=False)

    @api.depends("date_start")
    def _compute_date(self):
        for meeting in self:
            meeting.date = fields.Date.to_date(meeting.date_start)

    @api.depends("meeting_type", "territory_id", "date", "company_id")
    def _compute_invitee_ids(self):
        for meeting in self:
            if meeting.state == "draft":
                meeting.invitee_ids = meeting._cae_invitees()

    @api.depends(
        "attendance_ids.state", "frozen_voter_count", "state", "date", "meeting_type"
    )
    def _compute_counts(self):
        for meeting in self:
            meeting.present_count = len(
                meeting.attendance_ids.filtered(lambda a: a.state == "present")
            )
            meeting.represented_count = len(
                meeting.attendance_ids.filtered(lambda a: a.state == "represented")
            )
            meeting.voter_count = (
                meeting.frozen_voter_count
                if meeting.state == "closed"
                else len(meeting._cae_voters())
            )

    # override: what was sent in the convocation stays as sent; the state and
    # the counts change through the buttons only
    def write(self, vals):
        if PROTECTED & set(vals) and not cae_writes_trusted():
            raise UserError(
                self.env._(
                    "The state of a meeting changes through its buttons "
                    "(convene, held, close, cancel)."
                )
            )
        locked = {"meeting_type", "territory_id", "date_start", "company_id"}
        if locked & set(vals) and self.filtered(lambda m: m.state != "draft"):
            raise UserError(
                self.env._(
                    "The type, the territory and the date of a convened meeting "
                    "cannot change: cancel it and convene a new one."
                )
            )
        if "invitee_ids" in vals and self.filtered(lambda m: m.state != "draft"):
            raise UserError(
                self.env._("The invitees are those the convocation was sent to.")
            )
        if (
            set(vals) - {"notes", "message_main_attachment_id"}
            and self.filtered(lambda m: m.state in ("closed", "cancelled"))
            and not cae_writes_trusted()
        ):
            raise UserError(
                self.env._("A closed or cancelled meeting is an archive: it is kept.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_convened(self):
        if any(m.state != "draft" for m in self):
            raise UserError(
                self.env._(
                    "A meeting that was convened is evidence: cancel it instead of "
                    "deleting it."
                )
            )

    def action_refresh_invitees(self):
        for meeting in self.filtered(lambda m: m.state == "draft"):
            meeting.invitee_ids = meeting._cae_invitees()
        return True

    def action_convene(self):
        """Send the convocation and its agenda to the invitees, no later than
        the notice period of the meeting's type; the agenda is then locked."""
        template = self.env.ref("cae_governance.mail_template_meeting_convocation")
        for meeting in self:
            if meeting.state != "draft":
                raise UserError(
                    self.env._(
                        "%(meeting)s was already convened.", meeting=meeting.name
                    )
                )
            meeting._cae_check_notice()
            invitees = meeting.invitee_ids
            if not invitees:
                raise UserError(
                    self.env._(
                        "%(meeting)s has no one to invite.", meeting=meeting.name
                    )
                )
            event = meeting._cae_create_event(invitees)
            meeting._cae_write_state(
                {
                    "state": "convened",
                    "convocation_date": fields.Datetime.now(),
                    "calendar_event_id": event.id,
                }
            )
            meeting.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                message_type="comment",
                partner_ids=invitees.ids,
            )
        return True

    def action_hold(self):
        for meeting in self:
            if meeting.state != "convened":
                raise UserError(
                    self.env._(
                        "Only a convened meeting can be held (%(meeting)s).",
                        meeting=meeting.name,
                    )
                )
        self._cae_write_state({"state": "held"})
        return True

    def action_close(self):
        """Count the voters, check the quorum and freeze each resolution's
        result."""
        for meeting in self:
            if meeting.state != "held":
                raise UserError(
                    self.env._(
                        "Only a meeting that was held can be closed (%(meeting)s).",
                        meeting=meeting.name,
                    )
                )
            voters = meeting._cae_voters()
            reached = meeting._cae_quorum_reached(voters)
            meeting.resolution_ids._cae_freeze_result(reached)
            meeting._cae_write_state(
                {
                    "state": "closed",
                    "frozen_voter_count": len(voters),
                    "quorum_reached": reached,
                }
            )
        return True

    def action_cancel(self):
        for meeting in self:
            if meeting.state not in ("draft", "convened"):
                raise UserError(
                    self.env._(
                        "A meeting that was held is kept as it was (%(meeting)s).",
                        meeting=meeting.name,
                    )
                )
        self.calendar_event_id.write({"active": False})
        self._cae_write_state({"state": "cancelled"})
        return True

    def action_plan_next_committee(self):
        """The orientation committees are monthly: a draft of the next one,
        a month later, same territory, place and length (its invitees are
        computed again; the agenda starts empty)."""
        self.ensure_one()
        if self.meeting_type != "co":
            raise UserError(
                self.env._("Only an orientation committee is planned monthly.")
            )
        start = self.date_start + relativedelta(months=1)
        month = start.strftime("%m/%Y")
        if self.territory_id:
            name = self.env._(
                "Orientation committee %(territory)s - %(month)s",
                territory=self.territory_id.name,
                month=month,
            )
        else:
            name = self.env._("Orientation committee - %(month)s", month=month)
        next_meeting = self.create(
            {
                "name": name,
                "meeting_type": "co",
                "territory_id": self.territory_id.id,
                "date_start": start,
                "duration": self.duration,
                "location": self.location,
                "videocall_url": self.videocall_url,
                "company_id": self.company_id.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "cae.meeting",
            "res_id": next_meeting.id,
            "view_mode": "form",
        }

    def action_print_minutes(self):
        return self.env.ref("cae_governance.cae_meeting_minutes_report").report_action(
            self
        )

    # ------------------------------------------------------------------
    # helpers

    def _cae_write_state(self, vals):
        """The one way the buttons change a meeting's state and counts."""
        with cae_trusted_writes():
            return self.write(vals)

    def _cae_notice_days(self):
        self.ensure_one()
        company = self.company_id
        return {
            "co": company.cae_co_notice_days,
            "board": company.cae_board_notice_days,
            "ag": company.cae_ag_notice_days,
        }[self.meeting_type]

    def _cae_check_notice(self):
        self.ensure_one()
        days = self._cae_notice_days()
        today = fields.Date.context_today(self)
        if self.date < today + timedelta(days=days):
            raise UserError(
                self.env._(
                    "The convocation of %(meeting)s must be sent at least %(days)s "
                    "day(s) before the meeting: it is on %(date)s, only %(left)s "
                    "day(s) from today. Move the meeting to a later date.",
                    meeting=self.name,
                    days=days,
                    date=self.date,
                    left=(self.date - today).days,
                )
            )

    def _cae_invitees(self):
        """Who the meeting's type invites (see ``invitee_ids``)."""
        self.ensure_one()
        Partner = self.env["res.partner"]
        if not self.meeting_type or not self.date:
            return Partner
        company = [("company_id", "in", [False, self.company_id.id])]
        if self.meeting_type == "board":
            domain = [("cae_board_member", "=", True)]
        elif self.meeting_type == "ag":
            domain = Partner._cae_associate_domain(self.date)
        else:
            domain = [
                ("is_cae_member", "=", True),
                "|",
                ("cae_exit_date", "=", False),
                ("cae_exit_date", ">", self.date),
            ]
            if self.territory_id:
                domain.append(("cae_territory_id", "=", self.territory_id.id))
        # sudo: the invitees are computed by the organiser from the member
        # directory, whatever the partners her own rules show
        return Partner.sudo().search(domain + company).with_env(self.env)

    def _cae_voters(self):
        """Who may vote at this meeting: the associates at its date (board:
        the board members among them)."""
        self.ensure_one()
        if self.meeting_type == "co" or not self.date:
            return self.env["res.partner"]
        domain = self.env["res.partner"]._cae_associate_domain(self.date) + [
            ("company_id", "in", [False, self.company_id.id])
        ]
        if self.meeting_type == "board":
            domain.append(("cae_board_member", "=", True))
        # sudo: counting the voters reads the register of associates
        return self.env["res.partner"].sudo().search(domain).with_env(self.env)

    def _cae_participants(self):
        """The voters present, represented or having voted online."""
        self.ensure_one()
        attending = self.attendance_ids.filtered(
            lambda a: a.state in ("present", "represented")
        ).partner_id
        online = self.resolution_ids.vote_ids.filtered(
            lambda v: v.channel == "online"
        ).partner_id
        return (attending | online) & self._cae_voters()

    def _cae_quorum_reached(self, voters=None):
        self.ensure_one()
        voters = self._cae_voters() if voters is None else voters
        if not voters:
            return False
        quorum = (
            self.company_id.cae_board_quorum
            if self.meeting_type == "board"
            else self.company_id.cae_ag_quorum
        )
        # integers: participants / voters >= quorum %
        return len(self._cae_participants() & voters) * 100 >= quorum * len(voters)

    def _cae_create_event(self, invitees):
        self.ensure_one()
        start = self.date_start
        # the convocation is the invitation: no second mail from the calendar
        return (
            self.env["calendar.event"]
            .with_context(no_mail_to_attendees=True)
            .create(
                {
                    "name": self.name,
                    "start": start,
                    "stop": start + timedelta(hours=self.duration or 1.0),
                    "location": self.location or False,
                    "videocall_location": self.videocall_url or False,
                    "partner_ids": [fields.Command.set(invitees.ids)],
                    "user_id": self.env.user.id,
                    "description": self.env._(
                        "Agenda: %(topics)s",
                        topics=", ".join(self.topic_ids.mapped("name")),
                    ),
                }
            )
        )

    def _cae_check_open(self, states=("draft", "convened", "held")):
        """Raise unless every meeting of ``self`` is in ``states``."""
        for meeting in self:
            if meeting.state not in states:
                raise UserError(
                    self.env._(
                        "%(meeting)s is %(state)s: its records cannot change.",
                        meeting=meeting.name,
                        state=dict(
                            meeting._fields["state"]._description_selection(self.env)
                        )[meeting.state],
                    )
                )
