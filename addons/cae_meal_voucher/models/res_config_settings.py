from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cae_meal_voucher_face_value = fields.Monetary(
        related="company_id.cae_meal_voucher_face_value", readonly=False
    )
    cae_meal_voucher_employer_rate = fields.Float(
        related="company_id.cae_meal_voucher_employer_rate", readonly=False
    )
    cae_meal_voucher_min_hours = fields.Float(
        related="company_id.cae_meal_voucher_min_hours", readonly=False
    )
    cae_meal_voucher_expense_account_id = fields.Many2one(
        related="company_id.cae_meal_voucher_expense_account_id", readonly=False
    )
    cae_meal_voucher_payable_account_id = fields.Many2one(
        related="company_id.cae_meal_voucher_payable_account_id", readonly=False
    )
    cae_meal_voucher_issuer_id = fields.Many2one(
        related="company_id.cae_meal_voucher_issuer_id", readonly=False
    )
    cae_meal_voucher_journal_id = fields.Many2one(
        related="company_id.cae_meal_voucher_journal_id", readonly=False
    )
    cae_meal_voucher_treasury_threshold = fields.Monetary(
        related="company_id.cae_meal_voucher_treasury_threshold", readonly=False
    )
