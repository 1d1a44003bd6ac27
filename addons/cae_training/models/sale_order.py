from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _prepare_invoice(self):
        """An invoice made from a training action's quotation belongs to the
        action: it goes through the action's checks and counts in the BPF."""
        vals = super()._prepare_invoice()
        # sudo: the action that made this quotation, read to link the invoice
        action = (
            self.env["cae.training.action"]
            .sudo()
            .with_context(active_test=False)
            .search([("sale_order_id", "=", self.id)], limit=1)
        )
        if action:
            vals["cae_training_action_id"] = action.id
        return vals
