from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _cae_is_entrepreneur_only(self):
        """True for an entrepreneur who is neither support nor admin: their
        documents go through the checked confirmation and posting, and they
        set only the fields each model lists (``_cae_entrepreneur_fields``)."""
        self.ensure_one()
        return self.has_group("cae_member.cae_member_group_entrepreneur") and not (
            self.has_group("cae_member.cae_member_group_support")
            or self.has_group("cae_member.cae_member_group_admin")
        )

    def _cae_activities(self):
        """The activities the user is a member of (archived ones included),
        as superuser: entrepreneurs read every activity of the directory, and
        this set is what their record rules and checks compare to."""
        self.ensure_one()
        # sudo: membership is read to decide access, never shown as such
        return self.partner_id.sudo().with_context(active_test=False).cae_activity_ids

    def _cae_is_own_activity(self, activity):
        """True when ``activity`` (a record, possibly empty) is one of the
        user's activities."""
        self.ensure_one()
        return bool(activity) and activity.id in self._cae_activities().ids

    def _cae_default_activity(self):
        """The user's activity when there is exactly one."""
        self.ensure_one()
        activities = self._cae_activities().filtered("active")
        return activities if len(activities) == 1 else activities.browse()
