from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # the cooperative's CAPE policy, within the legal cap (Code de commerce
    # L127-1: 12 months a period, renewed twice)
    cae_cape_min_months = fields.Integer(
        string="CAPE period: minimum (months)",
        default=0,
        help="Shortest CAPE period the cooperative signs (0: no minimum).",
    )
    cae_cape_max_months = fields.Integer(
        string="CAPE period: maximum (months)",
        default=12,
        help="Longest CAPE period the cooperative signs; the law allows 12 months.",
    )

    cae_sponsor_interviews = fields.Boolean(
        string="Sponsors may record interviews",
        help="A sponsor the support team allows creates and reads the individual "
        "interviews she holds with her sponsees.",
    )

    # override: the sponsors' appointment rule reads the switch (rules are cached)
    def write(self, vals):
        res = super().write(vals)
        if "cae_sponsor_interviews" in vals:
            self.env.registry.clear_cache()
        return res

    @api.constrains("cae_cape_min_months", "cae_cape_max_months")
    def _check_cae_cape_policy(self):
        for company in self:
            if not (
                0 <= company.cae_cape_min_months
                and 1 <= company.cae_cape_max_months <= 12
                and company.cae_cape_min_months <= company.cae_cape_max_months
            ):
                raise ValidationError(
                    self.env._(
                        "A CAPE period lasts from the minimum to the maximum set, and "
                        "12 months at most by law (Code de commerce L127-1)."
                    )
                )
