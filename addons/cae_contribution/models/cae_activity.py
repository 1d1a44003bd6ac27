from odoo import fields, models


class CaeActivity(models.Model):
    _inherit = "cae.activity"

    contribution_scale_id = fields.Many2one(
        "cae.contribution.scale",
        string="Own contribution scale",
        check_company=True,
        help="Overrides the company's scale for this activity's type.",
    )
    contribution_flat_rate = fields.Float(
        string="Flat contribution rate (%)",
        digits=(16, 4),
        help="When set, the contribution is this rate of the base, whatever the scale.",
    )
    contribution_exemption_ids = fields.One2many(
        "cae.contribution.exemption", "activity_id", string="Contribution exemptions"
    )
