from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cae_nda_number = fields.Char(related="company_id.cae_nda_number", readonly=False)
    cae_nda_region = fields.Char(related="company_id.cae_nda_region", readonly=False)
    cae_qualiopi_number = fields.Char(
        related="company_id.cae_qualiopi_number", readonly=False
    )
    cae_qualiopi_body = fields.Char(
        related="company_id.cae_qualiopi_body", readonly=False
    )
    cae_qualiopi_expiry = fields.Date(
        related="company_id.cae_qualiopi_expiry", readonly=False
    )
    cae_qualiopi_alert_days = fields.Integer(
        related="company_id.cae_qualiopi_alert_days", readonly=False
    )
    cae_qualiopi_state = fields.Selection(related="company_id.cae_qualiopi_state")
    cae_training_manager_id = fields.Many2one(
        related="company_id.cae_training_manager_id", readonly=False
    )
    cae_trainer_check = fields.Selection(
        related="company_id.cae_trainer_check", readonly=False
    )
    cae_trainer_initial_event_type_id = fields.Many2one(
        related="company_id.cae_trainer_initial_event_type_id", readonly=False
    )
    cae_trainer_followup_event_type_id = fields.Many2one(
        related="company_id.cae_trainer_followup_event_type_id", readonly=False
    )
    cae_training_product_id = fields.Many2one(
        related="company_id.cae_training_product_id", readonly=False
    )
    cae_training_needs_survey_id = fields.Many2one(
        related="company_id.cae_training_needs_survey_id", readonly=False
    )
    cae_training_hot_survey_id = fields.Many2one(
        related="company_id.cae_training_hot_survey_id", readonly=False
    )
    cae_training_cold_survey_id = fields.Many2one(
        related="company_id.cae_training_cold_survey_id", readonly=False
    )
    cae_bpf_salary_prefixes = fields.Char(
        related="company_id.cae_bpf_salary_prefixes", readonly=False
    )
    cae_bpf_purchase_prefixes = fields.Char(
        related="company_id.cae_bpf_purchase_prefixes", readonly=False
    )
    cae_bpf_deadline_day = fields.Integer(
        related="company_id.cae_bpf_deadline_day", readonly=False
    )
    cae_bpf_deadline_month = fields.Integer(
        related="company_id.cae_bpf_deadline_month", readonly=False
    )
    cae_bpf_reminder_days = fields.Integer(
        related="company_id.cae_bpf_reminder_days", readonly=False
    )
    cae_alsace_moselle = fields.Boolean(
        related="company_id.cae_alsace_moselle", readonly=False
    )

    def action_cae_generate_public_holidays(self):
        """Button: the French public holidays in the company's working calendar."""
        self.ensure_one()
        return self.company_id.action_cae_generate_public_holidays()
