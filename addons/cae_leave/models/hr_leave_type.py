from odoo import fields, models


class HrLeaveType(models.Model):
    _inherit = "hr.leave.type"

    cae_paid_leave = fields.Boolean(
        string="CAE paid leave",
        readonly=True,
        help="The paid leave of the salaried entrepreneurs (CESA): accrued by "
        "the company's plan, counted in the pay variables.",
    )
