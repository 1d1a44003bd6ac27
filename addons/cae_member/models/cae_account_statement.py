from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL, date_utils, escape_psql, format_date

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


# the figures the statement's query sums, in the order of its columns
STATEMENT_COLUMNS = (
    "revenue",
    "other_income",
    "purchases",
    "other_charges",
    "salaries",
    "contribution",
    "cash",
    "customers",
    "taxes_due",
    "suppliers",
    "salaries_to_pay",
    "expenses_to_pay",
    "contribution_total",
)


def _prefix_parts(spec):
    parts = [p.strip() for p in (spec or "").split(",") if p.strip()]
    included = [p for p in parts if not p.startswith("-")]
    excluded = [p[1:] for p in parts if p.startswith("-")]
    return included, excluded


def _prefix_sql(code, spec):
    """``prefix_match`` in SQL: whether the SQL expression ``code`` matches
    ``spec``."""
    included, excluded = _prefix_parts(spec)
    if not included:
        return SQL("FALSE")

    def patterns(prefixes):
        return [escape_psql(prefix) + "%" for prefix in prefixes]

    if not excluded:
        return SQL("(%s LIKE ANY(%s))", code, patterns(included))
    return SQL(
        "(%s LIKE ANY(%s) AND NOT %s LIKE ANY(%s))",
        code,
        patterns(included),
        code,
        patterns(excluded),
    )


def prefix_match(code, spec):
    """``spec`` is "42,-421,-425,43": included prefixes, excluded ones with -."""
    included, excluded = _prefix_parts(spec)
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
        """Figures of several activities in one aggregate query a company,
        whatever the number of activities and journal items.

        Returns {activity id: {figure: amount}}. Revenue and charges cover
        [date_from, date_to]; cash, receivables and debts are balances at
        date_to; the contributions levied since the beginning lower the
        available treasury (they move margin from the activity's analytic
        account to the structure's without a bank movement).
        """
        result = {
            a.id: dict.fromkeys(self._cae_figure_names(), 0.0) for a in activities
        }
        self.env["account.move.line"].flush_model(
            ["account_id", "balance", "cae_activity_id", "date", "parent_state"]
        )
        self.env["account.account"].flush_model(["account_type", "code_store"])
        for company in activities.company_id:
            of_company = activities.filtered(lambda a, c=company: a.company_id == c)
            self.env.cr.execute(
                self._cae_statement_query(company, of_company.ids, date_from, date_to)
            )
            for activity_id, *amounts in self.env.cr.fetchall():
                result[activity_id].update(
                    zip(STATEMENT_COLUMNS, map(float, amounts), strict=True)
                )
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

    @api.model
    def _cae_statement_query(self, company, activity_ids, date_from, date_to):
        """The aggregate of ``_cae_compute_statements``: each account of the
        chart is given its figures (by the company's prefixes, the first
        balance figure that matches); the posted items of the activities are
        summed by activity and account (two sums: the period's, and all up
        to ``date_to``), then those sums by activity, one conditional sum a
        figure (the classification runs once an account and activity, not
        once an item).

        The columns follow ``STATEMENT_COLUMNS``."""
        # the code of an account is the one of the company's root (account.code)
        code = SQL("COALESCE(account.code_store->>%s, '')", str(company.root_id.id))

        def match(figure):
            return _prefix_sql(code, company[FIGURES[figure][0]])

        balance_figures = [name for name, f in FIGURES.items() if f[2] == "bs"]
        balance_key = SQL(
            "CASE WHEN %s = '' OR LEFT(%s, 1) IN ('6', '7') THEN NULL %s END",
            code,
            code,
            SQL(" ").join(
                SQL("WHEN %s THEN %s", match(name), name) for name in balance_figures
            ),
        )
        period_key = SQL(
            # the internal group of the account (account.internal_group)
            """CASE WHEN SPLIT_PART(account.account_type, '_', 1)
                         NOT IN ('income', 'expense') THEN NULL
                    WHEN LEFT(%(code)s, 1) = '7'
                    THEN CASE WHEN %(revenue)s THEN 'revenue' ELSE 'other_income' END
                    %(charges)s
                    ELSE 'other_charges' END""",
            code=code,
            revenue=match("revenue"),
            charges=SQL(" ").join(
                SQL("WHEN %s THEN %s", match(name), name)
                for name in ("purchases", "salaries", "contribution")
            ),
        )
        sums = []
        for column in STATEMENT_COLUMNS:
            amount = SQL("item.total")
            if column == "contribution_total":
                condition = SQL("account.is_contribution")
            elif column in PERIOD_FIGURES:
                condition = SQL("account.period_key = %s", column)
                amount = SQL("item.period")
            else:
                condition = SQL("account.balance_key = %s", column)
            # income is credit - debit, like the debts
            sign = -1 if column == "other_income" else FIGURES.get(column, (0, 1))[1]
            sums.append(
                SQL(
                    "COALESCE(SUM(%s) FILTER (WHERE %s), 0) * %s",
                    amount,
                    condition,
                    sign,
                )
            )
        return SQL(
            """
            WITH account AS (
                SELECT account.id,
                       %(balance_key)s AS balance_key,
                       %(period_key)s AS period_key,
                       %(contribution)s AS is_contribution
                  FROM account_account account
            )
            , item AS (
                SELECT line.cae_activity_id, line.account_id,
                       SUM(line.balance) FILTER (
                           WHERE line.date >= %(date_from)s
                       ) AS period,
                       SUM(line.balance) AS total
                  FROM account_move_line line
                 WHERE line.cae_activity_id = ANY(%(ids)s)
                   AND line.parent_state = 'posted'
                   AND line.date <= %(date_to)s
                 GROUP BY line.cae_activity_id, line.account_id
            )
            SELECT item.cae_activity_id, %(sums)s
              FROM item
              JOIN account ON account.id = item.account_id
             GROUP BY item.cae_activity_id
            """,
            balance_key=balance_key,
            period_key=period_key,
            contribution=match("contribution"),
            sums=SQL(", ").join(sums),
            ids=list(activity_ids),
            date_from=date_from,
            date_to=date_to,
        )

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
