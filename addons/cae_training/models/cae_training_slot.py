from datetime import datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.resource.models.utils import float_to_time

# a half-day ends by 14:00 or starts from 12:00 (local time) and lasts at most
# 6 hours: a full day is two half-days
HALF_DAY_END_BY = 14.0
HALF_DAY_START_FROM = 12.0
HALF_DAY_MAX_HOURS = 6.0


class CaeTrainingSlot(models.Model):
    """A half-day of a training action: the unit of attendance."""

    _name = "cae.training.slot"
    _description = "Training half-day"
    _order = "date, time_start, id"
    _check_company_auto = True
    _cae_entrepreneur_fields = frozenset(
        {
            "action_id",
            "date",
            "time_start",
            "time_end",
            "scanned_sheet",
            "scanned_sheet_name",
        }
    )
    # defaults the form sends on creation, accepted as they are
    # what a trainer who is not a member of the action's activity may write
    _cae_trainer_fields = frozenset({"scanned_sheet", "scanned_sheet_name"})

    action_id = fields.Many2one(
        "cae.training.action",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    date = fields.Date(required=True)
    time_start = fields.Float(string="From", required=True, default=9.0)
    time_end = fields.Float(string="To", required=True, default=12.5)
    hours = fields.Float(compute="_compute_hours", store=True)
    date_start = fields.Datetime(
        string="Start", compute="_compute_datetimes", store=True, index=True
    )
    date_end = fields.Datetime(string="End", compute="_compute_datetimes", store=True)
    scanned_sheet = fields.Binary(
        attachment=True,
        copy=False,
        help="Scanned attendance sheet of the half-day, signed by the trainees "
        "and the trainer: it proves the attendance of every trainee.",
    )
    scanned_sheet_name = fields.Char(copy=False)
    attendance_ids = fields.One2many("cae.attendance", "training_slot_id")
    company_id = fields.Many2one(
        related="action_id.company_id", store=True, index=True, precompute=True
    )
    active = fields.Boolean(
        default=True,
        help="A half-day of a confirmed action is evidence: it is archived, "
        "never deleted.",
    )

    @api.depends("time_start", "time_end")
    def _compute_hours(self):
        for slot in self:
            slot.hours = round(max(slot.time_end - slot.time_start, 0.0), 2)

    @api.depends("date", "time_start", "time_end", "action_id.tz")
    def _compute_datetimes(self):
        for slot in self:
            if not slot.date:
                slot.date_start = slot.date_end = False
                continue
            tz = pytz.timezone(slot.action_id.tz or "Europe/Paris")
            slot.date_start, slot.date_end = (
                tz.localize(datetime.combine(slot.date, float_to_time(value)))
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
                for value in (slot.time_start, slot.time_end)
            )

    # override: the date and the hours of the half-day
    @api.depends("date", "time_start", "time_end")
    def _compute_display_name(self):
        for slot in self:
            start = float_to_time(slot.time_start)
            end = float_to_time(slot.time_end)
            slot.display_name = "{} {}-{}".format(
                format_date(self.env, slot.date) if slot.date else "",
                start.strftime("%H:%M"),
                end.strftime("%H:%M"),
            )

    @api.constrains("time_start", "time_end")
    def _check_times(self):
        for slot in self:
            if not (0 <= slot.time_start < slot.time_end <= 24):
                raise ValidationError(
                    self.env._(
                        "The half-day %(slot)s must end after it starts, within "
                        "the day.",
                        slot=slot.display_name,
                    )
                )
            # the times are the action's local times (its timezone), as the
            # trainer enters them: compared as such, never in UTC
            if (
                slot.time_end > HALF_DAY_END_BY
                and slot.time_start < HALF_DAY_START_FROM
            ) or slot.time_end - slot.time_start > HALF_DAY_MAX_HOURS:
                raise ValidationError(
                    self.env._(
                        "%(slot)s is not a half-day: a half-day ends by 14:00 or "
                        "starts from 12:00 and lasts at most 6 hours. Enter a "
                        "full day as two half-days.",
                        slot=slot.display_name,
                    )
                )

    # override: own activities only; a new half-day of a confirmed action
    # gets its attendance
    @api.model_create_multi
    def create(self, vals_list):
        slots = super().create(vals_list)
        if self._cae_guard_applies():
            slots.action_id._cae_check_own_activity()
        slots.action_id._cae_sync_attendance()
        return slots

    # override: own activities only (a trainer edits the half-days); the
    # attendance follows an (un)archived half-day
    def write(self, vals):
        if self._cae_guard_applies() and set(vals) - self._cae_trainer_fields:
            self.action_id._cae_check_own_activity()
        res = super().write(vals)
        if "active" in vals:
            self._cae_archive_attendance(vals["active"])
        return res

    def _cae_archive_attendance(self, active):
        """An archived half-day takes its attendance with it (and back)."""
        # sudo: the attendance of half-days the user just (un)archived
        attendance = (
            self.env["cae.attendance"]
            .sudo()
            .with_context(active_test=False)
            .search([("training_slot_id", "in", self.ids)])
        )
        attendance.filtered(lambda a: a.active != active).write({"active": active})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_attendance(self):
        if self.attendance_ids.filtered("state"):
            raise UserError(
                self.env._(
                    "A half-day with filled attendance is evidence and cannot be "
                    "deleted."
                )
            )
        if any(slot.action_id.state != "draft" for slot in self):
            raise UserError(
                self.env._(
                    "The half-days of a confirmed training action are evidence: "
                    "archive them instead of deleting them."
                )
            )

    def action_countersign(self):
        """The trainer countersigns the filled attendance of the half-days."""
        return self.action_id._cae_countersign(self.attendance_ids)
