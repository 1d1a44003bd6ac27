from odoo import fields, models

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
