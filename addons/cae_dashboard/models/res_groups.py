from odoo import models


class ResGroups(models.Model):
    _inherit = "res.groups"

    # override: users added to (or removed from) a group through the group
    # get (or lose) the entrepreneur dashboard as home action
    def write(self, vals):
        before = self.users if "users" in vals else None
        res = super().write(vals)
        if before is not None:
            (before | self.users)._cae_set_dashboard_home()
        return res
