import base64

from odoo import fields, models
from odoo.exceptions import UserError


class CaeEinvoiceUpload(models.TransientModel):
    _name = "cae.einvoice.upload"
    _description = "Upload a received e-invoice"

    file = fields.Binary(required=True, attachment=False)
    filename = fields.Char()

    def action_upload(self):
        self.ensure_one()
        if not self.file:
            raise UserError(self.env._("Choose the file of the invoice."))
        document = self.env["cae.einvoice.document"]._cae_create_from_file(
            self.filename or "invoice", base64.b64decode(self.file), source="upload"
        )
        document._cae_process()
        return {
            "type": "ir.actions.act_window",
            "res_model": "cae.einvoice.document",
            "res_id": document.id,
            "view_mode": "form",
        }
