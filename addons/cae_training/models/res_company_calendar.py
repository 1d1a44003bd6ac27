from bisect import bisect_left, bisect_right
from datetime import datetime, time, timedelta

from dateutil.easter import easter
from pytz import timezone, utc

from odoo import api, fields, models


class ResCompany(models.Model):
    """Working days of the company: its working calendar
    (``resource_calendar_id``) less the calendar's public holidays, the global
    leaves of the calendar (``resource.calendar.leaves`` without resource).
    The French public holidays are generated as such leaves, once a year."""

    _inherit = "res.company"

    cae_alsace_moselle = fields.Boolean(
        string="Alsace-Moselle public holidays",
        help="Local law of Alsace-Moselle: Good Friday and 26 December are "
        "public holidays too, added when the public holidays are generated.",
    )

    def _cae_french_public_holidays(self, year):
        """{date: name} of the French public holidays of ``year`` (with Good
        Friday and 26 December in Alsace-Moselle): only the generator of the
        calendar leaves, no deadline reads it."""
        self.ensure_one()
        _ = self.env._
        easter_day = easter(year)
        holidays = {
            fields.Date.to_date(f"{year}-01-01"): _("New Year's Day"),
            easter_day + timedelta(days=1): _("Easter Monday"),
            fields.Date.to_date(f"{year}-05-01"): _("Labour Day"),
            fields.Date.to_date(f"{year}-05-08"): _("Victory in Europe Day"),
            easter_day + timedelta(days=39): _("Ascension Day"),
            easter_day + timedelta(days=50): _("Whit Monday"),
            fields.Date.to_date(f"{year}-07-14"): _("Bastille Day"),
            fields.Date.to_date(f"{year}-08-15"): _("Assumption Day"),
            fields.Date.to_date(f"{year}-11-01"): _("All Saints' Day"),
            fields.Date.to_date(f"{year}-11-11"): _("Armistice Day"),
            fields.Date.to_date(f"{year}-12-25"): _("Christmas Day"),
        }
        if self.cae_alsace_moselle:
            holidays[easter_day - timedelta(days=2)] = _("Good Friday")
            holidays[fields.Date.to_date(f"{year}-12-26")] = _("Saint Stephen's Day")
        return holidays

    def _cae_generate_public_holidays(self, years):
        """Creates the French public holidays of ``years`` missing from the
        working calendar of each company, as global leaves (whole local days)."""
        Leave = self.env["resource.calendar.leaves"]
        companies = self.filtered("resource_calendar_id")
        if not companies or not years:
            return Leave
        # one query: the global leaves already on these calendars these years
        existing = Leave.search_fetch(
            [
                ("calendar_id", "in", companies.resource_calendar_id.ids),
                ("resource_id", "=", False),
                (
                    "date_from",
                    "<",
                    fields.Datetime.to_datetime(f"{max(years) + 1}-01-02"),
                ),
                (
                    "date_to",
                    ">",
                    fields.Datetime.to_datetime(f"{min(years) - 1}-12-31"),
                ),
            ],
            ["calendar_id", "date_from", "date_to"],
        )
        covered = set()
        for leave in existing:
            tz = timezone(leave.calendar_id.tz or "UTC")
            day = utc.localize(leave.date_from).astimezone(tz).date()
            last = utc.localize(leave.date_to).astimezone(tz).date()
            while day <= last:
                covered.add((leave.calendar_id.id, day))
                day += timedelta(days=1)
        vals_list = []
        for company in companies:
            calendar = company.resource_calendar_id
            tz = timezone(calendar.tz or "UTC")
            # the leaves are named in the company's language
            named = company.with_context(lang=company.partner_id.lang or self.env.lang)
            for year in years:
                for day, name in named._cae_french_public_holidays(year).items():
                    if (calendar.id, day) in covered:
                        continue
                    covered.add((calendar.id, day))
                    vals_list.append(
                        {
                            "name": name,
                            "calendar_id": calendar.id,
                            "company_id": company.id,
                            "time_type": "leave",
                            "date_from": tz.localize(datetime.combine(day, time.min))
                            .astimezone(utc)
                            .replace(tzinfo=None),
                            "date_to": tz.localize(
                                datetime.combine(day, time(23, 59, 59))
                            )
                            .astimezone(utc)
                            .replace(tzinfo=None),
                        }
                    )
        return Leave.create(vals_list)

    def action_cae_generate_public_holidays(self):
        """Button: the French public holidays of this year and the next in the
        company's working calendar."""
        year = fields.Date.context_today(self).year
        self._cae_generate_public_holidays([year, year + 1])
        return True

    @api.model
    def _cron_cae_public_holidays(self):
        """Every company's working calendar gets the French public holidays of
        this year and the next (the missing ones only)."""
        year = fields.Date.context_today(self).year
        self.search([])._cae_generate_public_holidays([year, year + 1])

    def _cae_working_days(self, date_from, date_to):
        """Sorted working days of the company from ``date_from`` to ``date_to``
        included: the days its working calendar has work time, less the
        calendar's global leaves (public holidays). Without a calendar, Monday
        to Friday."""
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

    def _cae_add_working_days(self, day, count, working_days=None):
        """The ``count``-th working day after ``day``; ``working_days`` (from
        ``_cae_working_days``) saves the query when it covers the period."""
        self.ensure_one()
        if working_days is not None:
            index = bisect_right(working_days, day) + count - 1
            if index < len(working_days):
                return working_days[index]
            # the given days do not reach far enough: read the period
            return self._cae_add_working_days(day, count)
        working_days = self._cae_working_days(day, day + timedelta(days=31 + 7 * count))
        index = bisect_right(working_days, day) + count - 1
        if index < len(working_days):
            return working_days[index]
        # a calendar without work time: Monday to Friday
        while count > 0:
            day += timedelta(days=1)
            count -= day.weekday() < 5
        return day

    def _cae_working_days_between(self, start, end, working_days=None):
        """Working days after ``start`` up to ``end`` included (0 if end <= start)."""
        self.ensure_one()
        if end <= start:
            return 0
        if working_days is None:
            working_days = self._cae_working_days(start, end)
        return bisect_right(working_days, end) - bisect_left(
            working_days, start + timedelta(days=1)
        )
