from odoo import fields, models

ADMIN = "cae_member.cae_member_group_admin"


class AccountMove(models.Model):
    _inherit = "account.move"

    cae_health_visit_ids = fields.Many2many(
        "cae.health.visit",
        "cae_health_visit_account_move_rel",
        "move_id",
        "visit_id",
        string="Health visits",
        groups=ADMIN,
        copy=False,
        check_company=True,
        help="The occupational health visits this vendor bill pays for.",
    )
