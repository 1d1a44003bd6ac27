from odoo import api, models

GROUP_KEYS = ("groups_id", "in_group_", "sel_groups_")


class ResUsers(models.Model):
    _inherit = "res.users"

    # override: an entrepreneur created with her group lands on her dashboard
    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._cae_set_dashboard_home()
        return users

    # override: a user given (or taken) the entrepreneur group gets (or loses)
    # the dashboard as home action
    def write(self, vals):
        res = super().write(vals)
        if any(key.startswith(GROUP_KEYS) for key in vals):
            self._cae_set_dashboard_home()
        return res

    def _cae_set_dashboard_home(self):
        """The entrepreneur dashboard as home action of the entrepreneurs who
        have none (a home action they chose is kept); removed from the users
        who are no longer only entrepreneurs."""
        action = self.env.ref(
            "cae_dashboard.cae_dashboard_entrepreneur_action", raise_if_not_found=False
        )
        if not action or not self:
            return
        # sudo: only the home action is written, on users whose groups the
        # caller was allowed to change (or the install hook)
        users = self.sudo()
        users.filtered(
            lambda u: not u.action_id and u._cae_is_entrepreneur_only()
        ).write({"action_id": action.id})
        users.filtered(
            lambda u: u.action_id.id == action.id and not u._cae_is_entrepreneur_only()
        ).write({"action_id": False})
