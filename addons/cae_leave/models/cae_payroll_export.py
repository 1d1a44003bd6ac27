from odoo import models


class CaePayrollExport(models.Model):
    _inherit = "cae.payroll.export"

    # override: the leave taken comes from the approved paid leave requests,
    # no longer from the salary request; it goes on the person's first line
    # (her main activity)
    def _cae_line_values(self):
        values = super()._cae_line_values()
        employees = self.env["hr.employee"].browse(
            {vals["employee_id"] for vals in values if vals.get("employee_id")}
        )
        days_of = self.env["hr.leave"]._cae_paid_leave_days(employees, self.month)
        counted = set()
        for vals in values:
            employee_id = vals.get("employee_id")
            if employee_id and employee_id not in counted:
                vals["leave_days"] = days_of.get(employee_id, 0.0)
                counted.add(employee_id)
            else:
                vals["leave_days"] = 0.0
        return values
