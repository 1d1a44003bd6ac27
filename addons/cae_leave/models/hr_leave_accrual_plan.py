from odoo import fields, models


class HrLeaveAccrualPlan(models.Model):
    _inherit = "hr.leave.accrual.plan"

    cae_paid_leave = fields.Boolean(
        string="CAE paid leave",
        readonly=True,
        help="The plan of the CESA paid leave: its first month is prorated "
        "on the days of the month under the contract, start day included.",
    )
