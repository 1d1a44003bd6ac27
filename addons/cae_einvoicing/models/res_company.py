from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    cae_vat_on_debits = fields.Boolean(
        string="VAT on debits",
        help="The cooperative opted to pay the VAT of its services on debits "
        "(article 269 of the CGI): the mention is printed on its invoices and "
        "no 'cashed' status is produced for them.",
    )
    cae_einvoicing_connector_id = fields.Many2one(
        "cae.einvoicing.connector",
        string="E-invoicing platform connector",
        check_company=True,
        help="How files are exchanged with the approved platform (PA).",
    )

    def _cae_siren(self):
        """The SIREN of the company (the 9 first digits of its SIRET)."""
        self.ensure_one()
        siret = (self.siret or self.company_registry or "").replace(" ", "")
        return siret[:9] if len(siret) >= 9 and siret[:9].isdigit() else False
