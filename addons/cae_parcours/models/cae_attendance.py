from odoo import api, fields, models

ATTENDANCE_STATES = [
    ("present", "Present"),
    ("absent", "Absent"),
    ("excused", "Excused"),
]


class CaeAttendance(models.Model):
    """Attendance of one person at one session (half-day).

    Workshops link it to their session (``event_id``, one event per half-day);
    cae_training adds its own half-day slot. Attendance is evidence: archived,
    never deleted.
    """

    _name = "cae.attendance"
    _description = "Attendance at a session"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, ondelete="restrict"
    )
    event_id = fields.Many2one(
        "event.event", string="Session", index=True, ondelete="restrict"
    )
    date_start = fields.Datetime(
        string="Start",
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
    )
    date_end = fields.Datetime(
        string="End",
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
    )
    state = fields.Selection(
        ATTENDANCE_STATES,
        string="Status",
        tracking=True,
        index=True,
        help="Empty while the attendance has not been filled.",
    )
    hours = fields.Float(
        compute="_compute_hours", store=True, help="Hours attended (0 when absent)."
    )
    signature = fields.Image(max_width=512, max_height=256, copy=False)
    scanned_sheet = fields.Binary(attachment=True, copy=False)
    scanned_sheet_name = fields.Char()
    countersigned = fields.Boolean(
        string="Countersigned by the trainer", tracking=True, copy=False
    )
    countersigned_by_id = fields.Many2one("res.users", copy=False, readonly=True)
    note = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "partner_event_uniq",
            "unique(partner_id, event_id)",
            "This person already has an attendance for this session.",
        ),
    ]

    @api.depends("event_id.date_begin", "event_id.date_end")
    def _compute_dates(self):
        for attendance in self:
            if attendance.event_id:
                attendance.date_start = attendance.event_id.date_begin
                attendance.date_end = attendance.event_id.date_end

    @api.depends("state", "date_start", "date_end")
    def _compute_hours(self):
        for attendance in self:
            if (
                attendance.state == "present"
                and attendance.date_start
                and attendance.date_end
            ):
                delta = attendance.date_end - attendance.date_start
                attendance.hours = round(delta.total_seconds() / 3600.0, 2)
            else:
                attendance.hours = 0.0

    def _is_filled(self):
        """Filled: a status, and for a present person a signature, a scanned
        sheet or the trainer's countersignature."""
        self.ensure_one()
        return bool(self.state) and (
            self.state != "present"
            or bool(self.signature or self.scanned_sheet or self.countersigned)
        )

    def action_countersign(self):
        self.write({"countersigned": True, "countersigned_by_id": self.env.user.id})
        return True

    def action_mark_present(self):
        self.write({"state": "present"})

    def action_mark_absent(self):
        self.write({"state": "absent"})

    def action_mark_excused(self):
        self.write({"state": "excused"})
