from odoo import models

from ..models.base import cae_trusted_writes


class SaleAdvancePaymentInv(models.TransientModel):
    _inherit = "sale.advance.payment.inv"

    # what an entrepreneur chooses in "Create invoice" on her own quote
    _cae_entrepreneur_fields = frozenset(
        {
            "advance_payment_method",
            "amount",
            "consolidated_billing",
            "deduct_down_payments",
            "fixed_amount",
            "sale_order_ids",
        }
    )

    # override: an entrepreneur invoices a down payment of her own quotes only
    def create_invoices(self):
        if self._cae_guard_applies():
            # down payments add quote lines flagged as such: the wizard writes
            # them for her once the quotes are checked to be hers
            self.sale_order_ids._cae_check_own_activity()
            with cae_trusted_writes():
                return super().create_invoices()
        return super().create_invoices()
