from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _cae_is_journey_staff(self):
        """Support or admin team: keeps the members' journey."""
        self.ensure_one()
        return self.has_group("cae_member.cae_member_group_support") or self.has_group(
            "cae_member.cae_member_group_admin"
        )

    def _cae_may_record_sponsee_interviews(self):
        """A sponsor allowed by the support or admin team, in a company that
        lets sponsors hold the interviews of their sponsees (read by the
        sponsors' appointment rule)."""
        self.ensure_one()
        # sudo: the permission is journey data on her own partner, read for her
        # rules only
        partner = self.sudo().partner_id
        return bool(
            partner.cae_sponsor_interviews
            and self.sudo().company_id.cae_sponsor_interviews
        )
