from odoo import api, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    @api.model
    def _cae_demo_employees(self, people):
        """The employee record of each demo entrepreneur (``people``: pairs of
        partner xml id and payroll reference): the one a CESA start already
        created (cae_leave), else a new one; linked to her login."""
        for xmlid, payroll_ref in people:
            partner = self.env.ref(xmlid)
            employee = self._cae_ensure_for(partner, payroll_ref=payroll_ref)
            user = partner.user_ids[:1]
            if user and not employee.user_id:
                employee.user_id = user
            employee._cae_sync_employee_type()
