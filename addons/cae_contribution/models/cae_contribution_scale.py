from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

# which activity types a scale applies to: the flag of each type
SCALE_FIELD_OF_TYPE = {
    "standard": "for_standard",
    "training": "for_training",
    "skills_assessment": "for_skills_assessment",
}


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
    def _cae_scales_for(self, activities):
        """``{activity: scale}``: each activity's own scale, else its
        company's first scale for its type (``SCALE_FIELD_OF_TYPE``, the one
        mapping of activity types to scales); one search per company."""
        defaults = {}
        for company in activities.company_id:
            scales = self.search([("company_id", "=", company.id)])
            for activity_type, field in SCALE_FIELD_OF_TYPE.items():
                defaults[company, activity_type] = scales.filtered(field)[:1]
        return {
            activity: activity.contribution_scale_id
            or defaults[activity.company_id, activity.activity_type]
            for activity in activities
        }

    @api.model
    def _cae_scale_for(self, activity):
        """The scale of ``activity`` (see ``_cae_scales_for``)."""
        return self._cae_scales_for(activity)[activity] if activity else self

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
        """Amount due for ``base`` (a yearly base) by the version in force on
        ``date``, plus the fixed monthly part of ``months`` months: the year
        to date computation of a one-day span."""
        self.ensure_one()
        return self._cae_due_ytd(lambda _day: base, date, date, months)

    def _cae_version_periods(self, date_from, date_to):
        """``[(version, start, end)]``: the days ``date_from`` to ``date_to``
        cut at each version start. The days before the first version of the
        span are priced by that version; a version must be in force on
        ``date_to``."""
        self.ensure_one()
        self._cae_version_at(date_to)
        starts = sorted(
            {
                v.date_from
                for v in self.version_ids
                if date_from < v.date_from <= date_to
            }
        )
        bounds = [date_from, *starts]
        ends = [start - timedelta(days=1) for start in starts] + [date_to]
        by_start = self.version_ids.sorted("date_from")
        periods = []
        for start, end in zip(bounds, ends, strict=True):
            version = (
                by_start.filtered(
                    lambda v, d=start: (
                        v.date_from <= d and (not v.date_to or v.date_to >= d)
                    )
                )[:1]
                or by_start.filtered(lambda v, d=start: v.date_from > d)[:1]
            )
            periods.append((version, start, end))
        return periods

    def _cae_due_ytd(self, base_at, date_from, date_to, months=0, periods=None):
        """Amount due year to date when each version prices only the base
        earned while it was in force: the sum, over the version periods of
        ``date_from`` to ``date_to``, of due(base at the period's end) minus
        due(base at its start), by that period's version; with one version,
        the due of the base year to date. Never below zero (a credit note
        never refunds more than was levied), plus the fixed part of ``months``
        months. ``base_at(day)`` is the base from ``date_from`` to ``day``
        included; ``periods``, when given, is ``_cae_version_periods`` of the
        same span (computed once per scale by the run)."""
        self.ensure_one()
        if periods is None:
            periods = self._cae_version_periods(date_from, date_to)
        due = 0.0
        for version, start, end in periods:
            due += version._cae_compute(base_at(end), self.mode)
            if start > date_from:
                due -= version._cae_compute(
                    base_at(start - timedelta(days=1)), self.mode
                )
        return self.currency_id.round(
            max(due, 0.0) + self.fixed_monthly_amount * months
        )

    def _cae_explain(self, base, date):
        """Bracket-by-bracket explanation of the amount due on ``base``."""
        self.ensure_one()
        version = self._cae_version_at(date)
        currency = self.currency_id
        lines = []
        slices = version._cae_slices(base, self.mode)
        if self.mode == "global":
            rate = slices[0][0].rate if slices else 0.0
            lines.append(
                self.env._(
                    "Global rate: the whole base %(base)s at %(rate)s %% = %(amount)s. "
                    "Crossing a bracket lowers the rate of the whole base, so the "
                    "amount due can drop although the margin grew.",
                    base=currency.format(base),
                    rate=rate,
                    amount=currency.format(sum(s[3] for s in slices)),
                )
            )
        else:
            for bracket, low, top, amount in slices:
                lines.append(
                    self.env._(
                        "%(low)s - %(high)s: %(slice)s at %(rate)s %% = %(amount)s",
                        low=currency.format(low),
                        high=currency.format(top),
                        slice=currency.format(top - low),
                        rate=bracket.rate,
                        amount=currency.format(amount),
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
