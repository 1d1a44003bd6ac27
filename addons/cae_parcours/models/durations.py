"""Durations counted in months and days, as the law counts them:
relativedelta(end + 1 day, start), summed over the periods."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta


def period(start, end):
    return relativedelta(end + timedelta(days=1), start)


def total(periods):
    result = relativedelta()
    for start, end in periods:
        result += period(start, end)
    return relativedelta(months=result.years * 12 + result.months, days=result.days)


def exceeds(delta, months):
    """True when ``delta`` is longer than ``months`` months."""
    full = delta.years * 12 + delta.months
    return full > months or (full == months and delta.days > 0)
