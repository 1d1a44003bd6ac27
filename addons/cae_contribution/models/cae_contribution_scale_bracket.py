from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CaeContributionScaleBracket(models.Model):
    _name = "cae.contribution.scale.bracket"
    _description = "Contribution scale bracket"
    _order = "version_id, lower_bound"

    version_id = fields.Many2one(
        "cae.contribution.scale.version", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    lower_bound = fields.Float(
        required=True, digits=(16, 2), help="Annual base from which this rate applies."
    )
    upper_bound = fields.Float(
        digits=(16, 2),
        help="Annual base up to which this rate applies (empty: no limit).",
    )
    rate = fields.Float(string="Rate (%)", required=True, digits=(16, 4))

    @api.depends("lower_bound", "upper_bound", "rate")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # in the user's number format: "50 000 - ... : 11,5 %" in French
        lang = self.env["res.lang"]._lang_get(self.env.lang or "en_US")
        for bracket in self:
            if lang:
                lower = lang.format("%.0f", bracket.lower_bound, grouping=True)
                top = (
                    lang.format("%.0f", bracket.upper_bound, grouping=True)
                    if bracket.upper_bound
                    else "..."
                )
                rate = lang.format("%g", bracket.rate, grouping=True)
            else:
                lower, rate = f"{bracket.lower_bound:,.0f}", f"{bracket.rate:g}"
                top = f"{bracket.upper_bound:,.0f}" if bracket.upper_bound else "..."
            bracket.display_name = f"{lower} - {top}: {rate}\u00a0%"

    @api.constrains("rate", "lower_bound", "upper_bound")
    def _check_values(self):
        for bracket in self:
            if not 0 <= bracket.rate <= 100:
                raise ValidationError(
                    self.env._("A contribution rate is between 0 and 100 %.")
                )
            if bracket.lower_bound < 0:
                raise ValidationError(self.env._("A bracket cannot start below 0."))
            if bracket.upper_bound and bracket.upper_bound <= bracket.lower_bound:
                raise ValidationError(
                    self.env._(
                        "A bracket must end above its start (%(bracket)s).",
                        bracket=bracket.display_name,
                    )
                )

    @api.constrains("lower_bound", "upper_bound")
    def _check_version_brackets(self):
        self.version_id._check_brackets()
