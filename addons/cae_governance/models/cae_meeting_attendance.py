from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CaeMeetingAttendance(models.Model):
    _name = "cae.meeting.attendance"
    _description = "Meeting attendance"
    _order = "meeting_id, partner_id"
    _check_company_auto = True

    meeting_id = fields.Many2one(
        "cae.meeting",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    meeting_type = fields.Selection(related="meeting_id.meeting_type", store=True)
    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True
    )
    state = fields.Selection(
        [
            ("present", "Present"),
            ("absent", "Absent"),
            ("represented", "Represented"),
        ],
        default="present",
        required=True,
    )
    proxy_id = fields.Many2one(
        "res.partner",
        string="Represented by",
        help="An associate present at the meeting who votes for this person.",
    )
    is_associate = fields.Boolean(
        string="Associate",
        compute="_compute_is_associate",
        help="An associate of the cooperative at the meeting date.",
    )
    company_id = fields.Many2one(
        related="meeting_id.company_id", store=True, index=True, precompute=True
    )

    _sql_constraints = [
        (
            "meeting_partner_unique",
            "unique(meeting_id, partner_id)",
            "A person is listed once in the attendance of a meeting.",
        )
    ]

    @api.depends("partner_id", "meeting_id.date")
    def _compute_is_associate(self):
        for attendance in self:
            attendance.is_associate = bool(
                attendance.partner_id
                and attendance.meeting_id.date
                and attendance.partner_id.sudo()._cae_is_associate_at(
                    attendance.meeting_id.date
                )
            )

    @api.constrains("state", "proxy_id", "partner_id", "meeting_id")
    def _check_proxy(self):
        for attendance in self:
            meeting = attendance.meeting_id
            if attendance.state != "present" and meeting.attendance_ids.filtered(
                lambda a, person=attendance.partner_id: a.proxy_id == person
            ):
                raise ValidationError(
                    self.env._(
                        "%(holder)s holds proxies: she is present at the meeting.",
                        holder=attendance.partner_id.name,
                    )
                )
            if attendance.state != "represented":
                if attendance.proxy_id:
                    raise ValidationError(
                        self.env._(
                            "Only a represented person has a proxy holder "
                            "(%(person)s).",
                            person=attendance.partner_id.name,
                        )
                    )
                continue
            holder = attendance.proxy_id
            if not holder:
                raise ValidationError(
                    self.env._(
                        "%(person)s is represented: say by whom.",
                        person=attendance.partner_id.name,
                    )
                )
            if holder == attendance.partner_id:
                raise ValidationError(self.env._("No one holds her own proxy."))
            if not attendance.is_associate or not holder.sudo()._cae_is_associate_at(
                meeting.date
            ):
                raise ValidationError(
                    self.env._(
                        "A proxy is given by an associate to another associate: "
                        "%(person)s or %(holder)s is not an associate on %(date)s.",
                        person=attendance.partner_id.name,
                        holder=holder.name,
                        date=meeting.date,
                    )
                )
            present = meeting.attendance_ids.filtered(
                lambda a, holder=holder: a.partner_id == holder
            )
            if present.state != "present":
                raise ValidationError(
                    self.env._(
                        "%(holder)s holds a proxy only when present at the meeting.",
                        holder=holder.name,
                    )
                )
            held = meeting.attendance_ids.filtered(
                lambda a, holder=holder: a.proxy_id == holder
            )
            maximum = meeting.company_id.cae_max_proxies
            if len(held) > maximum:
                raise ValidationError(
                    self.env._(
                        "%(holder)s already holds the maximum of %(max)s proxy(ies): "
                        "choose another associate to represent %(person)s.",
                        holder=holder.name,
                        max=maximum,
                        person=attendance.partner_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["cae.meeting"].browse(
            [vals["meeting_id"] for vals in vals_list if vals.get("meeting_id")]
        )._cae_check_open(("convened", "held"))
        return super().create(vals_list)

    # override: the attendance is recorded between the convocation and the close
    def write(self, vals):
        self.meeting_id._cae_check_open(("convened", "held"))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self.meeting_id._cae_check_open(("convened", "held"))
