from odoo import fields, models


class CaeValidationRefuse(models.TransientModel):
    _name = "cae.validation.refuse"
    _description = "Refuse a document submitted for validation"

    reason = fields.Text(required=True)

    def action_refuse(self):
        model = self.env.context.get("active_model")
        records = self.env[model].browse(self.env.context.get("active_ids", []))
        records.action_cae_refuse(self.reason)
        return {"type": "ir.actions.act_window_close"}
