from odoo import fields, models


class CaeContract(models.Model):
    _inherit = "cae.contract"

    cae_leave_allocation_ids = fields.One2many(
        "hr.leave.allocation",
        "cae_contract_id",
        string="Paid leave allocations",
        groups="hr_holidays.group_hr_holidays_user",
    )

    # override: a CESA that starts opens its paid leave allocation, one that
    # ends closes it (the buttons and the expiry cron all write the state)
    def write(self, vals):
        result = super().write(vals)
        if {"state", "date_end"} & set(vals):
            self.filtered(
                lambda c: c.contract_type == "cesa" and c.state in ("running", "ended")
            )._cae_sync_leave_allocation()
        return result

    def _cae_sync_leave_allocation(self):
        """Create the allocation of each running CESA that has none; follow
        its end date; close it when the CESA ends."""
        # sudo: the team starting and ending contracts need not be Time Off
        # officers; only the allocations of these CESAs are touched
        Allocation = self.env["hr.leave.allocation"].sudo()
        contracts = self.sudo().filtered(lambda c: c.contract_type == "cesa")
        existing = Allocation.with_context(active_test=False).search(
            [("cae_contract_id", "in", contracts.ids)]
        )
        allocation_of = {a.cae_contract_id.id: a for a in existing}
        Allocation._cae_create_for_contracts(
            contracts.filtered(lambda c: c.id not in allocation_of)
        )
        for contract in contracts.filtered(lambda c: c.id in allocation_of):
            allocation = allocation_of[contract.id]
            if allocation.cae_closed:
                continue
            if allocation.date_to != (contract.date_end or False):
                allocation.date_to = contract.date_end or False
        ended = contracts.filtered(lambda c: c.state == "ended")
        Allocation.search(
            [("cae_contract_id", "in", ended.ids), ("cae_closed", "=", False)]
        )._cae_close()
