from odoo import api, fields, models
from odoo.exceptions import UserError


class CaeContributionScale(models.Model):
    """How the cooperative contribution of an activity is computed."""

    _name = "cae.contribution.scale"
    _description = "Contribution scale"
    _inherit = ["mail.thread"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    mode = fields.Selection(
        [
            ("marginal", "Marginal (each slice at its own rate)"),
            ("global", "Global rate (the whole base at the rate reached)"),
        ],
        required=True,
        default="marginal",
        tracking=True,
    )
    base = fields.Selection(
        [("gross_margin", "Gross margin"), ("revenue", "Revenue excl. VAT")],
        required=True,
        default="gross_margin",
        tracking=True,
    )
    revenue_prefixes = fields.Char(
        required=True,
        default="70",
        help="Account prefixes of the revenue, separated by commas.",
    )
    deduction_prefixes = fields.Char(
        string="Purchase and sub-contracting prefixes",
        default="601,602,604,607,611",
        help="Account prefixes deducted from the revenue to get the gross margin "
        "(purchases of goods and materials, sub-contracting).",
    )
    fixed_monthly_amount = fields.Monetary(
        currency_field="currency_id",
        tracking=True,
        help="Fixed amount levied every month on top of the scale.",
    )
    for_standard = fields.Boolean(string="Standard activities", default=True)
    for_training = fields.Boolean(string="Training activities")
    for_skills_assessment = fields.Boolean(string="Skills assessment activities")
    version_ids = fields.One2many(
        "cae.contribution.scale.version", "scale_id", string="Versions", copy=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    active = fields.Boolean(default=True)

    @api.model
    def _cae_scale_for(self, activity):
        """The scale of ``activity``: its own, else the company's scale for its
        type. Callers prefetch (see the run)."""
        if activity.contribution_scale_id:
            return activity.contribution_scale_id
        field = {
            "standard": "for_standard",
            "training": "for_training",
            "skills_assessment": "for_skills_assessment",
        }[activity.activity_type]
        return self.search(
            [(field, "=", True), ("company_id", "=", activity.company_id.id)], limit=1
        )

    def _cae_version_at(self, date):
        self.ensure_one()
        version = self.version_ids.filtered(
            lambda v: v.date_from <= date and (not v.date_to or v.date_to >= date)
        )[:1]
        if not version:
            raise UserError(
                self.env._(
                    "The contribution scale %(scale)s has no version on %(date)s.",
                    scale=self.display_name,
                    date=date,
                )
            )
        return version

    def _cae_due(self, base, date, months=0):
        """Amount due for ``base`` (year to date) by the version in force on
        ``date``, plus the fixed monthly part of ``months`` months."""
        self.ensure_one()
        due = self._cae_version_at(date)._cae_compute(base, self.mode)
        return self.currency_id.round(due + self.fixed_monthly_amount * months)

    def _cae_explain(self, base, date):
        """Bracket-by-bracket explanation of the amount due on ``base``."""
        self.ensure_one()
        version = self._cae_version_at(date)
        currency = self.currency_id
        lines = []
        brackets = version.bracket_ids.sorted("lower_bound")
        if self.mode == "global":
            reached = brackets.filtered(
                lambda b: base > b.lower_bound or b.lower_bound == 0
            )[-1:]
            lines.append(
                self.env._(
                    "Global rate: the whole base %(base)s at %(rate)s %% = %(amount)s. "
                    "Crossing a bracket lowers the rate of the whole base, so the "
                    "amount due can drop although the margin grew.",
                    base=currency.format(base),
                    rate=reached.rate,
                    amount=currency.format(base * reached.rate / 100.0),
                )
            )
        else:
            for bracket in brackets:
                if base <= bracket.lower_bound:
                    break
                top = min(base, bracket.upper_bound) if bracket.upper_bound else base
                slice_ = top - bracket.lower_bound
                lines.append(
                    self.env._(
                        "%(low)s - %(high)s: %(slice)s at %(rate)s %% = %(amount)s",
                        low=currency.format(bracket.lower_bound),
                        high=currency.format(top),
                        slice=currency.format(slice_),
                        rate=bracket.rate,
                        amount=currency.format(slice_ * bracket.rate / 100.0),
                    )
                )
        if self.fixed_monthly_amount:
            lines.append(
                self.env._(
                    "Plus a fixed %(amount)s a month.",
                    amount=currency.format(self.fixed_monthly_amount),
                )
            )
        return "\n".join(lines)
