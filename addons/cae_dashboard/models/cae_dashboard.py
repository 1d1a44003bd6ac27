from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.misc import format_date

from odoo.addons.cae_member.models.cae_account_statement import prefix_match

SUPPORT = "cae_member.cae_member_group_support"
ADMIN = "cae_member.cae_member_group_admin"
# the support validation states the dashboards count
VALIDATION_STATES = ("to_validate", "refused")


class CaeDashboard(models.AbstractModel):
    """The figures of the dashboards: one call gives every activity's,
    aggregated with a constant number of queries whatever the number of
    activities (``_read_group`` and the batch computations of the état des
    comptes and of the contribution)."""

    _name = "cae.dashboard"
    _description = "CAE dashboards"

    @api.model
    def get_entrepreneur_data(self):
        """The home of an entrepreneur: a card per activity she is a member of.

        Entrepreneurs read every activity (the member directory): the
        dashboard keeps the user's own ones, and every figure is read with
        the user's rights (the record rules of cae_member limit her
        documents and journal items to her own activities)."""
        activities = self.env["cae.activity"].search(
            [("member_ids", "in", self.env.user.partner_id.ids)]
        )
        return self._cae_dashboard_data(activities, charts=True)

    @api.model
    def get_backoffice_data(self):
        """Every activity of the allowed companies, for the support and
        admin teams only."""
        self._cae_check_backoffice()
        activities = self.env["cae.activity"].search([])
        return self._cae_dashboard_data(activities, alerts=True)

    @api.model
    def _cae_check_backoffice(self):
        user = self.env.user
        if not (user.has_group(SUPPORT) or user.has_group(ADMIN)):
            raise AccessError(
                self.env._(
                    "Only the support and admin teams open the dashboard of "
                    "every activity."
                )
            )

    # ------------------------------------------------------------------
    # figures
    # ------------------------------------------------------------------
    @api.model
    def _cae_dashboard_data(self, activities, charts=False, alerts=False):
        today = fields.Date.context_today(self)
        rows = []
        for company in activities.company_id:
            company_activities = activities.filtered(
                lambda a, c=company: a.company_id == c
            )
            rows += self._cae_company_rows(
                company, company_activities, today, charts=charts, alerts=alerts
            )
        order = {activity.id: index for index, activity in enumerate(activities)}
        rows.sort(key=lambda row: order[row["id"]])
        return {
            "today": fields.Date.to_string(today),
            "activities": rows,
        }

    @api.model
    def _cae_company_rows(self, company, activities, today, charts, alerts):
        fiscal_year = company.compute_fiscalyear_dates(today)
        year_start, year_end = fiscal_year["date_from"], fiscal_year["date_to"]
        last_start = year_start - relativedelta(years=1)
        last_today = today - relativedelta(years=1)
        months = [year_start + relativedelta(months=i) for i in range(12)]
        currency = company.currency_id
        # the état des comptes of the fiscal year to date (treasury,
        # customers, what pay may take), two aggregate queries
        statements = self.env["cae.account.statement"]._cae_compute_statements(
            activities, year_start, today
        )
        scales = self.env["cae.contribution.scale"]._cae_scales_for(activities)
        monthly = self._cae_revenue_margin(
            activities, company, scales, last_start, year_end, by_month=True
        )
        # the year to date, and last year up to the same day
        to_day = self._cae_revenue_margin(
            activities, company, scales, year_start, today
        )
        last_to_day = self._cae_revenue_margin(
            activities, company, scales, last_start, last_today
        )
        contributions = self._cae_contributions_levied(activities, year_start, today)
        overdue = self._cae_overdue(activities, today)
        documents = self._cae_documents(activities)
        projections = self._cae_contribution_projections(
            activities, scales, to_day, year_start, year_end, today
        )
        alert_map = self._cae_alerts(activities, today) if alerts else {}
        views = self._cae_list_views()
        rate = company.cae_employer_cost_rate or 0.0
        rows = []
        for activity in activities:
            figures = statements[activity.id]
            by_month = monthly.get(activity.id, {})

            def series(key, start, by_month=by_month):
                return [
                    currency.round(
                        by_month.get(start + relativedelta(months=i), {}).get(key, 0.0)
                    )
                    for i in range(12)
                ]

            revenue = series("revenue", year_start)
            margin = series("margin", year_start)
            revenue_last = series("revenue", last_start)
            margin_last = series("margin", last_start)
            ytd = to_day.get(activity.id, {}).get(None, {})
            last = last_to_day.get(activity.id, {}).get(None, {})
            # the margin left for pay (cae_payroll's salary request:
            # Code du travail L7332-3), within the available treasury
            pay_margin = (
                figures["revenue"]
                - figures["purchases"]
                - figures["other_charges"]
                - figures["contribution"]
                - figures["salaries"]
            )
            payable = min(pay_margin, figures["available_treasury"])
            salary = max(currency.round(payable / rate if rate else payable), 0.0)
            docs = documents.get(activity.id, {})
            projection = projections.get(activity.id, {})
            row = {
                "id": activity.id,
                "code": activity.code,
                "name": activity.name,
                "trade_name": activity.trade_name or activity.name,
                "display_name": activity.display_name,
                "currency_id": currency.id,
                "revenue_ytd": currency.round(figures["revenue"]),
                "margin_ytd": currency.round(ytd.get("margin", 0.0)),
                "revenue_last_ytd": currency.round(last.get("revenue", 0.0)),
                "margin_last_ytd": currency.round(last.get("margin", 0.0)),
                "treasury": currency.round(figures["available_treasury"]),
                "customers": currency.round(figures["customers"]),
                "overdue": currency.round(overdue.get(activity.id, 0.0)),
                "quotes_to_validate": docs.get(("sale.order", "to_validate"), 0),
                "quotes_refused": docs.get(("sale.order", "refused"), 0),
                "invoices_to_validate": docs.get(("account.move", "to_validate"), 0),
                "invoices_refused": docs.get(("account.move", "refused"), 0),
                "contribution_ytd": currency.round(contributions.get(activity.id, 0.0)),
                "projected_base": projection.get("base", 0.0),
                "contribution_projected": projection.get("amount", 0.0),
                "salary_payable": salary,
                "actions": self._cae_figure_actions(
                    activity, year_start, today, projection.get("base", 0.0), views
                ),
            }
            row["documents_to_validate"] = (
                row["quotes_to_validate"] + row["invoices_to_validate"]
            )
            row["documents_refused"] = row["quotes_refused"] + row["invoices_refused"]
            if charts:
                row["chart"] = {
                    "months": [fields.Date.to_string(m) for m in months],
                    "year": year_start.year,
                    "last_year": last_start.year,
                    "revenue": revenue,
                    "revenue_last": revenue_last,
                    "margin": margin,
                    "margin_last": margin_last,
                }
            if alerts:
                row["members"] = ", ".join(activity.member_ids.mapped("name"))
                row["alerts"] = alert_map.get(activity.id, [])
                row["alert_count"] = len(row["alerts"])
            rows.append(row)
        return rows

    @api.model
    def _cae_revenue_margin(
        self, activities, company, scales, date_from, date_to, by_month=False
    ):
        """{activity id: {month: {"revenue", "margin"}}} (month: its first
        day, or None when not ``by_month``) in one aggregate query. Revenue
        is the état des comptes' (the company's revenue prefixes); the gross
        margin is the contribution's (the revenue and the purchase and
        sub-contracting prefixes of the activity's scale, else the company's
        revenue and purchase prefixes)."""
        groupby = ["cae_activity_id", "account_id"] + (
            ["date:month"] if by_month else []
        )
        groups = self.env["account.move.line"]._read_group(
            [
                ("cae_activity_id", "in", activities.ids),
                ("parent_state", "=", "posted"),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
                ("account_id.internal_group", "in", ("income", "expense")),
            ],
            groupby,
            ["balance:sum"],
        )
        revenue_prefixes = company.cae_statement_revenue_prefixes
        codes = {}
        result = {}
        for activity, account, *month, balance in groups:
            if account.id not in codes:
                codes[account.id] = account.with_company(company).code or ""
            code = codes[account.id]
            scale = scales.get(activity)
            margin_prefixes = (
                f"{scale.revenue_prefixes or '70'},{scale.deduction_prefixes or ''}"
                if scale
                else f"{revenue_prefixes},{company.cae_statement_purchase_prefixes}"
            )
            key = fields.Date.to_date(month[0]) if month else None
            figures = result.setdefault(activity.id, {}).setdefault(
                key, {"revenue": 0.0, "margin": 0.0}
            )
            if prefix_match(code, revenue_prefixes):
                figures["revenue"] -= balance
            if prefix_match(code, margin_prefixes):
                figures["margin"] -= balance
        return result

    @api.model
    def _cae_contributions_levied(self, activities, year_start, today):
        """{activity id: contribution levied this fiscal year}."""
        groups = self.env["cae.contribution.line"]._read_group(
            [
                ("activity_id", "in", activities.ids),
                ("date_from", "=", year_start),
                ("date_to", "<=", today),
            ],
            ["activity_id"],
            ["amount:sum"],
        )
        return {activity.id: amount for activity, amount in groups}

    @api.model
    def _cae_overdue(self, activities, today):
        """{activity id: what the customers owe past the due date}."""
        groups = self.env["account.move"]._read_group(
            self._cae_unpaid_invoices_domain(activities.ids)
            + [("invoice_date_due", "<", today)],
            ["cae_activity_id"],
            ["amount_residual_signed:sum"],
        )
        return {activity.id: amount for activity, amount in groups}

    @api.model
    def _cae_unpaid_invoices_domain(self, activity_ids):
        return [
            ("cae_activity_id", "in", activity_ids),
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
        ]

    @api.model
    def _cae_documents(self, activities):
        """{activity id: {(model, validation state): count}} of the quotes
        and invoices awaiting the support validation or refused."""
        result = {}
        for model in ("sale.order", "account.move"):
            for activity, state, count in self.env[model]._read_group(
                [
                    ("cae_activity_id", "in", activities.ids),
                    ("cae_validation_state", "in", VALIDATION_STATES),
                ],
                ["cae_activity_id", "cae_validation_state"],
                ["__count"],
            ):
                result.setdefault(activity.id, {})[model, state] = count
        return result

    @api.model
    def _cae_contribution_projections(
        self, activities, scales, to_day, year_start, year_end, today
    ):
        """{activity id: {"base", "amount"}}: what the contribution simulator
        (cae_contribution) gives for the margin of the year to date carried
        on to the whole fiscal year, by the activity's flat rate or scale."""
        days = (year_end - year_start).days + 1
        elapsed = (today - year_start).days + 1
        result = {}
        for activity in activities:
            currency = activity.currency_id
            margin = to_day.get(activity.id, {}).get(None, {}).get("margin", 0.0)
            base = currency.round(margin * days / elapsed) if elapsed > 0 else 0.0
            scale = scales[activity]
            amount = 0.0
            if activity.contribution_flat_rate:
                amount = activity._cae_flat_rate_due(base)
            elif scale and scale.version_ids.filtered(
                lambda v: v.date_from <= today and (not v.date_to or v.date_to >= today)
            ):
                amount = scale._cae_due(base, today, 12)
            result[activity.id] = {"base": base, "amount": amount}
        return result

    @api.model
    def _cae_alerts(self, activities, today):
        """{activity id: [alert]} of the journey of its members
        (cae_parcours): CAPE ending within 30 days, associate deadline within
        6 months or passed, fewer than two individual interviews this year.
        The same alerts as the journey cron's to-dos, read in three queries."""
        members = activities.member_ids
        capes = self.env["cae.contract"].search(
            [
                ("partner_id", "in", members.ids),
                ("contract_type", "=", "cape"),
                ("state", "=", "running"),
                ("date_end", ">=", today),
                ("date_end", "<=", today + relativedelta(days=30)),
            ]
        )
        cape_end = {c.partner_id.id: c.date_end for c in capes}
        counts = members._cae_interview_counts(members)
        soon = today + relativedelta(months=6)
        alerts_of = {}
        for member in members:
            alerts = []
            if member.id in cape_end:
                alerts.append(
                    self.env._(
                        "%(member)s: CAPE ending on %(date)s",
                        member=member.name,
                        date=format_date(self.env, cape_end[member.id]),
                    )
                )
            deadline = member.cae_associate_deadline
            if (
                deadline
                and deadline <= soon
                and member.cae_status == "cesa"
                and not member.cae_associate_date
            ):
                alerts.append(
                    self.env._(
                        "%(member)s: associate deadline passed (%(date)s)",
                        member=member.name,
                        date=format_date(self.env, deadline),
                    )
                    if deadline < today
                    else self.env._(
                        "%(member)s: associate deadline on %(date)s",
                        member=member.name,
                        date=format_date(self.env, deadline),
                    )
                )
            if (
                member.cae_status in ("cesa", "associate")
                and counts.get(member.id, 0) < 2
            ):
                alerts.append(
                    self.env._(
                        "%(member)s: fewer than 2 individual interviews this year",
                        member=member.name,
                    )
                )
            alerts_of[member.id] = alerts
        return {
            activity.id: [
                alert
                for member in activity.member_ids
                for alert in alerts_of[member.id]
            ]
            for activity in activities
        }

    # ------------------------------------------------------------------
    # drill-down
    # ------------------------------------------------------------------
    @api.model
    def _cae_list_views(self):
        return {
            "invoices": self.env.ref("account.view_out_invoice_tree").id,
            "quotes": self.env.ref("sale.view_quotation_tree").id,
        }

    @api.model
    def _cae_window(self, name, model, domain, list_view=False, context=None):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "views": [[list_view, "list"], [False, "form"]],
            "domain": domain,
            "context": context or {},
        }

    @api.model
    def _cae_figure_actions(self, activity, year_start, today, projected_base, views):
        """The drill-down of each figure of ``activity``: the window action
        of the matching list, with its domain (the web client runs it with
        ``doAction``)."""
        _ = self.env._
        name = activity.display_name
        aid = activity.id
        start = fields.Date.to_string(year_start)
        today = fields.Date.to_string(today)
        invoices = [
            ("cae_activity_id", "=", aid),
            ("move_type", "in", ("out_invoice", "out_refund")),
        ]
        unpaid = self._cae_unpaid_invoices_domain([aid])
        invoice_context = {"default_move_type": "out_invoice"}
        return {
            "activity": {
                "type": "ir.actions.act_window",
                "name": name,
                "res_model": "cae.activity",
                "res_id": aid,
                "views": [[False, "form"]],
                "target": "current",
            },
            "revenue": self._cae_window(
                _("Invoices of %(activity)s this year", activity=name),
                "account.move",
                [
                    *invoices,
                    ("state", "=", "posted"),
                    ("invoice_date", ">=", start),
                    ("invoice_date", "<=", today),
                ],
                views["invoices"],
                invoice_context,
            ),
            "treasury": {
                "type": "ir.actions.act_window",
                "name": _("Account statement of %(activity)s", activity=name),
                "res_model": "cae.account.statement",
                "views": [[False, "form"]],
                "target": "current",
                "context": {"default_activity_id": aid, "default_period": "year"},
            },
            "customers": self._cae_window(
                _("Invoices of %(activity)s to collect", activity=name),
                "account.move",
                unpaid,
                views["invoices"],
                invoice_context,
            ),
            "overdue": self._cae_window(
                _("Overdue invoices of %(activity)s", activity=name),
                "account.move",
                [*unpaid, ("invoice_date_due", "<", today)],
                views["invoices"],
                invoice_context,
            ),
            "quotes_to_validate": self._cae_window(
                _("Quotations of %(activity)s awaiting validation", activity=name),
                "sale.order",
                [
                    ("cae_activity_id", "=", aid),
                    ("cae_validation_state", "=", "to_validate"),
                ],
                views["quotes"],
            ),
            "quotes_refused": self._cae_window(
                _("Refused quotations of %(activity)s", activity=name),
                "sale.order",
                [
                    ("cae_activity_id", "=", aid),
                    ("cae_validation_state", "=", "refused"),
                ],
                views["quotes"],
            ),
            "invoices_to_validate": self._cae_window(
                _("Invoices of %(activity)s awaiting validation", activity=name),
                "account.move",
                [
                    ("cae_activity_id", "=", aid),
                    ("cae_validation_state", "=", "to_validate"),
                ],
                views["invoices"],
            ),
            "invoices_refused": self._cae_window(
                _("Refused invoices of %(activity)s", activity=name),
                "account.move",
                [
                    ("cae_activity_id", "=", aid),
                    ("cae_validation_state", "=", "refused"),
                ],
                views["invoices"],
            ),
            "contribution": self._cae_window(
                _("Contributions levied on %(activity)s this year", activity=name),
                "cae.contribution.line",
                [("activity_id", "=", aid), ("date_from", "=", start)],
            ),
            "contribution_projected": {
                "type": "ir.actions.act_window",
                "name": _("How much will I contribute?"),
                "res_model": "cae.contribution.simulator",
                "views": [[False, "form"]],
                "target": "new",
                "context": {
                    "default_activity_id": aid,
                    "default_projected_base": projected_base,
                },
            },
            "salary": self._cae_window(
                _("Salary requests of %(activity)s", activity=name),
                "cae.salary.request",
                [("activity_id", "=", aid)],
                context={"default_activity_id": aid},
            ),
            "members": self._cae_window(
                _("Entrepreneurs of %(activity)s", activity=name),
                "res.partner",
                [("cae_activity_ids", "in", aid)],
            ),
        }
