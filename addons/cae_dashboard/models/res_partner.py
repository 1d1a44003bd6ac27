from odoo import fields, models

from odoo.addons.cae_member.models.res_partner import MEMBER_STATUS


class ResPartner(models.Model):
    _inherit = "res.partner"

    # the journey kanban shows every stage, empty ones included
    cae_status = fields.Selection(group_expand="_cae_expand_status")

    def _cae_expand_status(self, values, domain):
        """Every stage of the journey in the journey kanban (its action sets
        ``cae_journey_kanban``); elsewhere only the groups that have members."""
        if self.env.context.get("cae_journey_kanban"):
            return [value for value, _label in MEMBER_STATUS]
        return values
