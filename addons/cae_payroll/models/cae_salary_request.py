from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import date_utils, format_date


class CaeSalaryRequest(models.Model):
    """What an entrepreneur asks to be paid for a month, on one activity."""

    _name = "cae.salary.request"
    _description = "Monthly salary request"
    _inherit = ["mail.thread"]
    _order = "month desc, partner_id"
    _check_company_auto = True
    # what the entrepreneur asks for; the person and the activity must be hers
    _cae_entrepreneur_fields = frozenset(
        {
            "partner_id",
            "activity_id",
            "month",
            "requested_variable",
            "hours",
            "leave_days",
            "note",
            "company_id",
        }
    )

    partner_id = fields.Many2one(
        "res.partner",
        string="Entrepreneur",
        required=True,
        index=True,
        default=lambda self: self.env.user.partner_id,
        domain=[("is_cae_member", "=", True)],
    )
    activity_id = fields.Many2one(
        "cae.activity",
        required=True,
        index=True,
        check_company=True,
        default=lambda self: self.env.user._cae_default_activity(),
    )
    month = fields.Date(
        required=True,
        default=lambda self: date_utils.start_of(
            fields.Date.context_today(self), "month"
        ),
        help="Any day of the month; stored as its first day.",
    )
    requested_variable = fields.Monetary(
        string="Requested variable part", currency_field="currency_id", tracking=True
    )
    fixed_part = fields.Monetary(
        compute="_compute_fixed_part", currency_field="currency_id"
    )
    hours = fields.Float(digits=(16, 2))
    leave_days = fields.Float(string="Leave taken (days)", digits=(16, 1))
    note = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    exported = fields.Boolean(
        string="Sent to payroll",
        readonly=True,
        copy=False,
        help="The request went into a payroll export: it is kept as sent.",
    )
    state = fields.Selection(
        [("requested", "Requested"), ("sent", "Sent to payroll")],
        compute="_compute_state",
        store=True,
        help="Requested: the admin team sends it with the month's pay variables; "
        "sent: it went into a payroll export and is kept as sent.",
    )
    month_label = fields.Char(string="Month of pay", compute="_compute_month_label")
    payroll_export_line_id = fields.Many2one(
        "cae.payroll.export.line",
        string="Payroll export line",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="cae_member.cae_member_group_admin",
    )
    employer_cost = fields.Monetary(compute="_compute_salary_check")
    activity_employer_cost = fields.Monetary(
        string="Employer cost of the month on the activity",
        compute="_compute_salary_check",
        help="Employer cost of every member's salary request of the month on "
        "this activity: a shared activity has one treasury.",
    )
    available_treasury = fields.Monetary(compute="_compute_salary_check")
    exceeds_treasury = fields.Boolean(
        compute="_compute_salary_check",
        help="The employer cost of the month's salary requests on the activity "
        "exceeds its available treasury.",
    )
    payable_margin = fields.Monetary(
        string="Margin left for pay",
        compute="_compute_salary_check",
        help="Revenue of the fiscal year up to the end of the month, less the "
        "charges of the activity, its contribution and the salaries already "
        "booked (Code du travail L7332-3).",
    )
    payable_variable = fields.Monetary(
        string="Variable part the activity can pay",
        compute="_compute_salary_check",
        help="Gross variable part whose employer cost, with the fixed part, "
        "the margin left for pay covers.",
    )

    _sql_constraints = [
        (
            "partner_activity_month_uniq",
            "unique(partner_id, activity_id, month)",
            "There is already a salary request for this person, activity and month.",
        ),
    ]

    @api.depends("exported")
    def _compute_state(self):
        for request in self:
            request.state = "sent" if request.exported else "requested"

    @api.depends("month")
    @api.depends_context("lang")
    def _compute_month_label(self):
        for request in self:
            request.month_label = (
                format_date(self.env, request.month, date_format="MMMM y").capitalize()
                if request.month
                else False
            )

    @api.depends("month", "partner_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # the breadcrumb reads the month and the person, not "2026-12-01"
        for request in self:
            request.display_name = self.env._(
                "Salary of %(month)s, %(person)s",
                month=format_date(self.env, request.month, date_format="MMMM y")
                if request.month
                else "",
                person=request.partner_id.name or "",
            )

    # override: the month is its first day; an entrepreneur asks for herself on her own
    # activities
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("month"):
                vals["month"] = date_utils.start_of(
                    fields.Date.to_date(vals["month"]), "month"
                )
        for vals in vals_list:
            self._cae_check_entrepreneur_request(vals)
        return super().create(vals_list)

    # override: the month is its first day; a request sent to payroll is frozen for an
    # entrepreneur
    def write(self, vals):
        if vals.get("month"):
            vals = dict(
                vals,
                month=date_utils.start_of(fields.Date.to_date(vals["month"]), "month"),
            )
        self._cae_check_entrepreneur_request(vals)
        if self._cae_guard_applies():
            sent = self.filtered("exported")
            if sent:
                raise AccessError(
                    self.env._(
                        "The salary request of %(month)s was sent to payroll: "
                        "ask the admin team to change it.",
                        month=sent[0].month.strftime("%m/%Y"),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_exported(self):
        if self.filtered("exported"):
            raise UserError(
                self.env._(
                    "A salary request sent to payroll is kept as evidence: it "
                    "cannot be deleted."
                )
            )

    @api.model
    def _cae_check_entrepreneur_request(self, vals):
        """An entrepreneur asks for her own pay, on her own activities
        (checked on the values, before the record rules answer in general
        terms)."""
        if not self._cae_guard_applies():
            return
        user = self.env.user
        if "partner_id" in vals and vals["partner_id"] != user.partner_id.id:
            raise AccessError(self.env._("You can only request your own salary."))
        if "activity_id" in vals:
            activity = self.env["cae.activity"].browse(vals["activity_id"] or [])
            if not user._cae_is_own_activity(activity):
                raise AccessError(
                    self.env._(
                        "You can only request a salary on one of your activities: "
                        "%(activity)s is not yours.",
                        activity=activity.sudo().display_name or "-",
                    )
                )

    def _cae_figures_allowed(self):
        """False when the current user may not see this request's figures:
        an entrepreneur sees those of her own requests on her own activities
        only (an onchange runs on values she chose)."""
        self.ensure_one()
        user = self.env.user
        if self.env.su or not user._cae_is_entrepreneur_only():
            return True
        return self.partner_id == user.partner_id and user._cae_is_own_activity(
            self.activity_id
        )

    @api.depends("partner_id", "activity_id", "month")
    @api.depends_context("uid")
    def _compute_fixed_part(self):
        for request in self:
            contract = (
                request._cae_cesa()
                if request._cae_figures_allowed()
                else self.env["cae.contract"]
            )
            request.fixed_part = (
                contract.fixed_monthly_amount
                if contract and contract.activity_id in (request.activity_id, False)
                else 0.0
            )

    def _cae_cesa(self):
        self.ensure_one()
        if not self.month or not self.partner_id:
            return self.env["cae.contract"]
        end = date_utils.end_of(self.month, "month")
        # sudo: the entrepreneur does not read contracts; the caller checked
        # that the request is hers (_cae_figures_allowed)
        return (
            self.env["cae.contract"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.partner_id.id),
                    ("contract_type", "=", "cesa"),
                    ("state", "in", ("running", "ended")),
                    ("date_start", "<=", end),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", self.month),
                ],
                limit=1,
            )
        )

    def _cae_pay_period(self):
        """(first day of the fiscal year, last day of the month)."""
        self.ensure_one()
        company = self.company_id or self.env.company
        return (
            company.compute_fiscalyear_dates(self.month)["date_from"],
            date_utils.end_of(self.month, "month"),
        )

    def _cae_month_cost_of_others(self):
        """Employer cost of the other requests of the same month on the same
        activity ({request: cost}), whoever made them."""
        months = {r.month for r in self if r.month and r.activity_id}
        if not months:
            return {}
        # sudo: a shared activity has one treasury, so its members' requests
        # of the month are added up; only their total is shown
        others = (
            self.env["cae.salary.request"]
            .sudo()
            .search(
                [
                    ("activity_id", "in", self.activity_id.ids),
                    ("month", "in", list(months)),
                ]
            )
        )
        result = {}
        for request in self:
            same = others.filtered(
                lambda o, r=request: (
                    o.activity_id == r.activity_id
                    and o.month == r.month
                    and o.id != r._origin.id
                )
            )
            result[request] = sum(
                (o.fixed_part + o.requested_variable)
                * (o.company_id.cae_employer_cost_rate or 0.0)
                for o in same
            )
        return result

    @api.depends("requested_variable", "fixed_part", "activity_id", "month")
    @api.depends_context("uid")
    def _compute_salary_check(self):
        Statement = self.env["cae.account.statement"]
        allowed = self.filtered(lambda r: r.activity_id and r._cae_figures_allowed())
        today = fields.Date.context_today(self)
        treasuries = (
            Statement._cae_compute_statements(allowed.activity_id, today, today)
            if allowed
            else {}
        )
        # the pay the law describes (L7332-3): état des comptes figures over
        # the fiscal year up to the end of the request's month
        by_period = {}
        for request in allowed.filtered("month"):
            by_period.setdefault(request._cae_pay_period(), []).append(request)
        margins = {
            period: Statement._cae_compute_statements(
                self.env["cae.activity"].union(*(r.activity_id for r in requests)),
                *period,
            )
            for period, requests in by_period.items()
        }
        others = allowed._cae_month_cost_of_others()
        for request in self:
            company = request.company_id or self.env.company
            currency = company.currency_id
            rate = company.cae_employer_cost_rate or 0.0
            cost = (request.fixed_part + request.requested_variable) * rate
            request.employer_cost = cost
            if request not in allowed:
                request.activity_employer_cost = cost
                request.available_treasury = 0.0
                request.exceeds_treasury = False
                request.payable_margin = 0.0
                request.payable_variable = 0.0
                continue
            total = cost + others.get(request, 0.0)
            treasury = treasuries.get(request.activity_id.id, {}).get(
                "available_treasury", 0.0
            )
            request.activity_employer_cost = total
            request.available_treasury = treasury
            request.exceeds_treasury = (
                currency.compare_amounts(total, treasury) > 0 if total else False
            )
            figures = (
                margins[request._cae_pay_period()].get(request.activity_id.id, {})
                if request.month
                else {}
            )
            margin = (
                figures.get("revenue", 0.0)
                - figures.get("purchases", 0.0)
                - figures.get("other_charges", 0.0)
                - figures.get("contribution", 0.0)
                - figures.get("salaries", 0.0)
            )
            request.payable_margin = margin
            gross = margin / rate if rate else margin
            request.payable_variable = max(
                currency.round(gross - request.fixed_part), 0.0
            )
