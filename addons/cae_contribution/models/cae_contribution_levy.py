from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import date_utils

from odoo.addons.cae_member.models.cae_account_statement import prefix_match


def _has_free_day(first, last, intervals):
    """True when a day of ``first`` to ``last`` is outside every interval of
    ``intervals`` (``(date_from, date_to)`` pairs sorted by start)."""
    day = first
    for low, high in intervals:
        if day > last:
            return False
        if high < day:
            continue
        if low > day:
            return True
        day = high + timedelta(days=1)
    return day <= last


class CaeContributionLevy(models.AbstractModel):
    """The arithmetic of the monthly levy, without side effects: for each
    active activity of a company, the amount due year to date by its scale
    minus what was already levied. ``cae.contribution.run`` posts the
    entries and records the lines."""

    _name = "cae.contribution.levy"
    _description = "Contribution levy computation"

    @api.model
    def _cae_levy_vals(self, company, date_to, activities=None):
        """The values of the contribution lines of ``company`` up to
        ``date_to`` (without entry nor run): one per activity whose amount is
        not zero, or whose month has no line yet. ``activities``: only those
        (a chunk of a background run), else every active one."""
        journal = company.cae_contribution_journal_id
        date_from = company.compute_fiscalyear_dates(date_to)["date_from"]
        if activities is None:
            activities = self.env["cae.activity"].search(
                [("company_id", "=", company.id)]
            )
        else:
            activities = activities.filtered(
                lambda a: a.active and a.company_id == company
            )
        Line = self.env["cae.contribution.line"]
        levied = dict(
            Line._read_group(
                [
                    ("activity_id", "in", activities.ids),
                    ("date_from", "=", date_from),
                    ("date_to", "<=", date_to),
                ],
                ["activity_id"],
                ["amount:sum"],
            )
        )
        # activities that already have a line for this month: a re-run adds
        # a line only where it levies something
        done_this_month = {
            activity
            for [activity] in Line._read_group(
                [
                    ("activity_id", "in", activities.ids),
                    ("date_from", "=", date_from),
                    ("date_to", ">=", date_utils.start_of(date_to, "month")),
                    ("date_to", "<=", date_utils.end_of(date_to, "month")),
                ],
                ["activity_id"],
            )
        }
        scale_of = self.env["cae.contribution.scale"]._cae_scales_for(activities)
        on_scale = activities.filtered(
            lambda a: not a.contribution_flat_rate and scale_of[a]
        )
        periods = {
            scale: scale._cae_version_periods(date_from, date_to)
            for scale in {scale_of[a] for a in on_scale}
        }
        # the base year to date at the end of each version period: one pair
        # of aggregate queries per period, whatever the number of activities
        ends = {end for spans in periods.values() for _v, _s, end in spans}
        bases_at = {
            day: self._cae_bases(activities, date_from, day, journal, scale_of)
            for day in ends | {date_to}
        }
        bases = bases_at[date_to]
        months = self._cae_levied_months(
            on_scale.filtered(lambda a: scale_of[a].fixed_monthly_amount),
            date_from,
            date_to,
        )
        currency = company.currency_id
        line_vals = []
        for activity in activities:
            base = bases.get(activity.id, 0.0)
            scale = scale_of[activity]
            if activity.contribution_flat_rate:
                due = activity._cae_flat_rate_due(base)
            elif scale:
                due = scale._cae_due_ytd(
                    lambda day, a=activity: bases_at[day].get(a.id, 0.0),
                    date_from,
                    date_to,
                    months.get(activity.id, 0),
                    periods=periods[scale],
                )
            else:
                raise UserError(
                    self.env._(
                        "No contribution scale applies to %(activity)s.",
                        activity=activity.display_name,
                    )
                )
            before = levied.get(activity, 0.0)
            amount = currency.round(due - before)
            if currency.is_zero(amount) and activity in done_this_month:
                continue
            line_vals.append(
                {
                    "activity_id": activity.id,
                    "date_from": date_from,
                    "date_to": date_to,
                    "scale_id": scale.id,
                    "base_ytd": base,
                    "due_ytd": due,
                    "levied_before": before,
                    "amount": amount,
                    "company_id": company.id,
                }
            )
        return line_vals

    @api.model
    def _cae_levied_months(self, activities, date_from, date_to):
        """{activity id: months of the fixed part}: the months of
        ``date_from`` to ``date_to`` the activity was in the cooperative, from
        its start (the earlier of its own start and its first contract's) to
        its exit (the last exit of its members, when all have left and none
        came back under a later contract), minus the months wholly exempted.
        A month counts when one of its days is in and not exempted."""
        if not activities:
            return {}
        contracts = (
            self.env["cae.contract"]
            .with_context(active_test=False)
            .search(
                [
                    ("activity_id", "in", activities.ids),
                    ("state", "in", ("running", "ended")),
                ]
            )
        )
        first_contract = {}
        for contract in contracts:
            known = first_contract.get(contract.activity_id.id)
            if not known or contract.date_start < known:
                first_contract[contract.activity_id.id] = contract.date_start
        exemptions = {}
        for exemption in self.env["cae.contribution.exemption"].search(
            [
                ("activity_id", "in", activities.ids),
                ("date_from", "<=", date_to),
                ("date_to", ">=", date_from),
            ],
            order="date_from",
        ):
            exemptions.setdefault(exemption.activity_id.id, []).append(
                (exemption.date_from, exemption.date_to)
            )
        months = {}
        for activity in activities:
            starts = [
                d for d in (activity.date_start, first_contract.get(activity.id)) if d
            ]
            start = max(date_from, min(starts)) if starts else date_from
            end = min(date_to, activity._cae_exit_date() or date_to)
            count = 0
            month = date_utils.start_of(start, "month")
            while month <= end:
                first = max(start, month)
                last = min(end, date_utils.end_of(month, "month"))
                if _has_free_day(first, last, exemptions.get(activity.id, [])):
                    count += 1
                month += relativedelta(months=1)
            months[activity.id] = count
        return months

    @api.model
    def _cae_bases(self, activities, date_from, date_to, journal, scale_of=None):
        """{activity id: base year to date}, in two aggregate queries: the
        journal items of the year, minus those of the exemption periods.
        ``scale_of``: ``cae.contribution.scale._cae_scales_for(activities)``
        when the caller has it."""
        if not activities:
            return {}
        # sudo: the base sums every journal item of the company's activities,
        # whatever journal or activity the caller may read; only the sums per
        # activity leave this method, for the run (admin team, cron)
        Line = self.env["account.move.line"].sudo()
        domain = [
            ("cae_activity_id", "in", activities.ids),
            ("parent_state", "=", "posted"),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
            ("journal_id", "!=", journal.id),
            ("account_id.internal_group", "in", ("income", "expense")),
        ]
        groups = Line._read_group(
            domain, ["cae_activity_id", "account_id"], ["balance:sum"]
        )
        exemptions = self.env["cae.contribution.exemption"].search(
            [
                ("activity_id", "in", activities.ids),
                ("date_from", "<=", date_to),
                ("date_to", ">=", date_from),
            ]
        )
        if exemptions:
            exempt_domain = ["|"] * (len(exemptions) - 1)
            for exemption in exemptions:
                exempt_domain += [
                    "&",
                    "&",
                    ("cae_activity_id", "=", exemption.activity_id.id),
                    ("date", ">=", exemption.date_from),
                    ("date", "<=", exemption.date_to),
                ]
            groups += [
                (activity, account, -balance)
                for activity, account, balance in Line._read_group(
                    domain + exempt_domain,
                    ["cae_activity_id", "account_id"],
                    ["balance:sum"],
                )
            ]
        company = activities.company_id[:1]
        codes = {
            account.id: account.code
            for account in self.env["account.account"]
            .sudo()
            .with_company(company)
            .browse({account.id for _a, account, _b in groups})
        }
        if scale_of is None:
            scale_of = self.env["cae.contribution.scale"]._cae_scales_for(activities)
        bases = {}
        for activity, account, balance in groups:
            scale = scale_of[activity]
            code = codes[account.id] or ""
            revenue_prefixes = scale.revenue_prefixes or "70"
            deductions = (
                scale.deduction_prefixes if scale.base == "gross_margin" else ""
            )
            if prefix_match(code, revenue_prefixes) or (
                deductions and prefix_match(code, deductions)
            ):
                bases[activity.id] = bases.get(activity.id, 0.0) - balance
        return bases
