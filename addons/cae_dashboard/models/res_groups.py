from odoo import models

# the groups that make a user an entrepreneur only, or no longer one
CAE_GROUPS = (
    "cae_member.cae_member_group_entrepreneur",
    "cae_member.cae_member_group_support",
    "cae_member.cae_member_group_admin",
)


class ResGroups(models.Model):
    _inherit = "res.groups"

    # override: users added to (or removed from) a CAE group through the group
    # get (or lose) the entrepreneur dashboard as home action
    def write(self, vals):
        if "users" not in vals:
            return super().write(vals)
        cae_groups = self.env["res.groups"].union(
            *(
                self.env.ref(xmlid, raise_if_not_found=False) or self.browse()
                for xmlid in CAE_GROUPS
            )
        )
        concerned = self.filtered(lambda g: (g | g.trans_implied_ids) & cae_groups)
        before = concerned.users
        res = super().write(vals)
        (before | concerned.users)._cae_set_dashboard_home()
        return res
