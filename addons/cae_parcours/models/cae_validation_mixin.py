from odoo import models


class CaeValidationMixin(models.AbstractModel):
    _inherit = "cae.validation.mixin"

    # override: the entrepreneur's support advisor validates her documents;
    # the support team's responsible when she has none
    def _cae_validator(self):
        self.ensure_one()
        # sudo: the support advisor is a journey field entrepreneurs do not
        # read; only the submitter's and the activity's members' are taken
        people = (
            self.cae_submitted_by_id.partner_id | self.cae_activity_id.member_ids
        ).sudo()
        advisor = people.mapped("cae_support_user_id").filtered("active")[:1]
        return advisor or super()._cae_validator()
