from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cae_co_notice_days = fields.Integer(
        related="company_id.cae_co_notice_days", readonly=False
    )
    cae_board_notice_days = fields.Integer(
        related="company_id.cae_board_notice_days", readonly=False
    )
    cae_ag_notice_days = fields.Integer(
        related="company_id.cae_ag_notice_days", readonly=False
    )
    cae_ag_quorum = fields.Float(related="company_id.cae_ag_quorum", readonly=False)
    cae_board_quorum = fields.Float(
        related="company_id.cae_board_quorum", readonly=False
    )
    cae_max_proxies = fields.Integer(
        related="company_id.cae_max_proxies", readonly=False
    )
    cae_ordinary_majority = fields.Selection(
        related="company_id.cae_ordinary_majority", readonly=False
    )
    cae_extraordinary_majority = fields.Selection(
        related="company_id.cae_extraordinary_majority", readonly=False
    )
    cae_co_required = fields.Boolean(
        related="company_id.cae_co_required", readonly=False
    )
