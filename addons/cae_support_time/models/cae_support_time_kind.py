from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CaeSupportTimeKind(models.Model):
    """A kind of internal support (sponsoring, a workshop run, a committee),
    with its own hourly rate or the company's."""

    _name = "cae.support.time.kind"
    _description = "Kind of internal support"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    is_sponsoring = fields.Boolean(
        string="Sponsoring",
        help="Time spent with a sponsee: the entry names the sponsee.",
    )
    hourly_rate = fields.Monetary(
        help="Compensation per hour of this kind; empty: the company's rate.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    active = fields.Boolean(default=True)

    @api.constrains("hourly_rate")
    def _check_hourly_rate(self):
        for kind in self:
            if kind.hourly_rate < 0:
                raise ValidationError(
                    self.env._(
                        "The hourly rate of %(kind)s cannot be negative.",
                        kind=kind.name,
                    )
                )
