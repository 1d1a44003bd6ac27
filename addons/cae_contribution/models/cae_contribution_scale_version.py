import itertools
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CaeContributionScaleVersion(models.Model):
    """The brackets of a scale for a period."""

    _name = "cae.contribution.scale.version"
    _description = "Contribution scale version"
    _order = "scale_id, date_from desc"

    scale_id = fields.Many2one(
        "cae.contribution.scale", required=True, ondelete="cascade", index=True
    )
    date_from = fields.Date(required=True)
    date_to = fields.Date()
    bracket_ids = fields.One2many(
        "cae.contribution.scale.bracket", "version_id", string="Brackets", copy=True
    )

    @api.depends("scale_id.name", "date_from", "date_to")
    def _compute_display_name(self):
        for version in self:
            end = version.date_to or "..."
            version.display_name = (
                f"{version.scale_id.name} ({version.date_from} - {end})"
            )

    @api.constrains("date_from", "date_to", "scale_id")
    def _check_overlap(self):
        for version in self:
            if version.date_to and version.date_to < version.date_from:
                raise ValidationError(
                    self.env._("A scale version cannot end before it starts.")
                )
            end = version.date_to or date.max
            for other in version.scale_id.version_ids - version:
                if version.date_from <= (other.date_to or date.max) and (
                    other.date_from <= end
                ):
                    raise ValidationError(
                        self.env._(
                            "Two versions of the scale %(scale)s overlap: "
                            "%(a)s and %(b)s.",
                            scale=version.scale_id.name,
                            a=version.display_name,
                            b=other.display_name,
                        )
                    )

    @api.constrains("bracket_ids")
    def _check_brackets(self):
        for version in self:
            brackets = version.bracket_ids.sorted("lower_bound")
            if not brackets:
                continue
            if brackets[0].lower_bound != 0:
                raise ValidationError(
                    self.env._("The first bracket of a scale starts at 0.")
                )
            bounds = brackets.mapped("lower_bound")
            if len(set(bounds)) != len(bounds):
                raise ValidationError(
                    self.env._("Two brackets of a scale start at the same amount.")
                )
            for previous, bracket in itertools.pairwise(brackets):
                if not previous.upper_bound:
                    raise ValidationError(
                        self.env._("Only the last bracket may have no upper bound.")
                    )
                if bracket.lower_bound != previous.upper_bound:
                    raise ValidationError(
                        self.env._(
                            "The brackets overlap or leave a gap: %(a)s ends at "
                            "%(end)s, "
                            "%(b)s starts at %(start)s.",
                            a=previous.display_name,
                            end=previous.upper_bound,
                            b=bracket.display_name,
                            start=bracket.lower_bound,
                        )
                    )

    def _cae_slices(self, base, mode):
        """The bracket arithmetic, in one place: ``[(bracket, low, high,
        amount)]``, the part of ``base`` each bracket prices (``mode``
        "marginal": each slice at its own rate; "global": the whole base at
        the rate of the bracket reached)."""
        self.ensure_one()
        if base <= 0:
            return []
        brackets = self.bracket_ids.sorted("lower_bound")
        if mode == "global":
            reached = brackets.filtered(
                lambda b: base > b.lower_bound or b.lower_bound == 0
            )[-1:]
            return [(reached, 0.0, base, base * reached.rate / 100.0)]
        slices = []
        for bracket in brackets:
            if base <= bracket.lower_bound:
                break
            top = min(base, bracket.upper_bound) if bracket.upper_bound else base
            slices.append(
                (
                    bracket,
                    bracket.lower_bound,
                    top,
                    (top - bracket.lower_bound) * bracket.rate / 100.0,
                )
            )
        return slices

    def _cae_compute(self, base, mode):
        """Amount due on ``base`` by these brackets."""
        return sum(amount for _b, _low, _high, amount in self._cae_slices(base, mode))
