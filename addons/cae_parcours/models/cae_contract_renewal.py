from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .cae_contract import MAX_PERIODS


class CaeContractRenewal(models.Model):
    """A renewal of a CAPE: a new period of at most 12 months (Code de commerce
    L127-1 ff.), twice at most in a stay. Evidence: never deleted once the
    contract has run."""

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
        # the access rights first: the checks below read the journey
        self.check_access("create")
        renewals = self.env["cae.contract.renewal"]
        for vals in vals_list:
            contract = self.env["cae.contract"].browse(vals["contract_id"])
            if contract.contract_type != "cape":
                raise ValidationError(self.env._("Only a CAPE is renewed."))
            count = contract._cae_stay_cape_periods()
            if count >= MAX_PERIODS:
                raise ValidationError(
                    self.env._(
                        "A CAPE is renewable twice at most (Code de commerce L127-2): "
                        "%(name)s: %(partner)s already had %(count)s CAPE periods in "
                        "this stay (a new CAPE in the same stay counts as a renewal).",
                        name=contract.name,
                        partner=contract.partner_id.name,
                        count=count,
                    )
                )
            if not self.env.context.get("cae_history"):
                contract._cae_check_workshops(
                    ("journey",), self.env._("before the CAPE is renewed")
                )
            start = contract.date_end + timedelta(days=1)
            end = fields.Date.to_date(vals["date_end"])
            self._cae_check_dates(contract, start, end)
            vals = dict(vals, date_start=start)
            if not contract.initial_date_end:
                contract.initial_date_end = contract.date_end
            renewal = super().create([vals])
            contract.date_end = end
            renewals |= renewal
        return renewals

    # override: a renewal stays on its contract; only the last one moves the contract's
    # end
    def write(self, vals):
        self.check_access("write")
        if "contract_id" in vals and any(
            r.contract_id.id != vals["contract_id"] for r in self
        ):
            raise UserError(
                self.env._("A renewal cannot be moved to another contract.")
            )
        if "date_end" not in vals:
            return super().write(vals)
        end = fields.Date.to_date(vals["date_end"])
        for renewal in self:
            contract = renewal.contract_id
            last = contract.renewal_ids.sorted("date_start")[-1]
            if renewal != last:
                raise UserError(
                    self.env._(
                        "Only the last renewal of %(name)s can change its end date.",
                        name=contract.name,
                    )
                )
            self._cae_check_dates(contract, renewal.date_start, end)
        res = super().write(vals)
        for renewal in self:
            # the renewal's end is the contract's end (checked again there)
            renewal.contract_id.date_end = renewal.date_end
        return res

    def _cae_check_dates(self, contract, start, end):
        if end < start:
            raise ValidationError(
                self.env._(
                    "The renewal of %(name)s starts on %(start)s: it must end after "
                    "that.",
                    name=contract.name,
                    start=start,
                )
            )
        contract._cae_check_cape_period(start, end)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_run(self):
        for renewal in self:
            contract = renewal.contract_id
            if contract.state != "draft" or contract.date_signature:
                raise UserError(
                    self.env._(
                        "The renewals of %(name)s are evidence: the contract has run, "
                        "they cannot be deleted.",
                        name=contract.name,
                    )
                )
            if renewal != contract.renewal_ids.sorted("date_start")[-1]:
                raise UserError(
                    self.env._(
                        "Only the last renewal of %(name)s can be deleted.",
                        name=contract.name,
                    )
                )

    # override: deleting the last renewal puts the contract's end back
    def unlink(self):
        contracts = {
            renewal.contract_id: renewal.date_start - timedelta(days=1)
            for renewal in self.sorted("date_start", reverse=True)
        }
        res = super().unlink()
        for contract, end in contracts.items():
            # a draft CAPE goes back to the end of its previous period
            contract.date_end = end
            if not contract.renewal_ids:
                contract.initial_date_end = False
        return res
