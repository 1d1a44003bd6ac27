from odoo import fields, models


class AccountJournal(models.Model):
    _inherit = "account.journal"

    cae_payroll = fields.Boolean(
        string="Payroll journal",
        copy=False,
        help="Journal of the payroll entries (every entrepreneur's salary): "
        "readable by the admin team only.",
    )
