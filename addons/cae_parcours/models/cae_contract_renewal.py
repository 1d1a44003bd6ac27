from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .durations import exceeds, period

MAX_RENEWALS = 2  # Code de commerce L127-2: renewable twice


class CaeContractRenewal(models.Model):
    """A renewal of a CAPE: a new period of at most 12 months."""

    _name = "cae.contract.renewal"
    _description = "CAPE renewal"
    _order = "contract_id, date_end"

    contract_id = fields.Many2one(
        "cae.contract",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("contract_type", "=", "cape")],
    )
    date_start = fields.Date(readonly=True)
    date_end = fields.Date(required=True)
    note = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        renewals = self.env["cae.contract.renewal"]
        for vals in vals_list:
            contract = self.env["cae.contract"].browse(vals["contract_id"])
            if contract.contract_type != "cape":
                raise ValidationError(self.env._("Only a CAPE is renewed."))
            if len(contract.renewal_ids) >= MAX_RENEWALS:
                raise ValidationError(
                    self.env._(
                        "A CAPE is renewable twice at most (Code de commerce L127-2): "
                        "%(name)s was already renewed %(count)s times.",
                        name=contract.name,
                        count=len(contract.renewal_ids),
                    )
                )
            start = contract.date_end + timedelta(days=1)
            end = fields.Date.to_date(vals["date_end"])
            if end < start or exceeds(period(start, end), 12):
                raise ValidationError(
                    self.env._(
                        "A CAPE renewal lasts 12 months at most, from %(start)s.",
                        start=start,
                    )
                )
            vals["date_start"] = start
            if not contract.initial_date_end:
                contract.initial_date_end = contract.date_end
            renewal = super().create([vals])
            contract.date_end = end
            renewals |= renewal
        return renewals
