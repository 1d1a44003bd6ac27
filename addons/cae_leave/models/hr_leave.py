from collections import defaultdict
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import date_utils, float_compare


class HrLeave(models.Model):
    _inherit = "hr.leave"
    # the fields of the time off request form; the state changes through
    # core's buttons and their own checks, the duration is computed from the
    # dates (checked in write)
    _cae_entrepreneur_fields = frozenset(
        {
            "holiday_status_id",
            "employee_id",
            "employee_ids",
            "request_date_from",
            "request_date_to",
            "request_date_from_period",
            "request_date_to_period",
            "request_unit_half",
            "request_unit_hours",
            "request_hour_from",
            "request_hour_to",
            "date_from",
            "date_to",
            "number_of_days",
            "name",
            "private_name",
            "supported_attachment_ids",
            # written by core from supported_attachment_ids (its inverse)
            "attachment_ids",
        }
    )

    @api.constrains(
        "holiday_status_id", "employee_id", "date_from", "date_to", "number_of_days"
    )
    def _check_cae_paid_leave(self):
        """CAE paid leave: only for a salaried entrepreneur (CESA) on the
        dates asked, and within her balance (or the negative balance the
        company allows)."""
        leaves = self.filtered(
            lambda leave: (
                leave.holiday_status_id.cae_paid_leave
                and leave.employee_id
                and leave.state not in ("cancel", "refuse")
            )
        )
        if not leaves:
            return
        # sudo: the contracts of the people asking, whoever asks (an
        # entrepreneur reads her own, the check needs them all the same)
        Contract = self.env["cae.contract"].sudo()
        for leave in leaves:
            partner = leave.employee_id.work_contact_id
            covered = Contract.search_count(
                [
                    ("partner_id", "=", partner.id),
                    ("contract_type", "=", "cesa"),
                    ("state", "in", ("running", "ended")),
                    ("date_start", "<=", leave.request_date_from),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", leave.request_date_to),
                ],
                limit=1,
            )
            if not covered:
                raise ValidationError(
                    self.env._(
                        "%(name)s is not under a CESA on these dates: only "
                        "salaried entrepreneurs have paid leave (a CAPE holder is "
                        "not an employee of the cooperative).",
                        name=leave.employee_id.name,
                    )
                )
        by_type_date = defaultdict(lambda: self.env["hr.leave"])
        for leave in leaves:
            by_type_date[leave.holiday_status_id, leave.date_from.date()] |= leave
        for (leave_type, date_from), group in by_type_date.items():
            employees = group.employee_id
            # sudo: the balance counts every allocation and request of these
            # employees, including those the asker may not read
            _consumed, extra = employees.sudo()._get_consumed_leaves(
                leave_type, date_from
            )
            limit = leave_type.max_allowed_negative if leave_type.allows_negative else 0
            for employee in employees:
                excess = sum(
                    day["amount"]
                    for day in extra[employee][leave_type]["excess_days"].values()
                )
                if float_compare(excess, limit, precision_digits=2) > 0:
                    raise ValidationError(
                        self.env._(
                            "This leave request goes beyond the paid leave "
                            "balance of %(name)s by %(days)s day(s) (allowed: "
                            "%(limit)s): shorten it or ask the admin team.",
                            name=employee.name,
                            days=round(excess - limit, 2),
                            limit=limit,
                        )
                    )

    # override: an entrepreneur's duration is the one computed from the dates
    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        if any("number_of_days" in vals for vals in vals_list):
            leaves._cae_check_entrepreneur_duration()
        return leaves

    # override: an entrepreneur's duration is the one computed from the dates
    def write(self, vals):
        result = super().write(vals)
        if "number_of_days" in vals:
            self._cae_check_entrepreneur_duration()
        return result

    def _cae_check_entrepreneur_duration(self):
        if not self._cae_guard_applies():
            return
        durations = self._get_durations()
        for leave in self:
            days = durations.get(leave.id, (leave.number_of_days, 0))[0]
            if float_compare(leave.number_of_days, days, precision_digits=2):
                raise AccessError(
                    self.env._(
                        "The number of days of a leave request is computed from "
                        "its dates: change the dates instead."
                    )
                )

    @api.model
    def _cae_paid_leave_days(self, employees, month):
        """Days of approved CAE paid leave of ``employees`` in ``month`` (its
        first day), a leave over several months split on its working days.

        Returns {employee id: days}."""
        start = date_utils.start_of(month, "month")
        end = start + relativedelta(months=1)
        start_dt, end_dt = (
            datetime.combine(start, time.min),
            datetime.combine(end, time.min),
        )
        # sudo: the pay variables (admin team) count every approved leave
        leaves = self.sudo().search(
            [
                ("employee_id", "in", employees.ids),
                ("holiday_status_id.cae_paid_leave", "=", True),
                ("state", "=", "validate"),
                ("date_from", "<", end_dt),
                ("date_to", ">=", start_dt),
            ]
        )
        result = defaultdict(float)
        for leave in leaves:
            first, last = leave.request_date_from, leave.request_date_to
            if first >= start and last < end:
                result[leave.employee_id.id] += leave.number_of_days
                continue
            result[leave.employee_id.id] += leave._cae_days_between(start_dt, end_dt)
        return result

    def _cae_days_between(self, start_dt, end_dt):
        """The part of this leave's days that falls in [start_dt, end_dt),
        prorated on its working hours (core's own list of work time per day,
        as for the leave's duration)."""
        self.ensure_one()
        domain = [
            ("time_type", "=", "leave"),
            ("company_id", "=", self.employee_id.company_id.id),
            "|",
            ("holiday_id", "=", False),
            ("holiday_id", "!=", self.id),
        ]
        per_day = self.employee_id._list_work_time_per_day(
            self.date_from,
            self.date_to,
            domain=domain,
            calendar=self.resource_calendar_id,
        )[self.employee_id.id]
        total = sum(hours for _day, hours in per_day)
        inside = sum(
            hours for day, hours in per_day if start_dt.date() <= day < end_dt.date()
        )
        return self.number_of_days * inside / total if total else 0.0
