from odoo import api, fields, models
from odoo.exceptions import UserError


class HrLeaveAllocation(models.Model):
    _inherit = "hr.leave.allocation"
    # entrepreneurs set nothing on an allocation: theirs come from their
    # CESA and accrue by the company's plan; an extra day is the admin
    # team's decision
    _cae_entrepreneur_fields = frozenset()

    cae_contract_id = fields.Many2one(
        "cae.contract",
        string="CESA",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
        help="The employment contract this paid leave accrues under.",
    )
    cae_closed = fields.Boolean(
        string="Closed at the end of the CESA", readonly=True, copy=False
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_cesa(self):
        if self.filtered("cae_contract_id"):
            raise UserError(
                self.env._(
                    "The paid leave allocation of a CESA is evidence of the "
                    "leave accrued: it cannot be deleted."
                )
            )

    # override: Odoo prorates the first month on (end - start) days, which
    # leaves out the start day itself: a CESA starting on the 1st would
    # accrue 30/31 of its first month. The CAE plan counts the start day.
    def _process_accrual_plan_level(
        self, level, start_period, start_date, end_period, end_date
    ):
        if not (
            level.accrual_plan_id.cae_paid_leave
            and start_date == self.date_from
            and start_period < start_date
            and end_date == end_period
        ):
            return super()._process_accrual_plan_level(
                level, start_period, start_date, end_period, end_date
            )
        period_days = (end_period - start_period).days
        call_days = (end_date - start_date).days + 1
        return level.added_value * min(1, call_days / period_days)

    @api.model
    def _cae_create_for_contracts(self, contracts):
        """One accrual allocation per CESA, from its start, accrued up to
        today (or its end)."""
        today = fields.Date.context_today(self)
        vals_list = []
        for contract in contracts:
            company = contract.company_id
            leave_type = company._cae_leave_type()
            employee = self.env["hr.employee"]._cae_ensure_for(
                contract.partner_id, company
            )
            vals_list.append(
                {
                    "name": self.env._(
                        "Paid leave - %(contract)s", contract=contract.name
                    ),
                    "employee_id": employee.id,
                    "holiday_status_id": leave_type.id,
                    "allocation_type": "accrual",
                    "accrual_plan_id": company.cae_leave_plan_id.id,
                    "date_from": contract.date_start,
                    "date_to": contract.date_end or False,
                    "number_of_days": 0.0,
                    "cae_contract_id": contract.id,
                }
            )
        allocations = self.with_context(mail_create_nolog=True).create(vals_list)
        allocations.action_validate()
        for allocation in allocations:
            # as core's "simulate from the start date" (_onchange_date_from):
            # the plan runs from the start of the contract, not from today
            allocation.write(
                {
                    "lastcall": allocation.date_from,
                    "actual_lastcall": allocation.date_from,
                    "nextcall": False,
                    "number_of_days": 0.0,
                    "already_accrued": False,
                    "yearly_accrued_amount": 0.0,
                }
            )
            end = min(allocation.date_to, today) if allocation.date_to else today
            allocation._process_accrual_plans(end, log=False)
        return allocations

    def _cae_close(self):
        """At the end of the CESA: accrue up to its last day, the last month
        prorated on its days under the contract."""
        for allocation in self.filtered(lambda a: not a.cae_closed and a.date_to):
            end = allocation.date_to
            allocation._process_accrual_plans(end, log=False)
            level = allocation.accrual_plan_id.level_ids.sorted("sequence")[-1:]
            last = allocation.lastcall or allocation.date_from
            if level and last < end:
                period_start = level._get_previous_date(last)
                period_end = level._get_next_date(last)
                worked = (end - last).days
                if last == allocation.date_from and period_start < last:
                    # the first day counts (see _process_accrual_plan_level)
                    worked += 1
                days = level.added_value * min(
                    1, worked / ((period_end - period_start).days or 1)
                )
                if level.cap_accrued_time_yearly:
                    days = min(
                        days,
                        level.maximum_leave_yearly - allocation.yearly_accrued_amount,
                    )
                allocation.write(
                    {
                        "number_of_days": allocation.number_of_days + max(days, 0),
                        "yearly_accrued_amount": allocation.yearly_accrued_amount
                        + max(days, 0),
                    }
                )
            allocation.write({"lastcall": end, "nextcall": False, "cae_closed": True})
