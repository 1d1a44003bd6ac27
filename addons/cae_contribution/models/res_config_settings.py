from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cae_contribution_chunk_size = fields.Integer(
        related="company_id.cae_contribution_chunk_size", readonly=False
    )
    cae_contribution_job_threshold = fields.Integer(
        related="company_id.cae_contribution_job_threshold", readonly=False
    )
