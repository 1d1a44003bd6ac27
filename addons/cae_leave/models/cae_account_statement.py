from collections import defaultdict

from odoo import api, fields, models


class CaeAccountStatement(models.TransientModel):
    _inherit = "cae.account.statement"

    cae_leave_provision = fields.Boolean(related="company_id.cae_leave_provision")
    leave_days_left = fields.Float(
        string="Paid leave left (days)",
        compute="_compute_figures",
        digits=(16, 2),
        help="Paid leave the salaried entrepreneurs of the activity have "
        "accrued and not taken yet (today's balances).",
    )
    leave_liability = fields.Monetary(
        string="Paid leave liability",
        compute="_compute_figures",
        help="Days left x daily cost (fixed monthly part x employer cost rate "
        "/ working days a month): what the leave left would cost the "
        "activity. When the company provisions it, the available treasury "
        "is lowered by it.",
    )

    @api.model
    def _cae_figure_names(self):
        return [*super()._cae_figure_names(), "leave_days_left", "leave_liability"]

    # override: the leave liability of the activity, provisioned when the
    # company chooses to
    @api.model
    def _cae_compute_statements(self, activities, date_from, date_to):
        result = super()._cae_compute_statements(activities, date_from, date_to)
        provisioned = activities.filtered("company_id.cae_leave_provision")
        if not provisioned:
            return result
        for activity_id, (days, cost) in self._cae_leave_liability(provisioned).items():
            figures = result[activity_id]
            figures["leave_days_left"] = days
            figures["leave_liability"] = cost
            figures["available_treasury"] -= cost
        return result

    @api.model
    def _cae_leave_liability(self, activities):
        """{activity id: (days left, cost)} of the running CESAs whose main
        activity (the contract's, else the person's first) is one of
        ``activities``; three queries whatever their number."""
        # sudo: the contracts, allocations and leaves of the activity's
        # members, for a statement the caller may open (checked by
        # _check_activity_access before the figures are computed)
        contracts = (
            self.env["cae.contract"]
            .sudo()
            .search(
                [
                    ("contract_type", "=", "cesa"),
                    ("state", "=", "running"),
                    ("company_id", "in", activities.company_id.ids),
                    "|",
                    ("activity_id", "in", activities.ids),
                    ("partner_id", "in", activities.member_ids.ids),
                ]
            )
        )
        allocations = (
            self.env["hr.leave.allocation"]
            .sudo()
            ._read_group(
                [
                    ("cae_contract_id", "in", contracts.ids),
                    ("state", "=", "validate"),
                ],
                ["cae_contract_id", "employee_id"],
                ["number_of_days:sum"],
            )
        )
        employees = self.env["hr.employee"].browse(
            {employee.id for _c, employee, _d in allocations}
        )
        taken = dict(
            self.env["hr.leave"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("holiday_status_id.cae_paid_leave", "=", True),
                    ("state", "=", "validate"),
                ],
                ["employee_id"],
                ["number_of_days:sum"],
            )
        )
        result = defaultdict(lambda: [0.0, 0.0])
        for contract, employee, accrued in allocations:
            main = contract.activity_id or contract.partner_id.cae_activity_ids[:1]
            if main not in activities:
                continue
            left = accrued - taken.pop(employee, 0.0)
            company = contract.company_id
            daily = (
                contract.fixed_monthly_amount
                * (company.cae_employer_cost_rate or 1.0)
                / company.cae_leave_days_per_month
            )
            result[main.id][0] += left
            result[main.id][1] += company.currency_id.round(left * daily)
        return {key: tuple(value) for key, value in result.items()}
