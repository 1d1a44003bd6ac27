from datetime import datetime, time, timedelta

from pytz import timezone, utc

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    cae_meal_voucher_face_value = fields.Monetary(
        string="Meal voucher face value",
        currency_field="currency_id",
        default=9.0,
        help="Face value of one meal voucher.",
    )
    cae_meal_voucher_employer_rate = fields.Float(
        string="Employer share of the meal voucher (%)",
        digits=(5, 2),
        default=50.0,
        help="Share of the face value paid by the employer: between 50 % and "
        "60 % for it to be exempt from social charges.",
    )
    cae_meal_voucher_min_hours = fields.Float(
        string="Minimum hours for a meal voucher",
        digits=(16, 2),
        default=7.0,
        help="A working day of at least these consecutive hours gives one meal "
        "voucher; a half day never does.",
    )
    cae_meal_voucher_expense_account_id = fields.Many2one(
        "account.account",
        string="Meal voucher expense account",
        check_company=True,
        help="Charge of the employer share, on the activity.",
    )
    cae_meal_voucher_payable_account_id = fields.Many2one(
        "account.account",
        string="Meal voucher issuer account",
        check_company=True,
        help="Counterpart of the employer share: what is owed to the issuer of "
        "the meal vouchers.",
    )
    cae_meal_voucher_issuer_id = fields.Many2one(
        "res.partner",
        string="Meal voucher issuer",
        help="Partner of the counterpart line, when the issuer's account is a "
        "payable account.",
    )
    cae_meal_voucher_journal_id = fields.Many2one(
        "account.journal",
        string="Meal voucher journal",
        check_company=True,
        domain=[("type", "=", "general")],
        help="Journal of the employer share entries (the first miscellaneous "
        "journal when empty).",
    )
    cae_meal_voucher_treasury_threshold = fields.Monetary(
        string="Meal voucher treasury threshold",
        currency_field="currency_id",
        help="The admin team may suspend the meal vouchers of an activity whose "
        "available treasury is below this amount.",
    )

    @api.constrains("cae_meal_voucher_employer_rate", "cae_meal_voucher_min_hours")
    def _check_cae_meal_voucher_settings(self):
        for company in self:
            rate = company.cae_meal_voucher_employer_rate
            if rate and not 50.0 <= rate <= 60.0:
                raise ValidationError(
                    self.env._(
                        "The employer share of the meal voucher must be between "
                        "50 %% and 60 %% of its face value to be exempt from "
                        "social charges (%(rate)s %% given).",
                        rate=rate,
                    )
                )
            if not 0.0 < company.cae_meal_voucher_min_hours <= 24.0:
                raise ValidationError(
                    self.env._(
                        "The minimum hours of a meal voucher day must be between "
                        "0 and 24."
                    )
                )

    def _cae_meal_voucher_journal(self):
        self.ensure_one()
        return self.cae_meal_voucher_journal_id or self.env["account.journal"].search(
            [("company_id", "=", self.id), ("type", "=", "general")], limit=1
        )

    def _cae_meal_voucher_working_days(self, date_from, date_to):
        """Working days of the company from ``date_from`` to ``date_to``
        included: the days its working calendar (``resource``) has work
        time, less the calendar's global leaves (public holidays); without a
        calendar, Monday to Friday. The same reading as cae_training's
        ``_cae_working_days`` (which this addon does not depend on)."""
        self.ensure_one()
        calendar = self.resource_calendar_id
        if not calendar:
            return [
                day
                for day in (
                    date_from + timedelta(days=n)
                    for n in range((date_to - date_from).days + 1)
                )
                if day.weekday() < 5
            ]
        tz = timezone(calendar.tz or "UTC")
        intervals = calendar._work_intervals_batch(
            tz.localize(datetime.combine(date_from, time.min)),
            tz.localize(datetime.combine(date_to, time.max)),
            # the company's public holidays only
            domain=[
                ("time_type", "=", "leave"),
                ("company_id", "in", [False, self.id]),
            ],
            tz=tz,
        )[False]
        return sorted({start.date() for start, _stop, _meta in intervals})

    def _cae_meal_voucher_leave_days(self, resource, date_from, date_to):
        """The days from ``date_from`` to ``date_to`` on which ``resource``
        (an employee's) is on leave (approved time off: core hr_holidays
        writes it as the resource's own calendar leaves): ``(full,
        touched)``, the working days without any work time left for her,
        and every day a leave of hers touches (a half day off included)."""
        self.ensure_one()
        if not resource:
            return set(), set()
        calendar = self.resource_calendar_id
        tz = timezone((calendar and calendar.tz) or resource.tz or "UTC")
        start = tz.localize(datetime.combine(date_from, time.min))
        stop = tz.localize(datetime.combine(date_to, time.max))
        # sudo: an entrepreneur cannot read calendar leaves; only the dates
        # of ``resource``'s own leave are read (the caller passes the
        # resource of a month it could read), not their kind or reason
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", resource.id),
                    ("time_type", "=", "leave"),
                    ("date_from", "<=", stop.astimezone(utc).replace(tzinfo=None)),
                    ("date_to", ">=", start.astimezone(utc).replace(tzinfo=None)),
                ]
            )
        )
        touched = set()
        for leave in leaves:
            first = utc.localize(leave.date_from).astimezone(tz).date()
            last = utc.localize(leave.date_to).astimezone(tz).date()
            touched.update(
                first + timedelta(days=n) for n in range((last - first).days + 1)
            )
        touched = {day for day in touched if date_from <= day <= date_to}
        if not touched or not calendar:
            return touched, touched
        # her work time left: the calendar less the company's holidays and
        # her own leave (core's reading of a resource's work intervals).
        # sudo: core reads those leaves, which an entrepreneur cannot; the
        # resource is the same as above, the result is dates only
        worked = calendar.sudo()._work_intervals_batch(
            start, stop, resources=resource, tz=tz
        )[resource.id]
        left = {begin.date() for begin, _end, _meta in worked}
        working = set(self._cae_meal_voucher_working_days(date_from, date_to))
        full = {day for day in touched if day in working and day not in left}
        return full, touched
