from odoo import models


class AccountPaymentRegister(models.TransientModel):
    _inherit = "account.payment.register"

    def _cae_activity_of(self, lines):
        activities = lines.move_id.cae_activity_id
        return activities.id if len(activities) == 1 else False

    # override: the payment belongs to the activity of what it pays
    def _create_payment_vals_from_wizard(self, batch_result):
        vals = super()._create_payment_vals_from_wizard(batch_result)
        vals["cae_activity_id"] = self._cae_activity_of(batch_result["lines"])
        return vals

    # override: the payment belongs to the activity of what it pays
    def _create_payment_vals_from_batch(self, batch_result):
        vals = super()._create_payment_vals_from_batch(batch_result)
        vals["cae_activity_id"] = self._cae_activity_of(batch_result["lines"])
        return vals
