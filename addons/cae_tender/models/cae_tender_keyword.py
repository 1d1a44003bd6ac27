import unicodedata

from odoo import api, fields, models


def normalize(text):
    """Lower case, without accents nor surrounding spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).strip().lower()


class CaeTenderKeyword(models.Model):
    _name = "cae.tender.keyword"
    _description = "Descriptor keyword of a pole (tender import)"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(
        string="Keyword",
        required=True,
        help="A descriptor of the notices (BOAMP descripteur_libelle) or a part of "
        "one; case and accents are ignored.",
    )
    pole_id = fields.Many2one(
        "cae.pole", required=True, ondelete="cascade", check_company=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _sql_constraints = [
        (
            "name_pole_uniq",
            "unique(name, pole_id)",
            "This keyword is already mapped to this pole.",
        ),
    ]

    @api.model
    def _cae_poles_for(self, descriptors, company):
        """The poles whose keywords appear in ``descriptors`` (strings)."""
        texts = [normalize(d) for d in descriptors if d]
        poles = self.env["cae.pole"]
        for keyword in self.search([("company_id", "=", company.id)]):
            word = normalize(keyword.name)
            if word and any(word in text for text in texts):
                poles |= keyword.pole_id
        return poles
