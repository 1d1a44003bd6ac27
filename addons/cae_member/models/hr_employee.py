from odoo import api, fields, models
from odoo.exceptions import UserError

ADMIN = "cae_member.cae_member_group_admin"


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    cae_payroll_ref = fields.Char(
        string="Payroll reference",
        index=True,
        copy=False,
        groups="hr.group_hr_user",
        help="Reference of the person at the payroll provider.",
    )
    cae_health_notes = fields.Text(
        string="Health and disability notes", groups=ADMIN, copy=False
    )
    cae_residence_permit_expiry = fields.Date(
        string="Residence permit expiry", groups=ADMIN, copy=False
    )

    _sql_constraints = [
        (
            "cae_payroll_ref_company_uniq",
            "unique(cae_payroll_ref, company_id)",
            "This payroll reference is already used in this company.",
        ),
    ]

    @api.model
    def _cae_employee_type(self, partner, date=None):
        """Salaried entrepreneurs (under a CESA, associates included) are
        employees; the others (candidates, CAPE holders, who sign no employment
        contract) are Odoo's "freelance" type: they still claim expenses."""
        status = partner._cae_status_at(date or fields.Date.context_today(self))
        return "employee" if status in ("cesa", "associate") else "freelance"

    @api.model
    def _cae_ensure_for(self, partner, company=None, payroll_ref=False):
        """The employee record of an entrepreneur in ``company`` (created when
        she has none, linked to her user when she has one): expense sheets and
        the pay variables need it."""
        company = company or self.env.company
        # sudo: onboarding and the migration import (admin team) create the
        # employee record, which needs the HR officer's rights they do not
        # have; the partner must be a member of the cooperative
        Employee = self.sudo().with_context(active_test=False)
        if not partner.is_cae_member:
            raise UserError(
                self.env._(
                    "%(name)s is not a member of the cooperative: no employee "
                    "record is created for them.",
                    name=partner.display_name,
                )
            )
        employee = Employee.search(
            [("work_contact_id", "=", partner.id), ("company_id", "=", company.id)],
            limit=1,
        )
        if employee:
            if payroll_ref and not employee.cae_payroll_ref:
                employee.cae_payroll_ref = payroll_ref
            return employee
        return Employee.create(self._cae_employee_vals(partner, company, payroll_ref))

    @api.model
    def _cae_employee_vals(self, partner, company, payroll_ref=False):
        """The values of a new entrepreneur's employee record (her user in
        ``company`` when she has one; the type follows her contracts)."""
        user = partner.user_ids.filtered(lambda u: company in u.company_ids)[:1]
        return {
            "name": partner.name,
            "user_id": user.id,
            "work_contact_id": partner.id,
            "work_email": partner.email,
            "company_id": company.id,
            "cae_payroll_ref": payroll_ref or False,
            "employee_type": self._cae_employee_type(partner),
        }

    def _cae_sync_employee_type(self):
        """After a contract starts: CESA → employee, otherwise freelance."""
        for employee in self:
            partner = employee.work_contact_id
            if partner.is_cae_member:
                kind = self._cae_employee_type(partner)
                if employee.employee_type != kind:
                    employee.employee_type = kind
