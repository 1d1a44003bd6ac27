from odoo import api, fields, models
from odoo.tools import date_utils


class CaeSalaryRequest(models.Model):
    """What an entrepreneur asks to be paid for a month, on one activity."""

    _name = "cae.salary.request"
    _description = "Monthly salary request"
    _inherit = ["mail.thread"]
    _order = "month desc, partner_id"
    _check_company_auto = True

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
    employer_cost = fields.Monetary(compute="_compute_salary_check")
    available_treasury = fields.Monetary(compute="_compute_salary_check")
    exceeds_treasury = fields.Boolean(
        compute="_compute_salary_check",
        help="The employer cost of the requested salary exceeds the activity's "
        "available treasury.",
    )

    _sql_constraints = [
        (
            "partner_activity_month_uniq",
            "unique(partner_id, activity_id, month)",
            "There is already a salary request for this person, activity and month.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("month"):
                vals["month"] = date_utils.start_of(
                    fields.Date.to_date(vals["month"]), "month"
                )
        return super().create(vals_list)

    @api.depends("partner_id", "activity_id", "month")
    def _compute_fixed_part(self):
        for request in self:
            contract = request._cae_cesa()
            request.fixed_part = (
                contract.fixed_monthly_amount
                if contract and contract.activity_id in (request.activity_id, False)
                else 0.0
            )

    def _cae_cesa(self):
        self.ensure_one()
        if not self.month:
            return self.env["cae.contract"]
        end = date_utils.end_of(self.month, "month")
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

    @api.depends("requested_variable", "fixed_part", "activity_id", "month")
    def _compute_salary_check(self):
        Statement = self.env["cae.account.statement"]
        activities = self.activity_id
        today = fields.Date.context_today(self)
        figures = (
            Statement._cae_compute_statements(activities, today, today)
            if activities
            else {}
        )
        for request in self:
            rate = request.company_id.cae_employer_cost_rate or 0.0
            cost = (request.fixed_part + request.requested_variable) * rate
            treasury = figures.get(request.activity_id.id, {}).get(
                "available_treasury", 0.0
            )
            request.employer_cost = cost
            request.available_treasury = treasury
            request.exceeds_treasury = (
                request.currency_id.compare_amounts(cost, treasury) > 0
                if cost
                else False
            )
