from odoo import fields, models

from .cae_training_bpf import BPF_FRAMES


class CaeTrainingBpfLine(models.Model):
    _name = "cae.training.bpf.line"
    _description = "BPF line"
    _order = "bpf_id, sequence, id"

    bpf_id = fields.Many2one(
        "cae.training.bpf", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer()
    frame = fields.Selection(BPF_FRAMES, required=True)
    code = fields.Char(required=True)
    name = fields.Char(string="Label", required=True)
    amount = fields.Monetary(currency_field="currency_id")
    count = fields.Integer(string="Number of people")
    hours = fields.Float()
    company_id = fields.Many2one(related="bpf_id.company_id", store=True)
    currency_id = fields.Many2one(related="bpf_id.currency_id")
