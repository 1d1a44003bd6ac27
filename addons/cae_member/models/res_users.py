from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _cae_is_entrepreneur_only(self):
        """True for an entrepreneur who is neither support nor admin: their
        documents go through the checked confirmation and posting."""
        self.ensure_one()
        return self.has_group("cae_member.cae_member_group_entrepreneur") and not (
            self.has_group("cae_member.cae_member_group_support")
            or self.has_group("cae_member.cae_member_group_admin")
        )

    def _cae_default_activity(self):
        """The user's activity when there is exactly one."""
        self.ensure_one()
        activities = self.partner_id.sudo().cae_activity_ids
        return activities if len(activities) == 1 else activities.browse()
