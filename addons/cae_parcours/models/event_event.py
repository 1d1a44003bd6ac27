from odoo import api, fields, models
from odoo.exceptions import UserError


class EventEvent(models.Model):
    """A CAE workshop: one event per half-day session; the sessions of one
    workshop share a series name."""

    _inherit = "event.event"

    cae_is_workshop = fields.Boolean(
        string="CAE workshop",
        compute="_compute_cae_is_workshop",
        store=True,
        readonly=False,
        index=True,
    )
    cae_series = fields.Char(
        string="Workshop series", help="Groups the half-day sessions of one workshop."
    )
    cae_trainer_ids = fields.Many2many("res.partner", string="Trainers")
    cae_self_signup = fields.Boolean(
        string="Open to self-registration",
        help="Entrepreneurs may register themselves to this session.",
    )
    cae_attendance_ids = fields.One2many(
        "cae.attendance", "event_id", string="Attendance"
    )
    cae_attendance_missing = fields.Boolean(
        string="Attendance not filled",
        compute="_compute_cae_attendance_missing",
        search="_search_cae_attendance_missing",
    )

    @api.depends("event_type_id.cae_is_workshop")
    def _compute_cae_is_workshop(self):
        for event in self:
            event.cae_is_workshop = (
                event.event_type_id.cae_is_workshop or event.cae_is_workshop
            )

    def _cae_participants(self):
        self.ensure_one()
        registrations = self.registration_ids.filtered(lambda r: r.state != "cancel")
        return registrations.partner_id

    @api.depends("cae_attendance_ids.state", "registration_ids", "date_end")
    def _compute_cae_attendance_missing(self):
        now = fields.Datetime.now()
        for event in self:
            participants = event._cae_participants()
            filled = event.cae_attendance_ids.filtered("state").partner_id
            event.cae_attendance_missing = bool(
                event.cae_is_workshop
                and event.date_end
                and event.date_end < now
                and participants - filled
            )

    def _search_cae_attendance_missing(self, operator, value):
        events = self.search(
            [("cae_is_workshop", "=", True), ("date_end", "<", fields.Datetime.now())]
        )
        missing = events.filtered("cae_attendance_missing")
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", missing.ids)]

    def action_cae_register_self(self):
        """An entrepreneur registers to an open workshop session (checked)."""
        partner = self.env.user.partner_id
        for event in self:
            if not (event.cae_is_workshop and event.cae_self_signup):
                raise UserError(
                    self.env._(
                        "%(event)s is not open to self-registration.", event=event.name
                    )
                )
            if event.seats_limited and event.seats_available <= 0:
                raise UserError(self.env._("%(event)s is full.", event=event.name))
            if partner in event.sudo()._cae_participants():
                continue
            self.env["event.registration"].sudo().create(
                {
                    "event_id": event.id,
                    "partner_id": partner.id,
                    "name": partner.name,
                    "email": partner.email,
                }
            )
        return True

    def action_cae_fill_attendance(self):
        """Creates the missing attendance lines of the participants."""
        for event in self:
            existing = event.cae_attendance_ids.partner_id
            self.env["cae.attendance"].create(
                [
                    {
                        "event_id": event.id,
                        "partner_id": partner.id,
                        "company_id": event.company_id.id or self.env.company.id,
                    }
                    for partner in event._cae_participants() - existing
                ]
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Attendance"),
            "res_model": "cae.attendance",
            "view_mode": "list",
            "domain": [("event_id", "in", self.ids)],
            "context": {"default_event_id": self.id if len(self) == 1 else False},
        }
