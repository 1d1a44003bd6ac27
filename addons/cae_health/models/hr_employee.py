from odoo import fields, models

ADMIN = "cae_member.cae_member_group_admin"


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    cae_health_reinforced = fields.Boolean(
        string="Reinforced health follow-up",
        groups=ADMIN,
        copy=False,
        help="Post with particular risks (SIR): periodic visits come sooner.",
    )
    cae_health_visit_ids = fields.One2many(
        "cae.health.visit", "employee_id", string="Health visits", groups=ADMIN
    )
