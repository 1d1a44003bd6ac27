"""Durations counted in months and days, as the law counts them.

A period of months runs from a day to the day bearing the same number in the
last month; when that month has no such day (a start on 29-31), it runs to the
end of that month (Code civil 641-642, the rule contracts are counted by):
2024-02-29 to 2025-02-28 is 12 months, 2024-01-31 to 2024-02-29 is one month.

Months are kept as months: 18 months stay 18 months (a ``relativedelta``
would show 1 year and 6 months, and reading only its ``months`` loses a year).
"""

from collections import namedtuple
from datetime import timedelta

from dateutil.relativedelta import relativedelta

Duration = namedtuple("Duration", ["months", "days"])


def anniversary(start, months):
    """The day ``months`` months after ``start``; when that month is too
    short for ``start``'s day, the first day of the month after it."""
    day = start + relativedelta(months=months)
    if day.day != start.day:
        day = day + relativedelta(day=1, months=1)
    return day


def last_day(start, months):
    """The last day of a period of ``months`` months from ``start``."""
    return anniversary(start, months) - timedelta(days=1)


def period(start, end):
    """Duration of the period from ``start`` to ``end``, both included."""
    after = end + timedelta(days=1)
    if after <= start:
        return Duration(0, 0)
    months = (after.year - start.year) * 12 + after.month - start.month
    while months > 0 and anniversary(start, months) > after:
        months -= 1
    return Duration(months, (after - anniversary(start, months)).days)


def total(periods):
    """Sum of the durations of ``(start, end)`` periods."""
    months = days = 0
    for start, end in periods:
        duration = period(start, end)
        months += duration.months
        days += duration.days
    return Duration(months, days)


def delta(duration):
    """The ``relativedelta`` to add to or subtract from a date."""
    return relativedelta(months=duration.months, days=duration.days)


def exceeds(duration, months):
    """True when ``duration`` is longer than ``months`` months."""
    return duration.months > months or (duration.months == months and duration.days > 0)
