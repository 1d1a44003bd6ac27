from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _cae_is_journey_staff(self):
        """Support or admin team: keeps the members' journey."""
        self.ensure_one()
        return self.has_group("cae_member.cae_member_group_support") or self.has_group(
            "cae_member.cae_member_group_admin"
        )
