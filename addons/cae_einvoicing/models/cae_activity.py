from odoo import api, fields, models


class CaeActivity(models.Model):
    _inherit = "cae.activity"

    cae_einvoicing_address = fields.Char(
        string="Electronic invoicing address",
        compute="_compute_cae_einvoicing_address",
        help="Routing address of the activity in the directory of the reform "
        "(scheme 0225): the cooperative's SIREN, an underscore and the "
        "activity's code. Suppliers put it in the buyer's electronic address "
        "or the buyer reference of their invoices.",
    )

    @api.depends("code", "company_id.siret", "company_id.company_registry")
    def _compute_cae_einvoicing_address(self):
        for activity in self:
            siren = activity.company_id._cae_siren() if activity.company_id else False
            activity.cae_einvoicing_address = (
                f"{siren}_{activity.code}" if siren and activity.code else False
            )
