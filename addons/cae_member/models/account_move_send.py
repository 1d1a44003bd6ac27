from odoo import api, models

from .base import cae_trusted_writes


class AccountMoveSend(models.AbstractModel):
    _inherit = "account.move.send"

    @api.model
    def _generate_and_send_invoices(self, moves, from_cron=False, **kwargs):
        # sending writes the sending flags and the PDF of the invoices, fields
        # an entrepreneur does not write herself: allowed on her own invoices
        if not from_cron and moves._cae_guard_applies():
            moves._cae_check_own_activity()
            with cae_trusted_writes():
                return super()._generate_and_send_invoices(
                    moves, from_cron=from_cron, **kwargs
                )
        return super()._generate_and_send_invoices(moves, from_cron=from_cron, **kwargs)
