from odoo import fields, models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    cae_activity_id = fields.Many2one(
        "cae.activity",
        string="Activity",
        index=True,
        check_company=True,
        help="Taken from the invoices or bills the payment settles.",
    )

    # override: the payment's entry belongs to the payment's activity
    def _generate_move_vals(
        self, write_off_line_vals=None, force_balance=None, line_ids=None
    ):
        vals = super()._generate_move_vals(write_off_line_vals, force_balance, line_ids)
        if self.cae_activity_id:
            vals["cae_activity_id"] = self.cae_activity_id.id
        return vals

    # override: the payment's entry follows a changed activity
    def write(self, vals):
        res = super().write(vals)
        if "cae_activity_id" in vals:
            for payment in self.filtered("move_id"):
                payment.move_id.cae_activity_id = payment.cae_activity_id
        return res
