import base64

from odoo import fields, models
from odoo.exceptions import UserError


class CaeTenderImport(models.TransientModel):
    _name = "cae.tender.import"
    _description = "Import of calls for tenders (BOAMP open data)"

    data_file = fields.Binary(string="File", required=True)
    filename = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    def action_import(self):
        self.ensure_one()
        parser = self.env["cae.tender.boamp.parser"]
        records = parser._parse(base64.b64decode(self.data_file), self.filename or "")
        if not records:
            raise UserError(self.env._("The file holds no notice."))
        created, updated = parser._import(records, self.company_id)
        tenders = created | updated
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Imported tenders: %(created)s new, %(updated)s updated",
                created=len(created),
                updated=len(updated),
            ),
            "res_model": "cae.tender",
            "view_mode": "list,form",
            "domain": [("id", "in", tenders.ids)],
        }
