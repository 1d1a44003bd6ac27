from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import date_utils, format_date

# figure -> (company field holding its account prefixes, sign, kind)
# kind "pnl": movements of the period; "bs": balance up to the end of the period.
# sign +1: debit - credit; -1: credit - debit.
FIGURES = {
    "revenue": ("cae_statement_revenue_prefixes", -1, "pnl"),
    "purchases": ("cae_statement_purchase_prefixes", 1, "pnl"),
    "salaries": ("cae_statement_salary_prefixes", 1, "pnl"),
    "contribution": ("cae_statement_contribution_prefixes", 1, "pnl"),
    "cash": ("cae_statement_cash_prefixes", 1, "bs"),
    "customers": ("cae_statement_customer_prefixes", 1, "bs"),
    "taxes_due": ("cae_statement_tax_prefixes", -1, "bs"),
    "suppliers": ("cae_statement_supplier_prefixes", -1, "bs"),
    "salaries_to_pay": ("cae_statement_salary_due_prefixes", -1, "bs"),
    "expenses_to_pay": ("cae_statement_expense_due_prefixes", -1, "bs"),
}


# figures of the period (income and charges), the others are balances
PERIOD_FIGURES = (
    "revenue",
    "other_income",
    "purchases",
    "other_charges",
    "salaries",
    "contribution",
)


def prefix_match(code, spec):
    """``spec`` is "42,-421,-425,43": included prefixes, excluded ones with -."""
    parts = [p.strip() for p in (spec or "").split(",") if p.strip()]
    included = [p for p in parts if not p.startswith("-")]
    excluded = [p[1:] for p in parts if p.startswith("-")]
    return any(code.startswith(p) for p in included) and not any(
        code.startswith(p) for p in excluded
    )


class CaeAccountStatement(models.TransientModel):
    """État des comptes (Code du travail L7332-3) of an activity over a period,
    computed live from the posted journal items carrying the activity."""

    _name = "cae.account.statement"
    _description = "Activity account statement (état des comptes)"
    # the figures are computed; an entrepreneur chooses what to look at
    _cae_entrepreneur_fields = frozenset(
        {"activity_id", "date", "period", "requested_salary"}
    )

    activity_id = fields.Many2one(
        "cae.activity",
        required=True,
        default=lambda self: self.env.user._cae_default_activity(),
    )
    company_id = fields.Many2one(related="activity_id.company_id")
    currency_id = fields.Many2one(related="activity_id.company_id.currency_id")
    period = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year to date")],
        required=True,
        default="year",
    )
    date = fields.Date(
        string="Reference date",
        required=True,
        default=fields.Date.context_today,
        help="The statement covers the month, the quarter or the year up to this date.",
    )
    date_from = fields.Date(compute="_compute_dates")
    date_to = fields.Date(compute="_compute_dates")
    revenue = fields.Monetary(compute="_compute_figures")
    other_income = fields.Monetary(compute="_compute_figures")
    purchases = fields.Monetary(compute="_compute_figures")
    other_charges = fields.Monetary(compute="_compute_figures")
    salaries = fields.Monetary(
        string="Salaries and social charges", compute="_compute_figures"
    )
    contribution = fields.Monetary(compute="_compute_figures")
    result = fields.Monetary(compute="_compute_figures")
    cash = fields.Monetary(compute="_compute_figures")
    customers = fields.Monetary(
        string="Customers to collect", compute="_compute_figures"
    )
    taxes_due = fields.Monetary(
        string="Taxes and social contributions due", compute="_compute_figures"
    )
    suppliers = fields.Monetary(string="Suppliers to pay", compute="_compute_figures")
    salaries_to_pay = fields.Monetary(compute="_compute_figures")
    expenses_to_pay = fields.Monetary(
        string="Expense sheets to pay", compute="_compute_figures"
    )
    contribution_total = fields.Monetary(
        string="Contributions levied (to date)", compute="_compute_figures"
    )
    available_treasury = fields.Monetary(compute="_compute_figures")
    requested_salary = fields.Monetary(
        string="Requested gross salary",
        help="Gross monthly salary the entrepreneur would like to be paid.",
    )
    salary_employer_cost = fields.Monetary(
        string="Employer cost", compute="_compute_salary_check"
    )
    salary_exceeds_treasury = fields.Boolean(compute="_compute_salary_check")

    @api.depends("activity_id", "date_from", "date_to")
    def _compute_display_name(self):
        # the breadcrumbs of a drill-down read the activity and the period
        for statement in self:
            if not statement.activity_id:
                statement.display_name = self.env._("Account statement")
                continue
            statement.display_name = self.env._(
                "Account statement %(activity)s, %(start)s – %(end)s",
                activity=statement.activity_id.code or statement.activity_id.name,
                start=format_date(self.env, statement.date_from),
                end=format_date(self.env, statement.date_to),
            )

    @api.model
    def action_open_statement(self):
        """The menu's entry: the statement of the user's activity (the first
        of hers when she has several; she switches in the form), not an empty
        "New" record; the admin team chooses the activity."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cae_member.cae_account_statement_action"
        )
        activities = self.env.user._cae_activities().filtered("active")
        if activities and self.env.user._cae_is_entrepreneur_only():
            action["res_id"] = self.create({"activity_id": activities[:1].id}).id
        return action

    @api.depends("period", "date")
    def _compute_dates(self):
        for statement in self:
            date = statement.date or fields.Date.context_today(statement)
            if statement.period == "month":
                start = date_utils.start_of(date, "month")
                end = date_utils.end_of(date, "month")
            elif statement.period == "quarter":
                start = date_utils.start_of(date, "quarter")
                end = date_utils.end_of(date, "quarter")
            else:
                company = statement.activity_id.company_id or self.env.company
                start = company.compute_fiscalyear_dates(date)["date_from"]
                end = date
            statement.date_from, statement.date_to = start, end

    @api.depends("activity_id", "date_from", "date_to")
    def _compute_figures(self):
        for statement in self:
            figures = {}
            if statement.activity_id:
                statement._check_activity_access()
                figures = self._cae_compute_statements(
                    statement.activity_id, statement.date_from, statement.date_to
                )[statement.activity_id.id]
            for name in self._cae_figure_names():
                statement[name] = figures.get(name, 0.0)

    @api.depends("requested_salary", "available_treasury")
    def _compute_salary_check(self):
        for statement in self:
            rate = statement.company_id.cae_employer_cost_rate or 0.0
            cost = statement.requested_salary * rate
            statement.salary_employer_cost = cost
            statement.salary_exceeds_treasury = bool(
                statement.requested_salary
                and statement.currency_id.compare_amounts(
                    cost, statement.available_treasury
                )
                > 0
            )

    @api.model
    def _cae_figure_names(self):
        return [
            "revenue",
            "other_income",
            "purchases",
            "other_charges",
            "salaries",
            "contribution",
            "result",
            "cash",
            "customers",
            "taxes_due",
            "suppliers",
            "salaries_to_pay",
            "expenses_to_pay",
            "contribution_total",
            "available_treasury",
        ]

    def _check_activity_access(self):
        user = self.env.user
        for statement in self:
            if user._cae_is_entrepreneur_only() and not user._cae_is_own_activity(
                statement.activity_id
            ):
                raise AccessError(
                    self.env._(
                        "You can only open the account statement of your own "
                        "activities."
                    )
                )

    # override: an entrepreneur opens the statement of her own activities only
    @api.model_create_multi
    def create(self, vals_list):
        statements = super().create(vals_list)
        statements._check_activity_access()
        return statements

    @api.model
    def _cae_compute_statements(self, activities, date_from, date_to):
        """Figures of several activities in two aggregate queries, whatever
        the number of journal items.

        Returns {activity id: {figure: amount}}. Revenue and charges cover
        [date_from, date_to]; cash, receivables and debts are balances at
        date_to; the contributions levied since the beginning lower the
        available treasury (they move margin from the activity's analytic
        account to the structure's without a bank movement).
        """
        Line = self.env["account.move.line"].sudo()
        base = [
            ("cae_activity_id", "in", activities.ids),
            ("parent_state", "=", "posted"),
            ("date", "<=", date_to),
        ]
        to_date = Line._read_group(
            base, ["cae_activity_id", "account_id"], ["balance:sum"]
        )
        period = Line._read_group(
            [
                *base,
                ("date", ">=", date_from),
                ("account_id.internal_group", "in", ("income", "expense")),
            ],
            ["cae_activity_id", "account_id"],
            ["balance:sum"],
        )
        accounts = (
            self.env["account.account"]
            .sudo()
            .browse({account.id for _a, account, _b in to_date})
        )
        codes = {}
        for company in activities.company_id:
            for account in accounts.with_company(company):
                codes[company.id, account.id] = account.code or ""
        result = {
            a.id: dict.fromkeys(self._cae_figure_names(), 0.0) for a in activities
        }
        for activity, account, balance in to_date:
            company = activity.company_id
            code = codes[company.id, account.id]
            figures = result[activity.id]
            if prefix_match(code, company.cae_statement_contribution_prefixes):
                figures["contribution_total"] += balance
            if code[:1] in "67":
                continue
            for name, (field, sign, kind) in FIGURES.items():
                if kind == "bs" and prefix_match(code, company[field]):
                    figures[name] += sign * balance
                    break
        for activity, account, balance in period:
            company = activity.company_id
            code = (
                codes.get((company.id, account.id))
                or account.with_company(company).code
            )
            figures = result[activity.id]
            if code.startswith("7"):
                key = (
                    "revenue"
                    if prefix_match(code, company.cae_statement_revenue_prefixes)
                    else "other_income"
                )
                figures[key] -= balance
                continue
            key = "other_charges"
            for name in ("purchases", "salaries", "contribution"):
                if prefix_match(code, company[FIGURES[name][0]]):
                    key = name
                    break
            figures[key] += balance
        for figures in result.values():
            income = figures["revenue"] + figures["other_income"]
            charges = (
                figures["purchases"]
                + figures["other_charges"]
                + figures["salaries"]
                + figures["contribution"]
            )
            figures["result"] = income - charges
            figures["available_treasury"] = (
                figures["cash"]
                - figures["taxes_due"]
                - figures["suppliers"]
                - figures["salaries_to_pay"]
                - figures["expenses_to_pay"]
                - figures["contribution_total"]
            )
        return result

    def _cae_accounts_of(self, figure):
        """Accounts of the company whose code belongs to ``figure``."""
        self.ensure_one()
        company = self.company_id
        accounts = (
            self.env["account.account"]
            .with_company(company)
            .search([("company_ids", "in", company.ids)])
        )
        if figure in ("other_charges", "other_income"):
            first = "6" if figure == "other_charges" else "7"
            named = (
                ("purchases", "salaries", "contribution")
                if first == "6"
                else ("revenue",)
            )
            return accounts.filtered(
                lambda a: (
                    a.code.startswith(first)
                    and not any(
                        prefix_match(a.code, company[FIGURES[n][0]]) for n in named
                    )
                )
            )
        if figure == "contribution_total":
            figure = "contribution"
        return accounts.filtered(
            lambda a: prefix_match(a.code, company[FIGURES[figure][0]])
        )

    def action_open_lines(self):
        """Drill down from a figure (context key ``cae_figure``) to its items."""
        self.ensure_one()
        self._check_activity_access()
        figure = self.env.context.get("cae_figure")
        domain = [
            ("cae_activity_id", "=", self.activity_id.id),
            ("parent_state", "=", "posted"),
            ("date", "<=", self.date_to),
        ]
        if figure:
            domain.append(("account_id", "in", self._cae_accounts_of(figure).ids))
            if figure in PERIOD_FIGURES:
                domain.append(("date", ">=", self.date_from))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Journal items of %(activity)s", activity=self.activity_id.display_name
            ),
            "res_model": "account.move.line",
            "view_mode": "list",
            "views": [(self.env.ref("account.view_move_line_tree").id, "list")],
            "domain": domain,
            "context": {"search_default_group_by_account": 1},
        }

    def action_print(self):
        self.ensure_one()
        return self.env.ref("cae_member.cae_account_statement_report").report_action(
            self
        )
