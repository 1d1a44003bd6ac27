from odoo import fields, models


class CaeActivity(models.Model):
    _inherit = "cae.activity"

    # The contribution terms below are the cooperative's decision: cae_member's
    # entrepreneur field guard refuses them to entrepreneurs (they are not in
    # its list of fields an entrepreneur may set).
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

    def _cae_flat_rate_due(self, base):
        """Due on ``base`` by the activity's flat rate: never below zero, so
        that a credit note never refunds more than was levied."""
        self.ensure_one()
        return self.currency_id.round(
            max(base * self.contribution_flat_rate / 100.0, 0.0)
        )

    def _cae_exit_date(self):
        """The day the activity left the cooperative: the last exit of its
        members when every one has left and none came back under a later
        contract; False while one of them is in."""
        self.ensure_one()
        exits = []
        for member in self.member_ids:
            exit_date = member.cae_exit_date
            if not exit_date or member._cae_counted_contracts().filtered(
                lambda c, d=exit_date: c.date_start > d
            ):
                return False
            exits.append(exit_date)
        return max(exits, default=False)
