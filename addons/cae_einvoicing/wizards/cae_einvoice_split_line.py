from odoo import fields, models


class CaeEinvoiceSplitLine(models.TransientModel):
    _name = "cae.einvoice.split.line"
    _description = "Share of a received bill"

    split_id = fields.Many2one("cae.einvoice.split", required=True, ondelete="cascade")
    activity_id = fields.Many2one("cae.activity", required=True)
    percent = fields.Float(string="Share (%)", required=True, digits=(16, 2))
