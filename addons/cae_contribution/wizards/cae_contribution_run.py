from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
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


# advisory lock namespace of the contribution run (with the company id)
LOCK_KEY = 72_617_001


class CaeContributionRun(models.TransientModel):
    """Monthly levy: for each active activity, the amount due year to date by
    its scale minus what was already levied; one line and one posted entry
    per activity whose amount is not zero (negative: a regularisation)."""

    _name = "cae.contribution.run"
    _description = "Run the monthly contribution"

    date_to = fields.Date(
        string="Up to",
        required=True,
        default=lambda self: date_utils.end_of(
            fields.Date.context_today(self) - relativedelta(months=1), "month"
        ),
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    line_ids = fields.Many2many("cae.contribution.line", readonly=True)

    def action_run(self):
        self.ensure_one()
        lines = self._cae_run(self.company_id, self.date_to)
        self.line_ids = lines
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Contributions levied"),
            "res_model": "cae.contribution.line",
            "view_mode": "list,form",
            "domain": [("id", "in", lines.ids)],
        }

    @api.model
    def _cron_monthly_run(self):
        date_to = date_utils.end_of(
            fields.Date.context_today(self) - relativedelta(months=1), "month"
        )
        for company in self.env["cae.activity"].search([]).company_id:
            self.with_company(company)._cae_run(company, date_to)

    @api.model
    def _cae_demo_history_runs(self, months=12):
        """Demo data: the monthly runs of the past year, oldest first, up to
        the month before last (the monthly cron does last month)."""
        today = fields.Date.context_today(self)
        for company in self.env["cae.activity"].search([]).company_id:
            for n in range(months, 1, -1):
                date_to = date_utils.end_of(today - relativedelta(months=n), "month")
                self.with_company(company)._cae_run(company, date_to)

    @api.model
    def _cae_lock(self, company):
        self.env.cr.execute(
            "SELECT pg_try_advisory_xact_lock(%s, %s)", (LOCK_KEY, company.id)
        )
        if not self.env.cr.fetchone()[0]:
            raise UserError(
                self.env._(
                    "A contribution run of %(company)s is already in progress: wait "
                    "for it to end, then run again.",
                    company=company.name,
                )
            )

    @api.model
    def _cae_run(self, company, date_to):
        self._cae_lock(company)
        company._cae_contribution_setup()
        journal = company.cae_contribution_journal_id
        lock_date = company._get_user_fiscal_lock_date(journal)
        if lock_date and date_to <= lock_date:
            raise UserError(
                self.env._(
                    "The period up to %(date)s is locked (lock date %(lock)s): "
                    "nothing was levied.",
                    date=date_to,
                    lock=lock_date,
                )
            )
        date_from = company.compute_fiscalyear_dates(date_to)["date_from"]
        activities = self.env["cae.activity"].search([("company_id", "=", company.id)])
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
        scales = self.env["cae.contribution.scale"].search(
            [("company_id", "=", company.id)]
        )
        default_scale = {
            activity_type: scales.filtered(field)[:1]
            for activity_type, field in (
                ("standard", "for_standard"),
                ("training", "for_training"),
                ("skills_assessment", "for_skills_assessment"),
            )
        }
        scale_of = {
            activity: activity.contribution_scale_id
            or default_scale[activity.activity_type]
            for activity in activities
        }
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
            day: self._cae_bases(activities, date_from, day, journal)
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
        to_post = [vals for vals in line_vals if not currency.is_zero(vals["amount"])]
        moves = self._cae_post_entries(company, to_post)
        for vals, move in zip(to_post, moves, strict=True):
            vals["move_id"] = move.id
        return Line.create(line_vals)

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
    def _cae_bases(self, activities, date_from, date_to, journal):
        """{activity id: base year to date}, in two aggregate queries: the
        journal items of the year, minus those of the exemption periods."""
        if not activities:
            return {}
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
        scales = self.env["cae.contribution.scale"].search(
            [("company_id", "=", company.id)]
        )
        bases = {}
        for activity, account, balance in groups:
            scale = (
                activity.contribution_scale_id
                or scales.filtered(
                    {
                        "standard": "for_standard",
                        "training": "for_training",
                        "skills_assessment": "for_skills_assessment",
                    }[activity.activity_type]
                )[:1]
            )
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

    @api.model
    def _cae_post_entries(self, company, line_vals):
        """One posted entry per levy: the activity pays, the structure receives."""
        if not line_vals:
            return self.env["account.move"]
        structure = company._cae_structure_account()
        expense = company.cae_contribution_expense_account_id
        income = company.cae_contribution_income_account_id
        activities = self.env["cae.activity"].browse(
            [v["activity_id"] for v in line_vals]
        )
        code_of = {activity.id: activity.code for activity in activities}
        label = self.env._("Cooperative contribution")
        moves = self.env["account.move"].create(
            [
                {
                    "move_type": "entry",
                    "journal_id": company.cae_contribution_journal_id.id,
                    "date": vals["date_to"],
                    "ref": self.env._(
                        "Contribution %(activity)s up to %(date)s",
                        activity=code_of[vals["activity_id"]],
                        date=vals["date_to"],
                    ),
                    "company_id": company.id,
                    "line_ids": [
                        Command.create(
                            {
                                "name": label,
                                "account_id": expense.id,
                                "cae_activity_id": vals["activity_id"],
                                "debit": max(vals["amount"], 0.0),
                                "credit": max(-vals["amount"], 0.0),
                            }
                        ),
                        Command.create(
                            {
                                "name": self.env._(
                                    "Contribution of %(activity)s",
                                    activity=code_of[vals["activity_id"]],
                                ),
                                "account_id": income.id,
                                "analytic_distribution": {str(structure.id): 100},
                                "debit": max(-vals["amount"], 0.0),
                                "credit": max(vals["amount"], 0.0),
                            }
                        ),
                    ],
                }
                for vals in line_vals
            ]
        )
        moves._post(soft=False)
        return moves
