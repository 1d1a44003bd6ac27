from odoo import api, fields, models


class CaeSalaryRequest(models.Model):
    _inherit = "cae.salary.request"

    leave_days = fields.Float(
        help="No longer used: the pay variables take the leave of the month "
        "from the approved paid leave requests (Time Off)."
    )
    cae_leave_days = fields.Float(
        string="Paid leave of the month (approved)",
        compute="_compute_cae_leave_days",
        digits=(16, 1),
        help="Approved paid leave requests of the month, split by month: what "
        "the pay variables export sends.",
    )

    @api.depends("partner_id", "month", "company_id")
    def _compute_cae_leave_days(self):
        # sudo: the employee records of these requests' people (an
        # entrepreneur reads her own requests only)
        Employee = self.env["hr.employee"].sudo()
        employees = Employee.search(
            [
                ("work_contact_id", "in", self.partner_id.ids),
                ("company_id", "in", self.company_id.ids),
            ]
        )
        employee_of = {(e.work_contact_id.id, e.company_id.id): e for e in employees}
        cache = {}
        for request in self:
            employee = employee_of.get((request.partner_id.id, request.company_id.id))
            if not employee or not request.month:
                request.cae_leave_days = 0.0
                continue
            if request.month not in cache:
                cache[request.month] = self.env["hr.leave"]._cae_paid_leave_days(
                    employees, request.month
                )
            request.cae_leave_days = cache[request.month].get(employee.id, 0.0)
