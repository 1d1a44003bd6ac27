from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

TRAINER_CHECKS = [
    ("block", "Block"),
    ("warning", "Warning"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    cae_nda_number = fields.Char(
        string="Training declaration number (NDA)",
        help="Numéro de déclaration d'activité of the CAE as a training "
        "organisation, printed on every training document.",
    )
    cae_nda_region = fields.Char(
        string="NDA region",
        help="Region whose prefect registered the training declaration.",
    )
    cae_nda_mention = fields.Char(
        string="NDA mention", compute="_compute_cae_nda_mention"
    )
    cae_qualiopi_number = fields.Char(string="Qualiopi certificate number")
    cae_qualiopi_body = fields.Char(string="Qualiopi certifying body")
    cae_qualiopi_expiry = fields.Date(string="Qualiopi certificate expiry")
    cae_qualiopi_alert_days = fields.Integer(
        string="Qualiopi expiry alert (days)",
        default=90,
        help="The training manager is alerted this many days before the "
        "Qualiopi certificate expires.",
    )
    cae_qualiopi_state = fields.Selection(
        [
            ("none", "Not set"),
            ("valid", "Valid"),
            ("expiring", "Expiring soon"),
            ("expired", "Expired"),
        ],
        string="Qualiopi certificate status",
        compute="_compute_cae_qualiopi_state",
    )
    cae_training_manager_id = fields.Many2one(
        "res.users",
        string="Training manager",
        help="Person in charge of the training organisation: receives the "
        "Qualiopi and CPF alerts and signs the training documents.",
    )
    cae_trainer_check = fields.Selection(
        TRAINER_CHECKS,
        string="Trainer without mandatory workshops",
        default="block",
        required=True,
        help="Block: such a trainer cannot be set on a confirmed action. "
        "Warning: the action shows a warning.",
    )
    cae_trainer_initial_event_type_id = fields.Many2one(
        "event.type",
        string="Initial trainer workshop",
        help='Workshop every trainer must attend once ("Je (re)deviens '
        'formateur·rice").',
    )
    cae_trainer_followup_event_type_id = fields.Many2one(
        "event.type",
        string="Yearly trainer follow-up workshop",
        help="Workshop a trainer must attend every year after the initial one.",
    )
    cae_training_product_id = fields.Many2one(
        "product.product",
        string="Training product",
        help="Product of the quotes and invoices created from training actions.",
    )
    cae_training_needs_survey_id = fields.Many2one(
        "survey.survey", string="Needs analysis and positioning survey"
    )
    cae_training_hot_survey_id = fields.Many2one(
        "survey.survey", string="Hot satisfaction survey"
    )
    cae_training_cold_survey_id = fields.Many2one(
        "survey.survey", string="Cold satisfaction survey"
    )
    cae_bpf_salary_prefixes = fields.Char(
        string="BPF trainer salary accounts",
        default="64",
        help="Account prefixes separated by commas; a prefix starting with - "
        "is excluded (64,-645).",
    )
    cae_bpf_purchase_prefixes = fields.Char(
        string="BPF training purchase accounts",
        default="604,611,6226",
        help="Accounts of training services bought and trainer fees (cadre D): "
        "prefixes separated by commas, a prefix starting with - is excluded.",
    )

    cae_bpf_deadline_day = fields.Integer(
        string="BPF deadline (day)",
        default=31,
        help="Day of the yearly deadline of the BPF of the last closed year.",
    )
    cae_bpf_deadline_month = fields.Integer(
        string="BPF deadline (month)",
        default=5,
        help="Month of the yearly deadline of the BPF (31 May by default).",
    )
    cae_bpf_reminder_days = fields.Integer(
        string="BPF reminder (days)",
        default=30,
        help="The training manager gets a to-do this many days before the BPF "
        "deadline.",
    )

    @api.constrains("cae_bpf_deadline_day", "cae_bpf_deadline_month")
    def _check_cae_bpf_deadline(self):
        for company in self:
            try:
                company._cae_bpf_deadline(2025)
            except ValueError as error:
                raise ValidationError(
                    self.env._("The BPF deadline is not a valid day of the year.")
                ) from error

    def _cae_bpf_deadline(self, year):
        """The BPF deadline in ``year`` (for the BPF of ``year - 1``)."""
        self.ensure_one()
        return date(
            year, self.cae_bpf_deadline_month or 5, self.cae_bpf_deadline_day or 31
        )

    @api.depends("cae_qualiopi_expiry", "cae_qualiopi_alert_days")
    def _compute_cae_qualiopi_state(self):
        today = fields.Date.context_today(self)
        for company in self:
            expiry = company.cae_qualiopi_expiry
            if not expiry:
                company.cae_qualiopi_state = "none"
            elif expiry < today:
                company.cae_qualiopi_state = "expired"
            elif expiry <= today + relativedelta(days=company.cae_qualiopi_alert_days):
                company.cae_qualiopi_state = "expiring"
            else:
                company.cae_qualiopi_state = "valid"

    @api.depends("cae_nda_number", "cae_nda_region")
    @api.depends_context("lang")
    def _compute_cae_nda_mention(self):
        for company in self:
            company.cae_nda_mention = company._cae_nda_mention()

    def _cae_nda_mention(self):
        """The legal NDA sentence, or an empty string when not configured."""
        self.ensure_one()
        if not self.cae_nda_number:
            return ""
        return self.env._(
            "Training activity registered under number %(number)s with the "
            "prefect of region %(region)s.",
            number=self.cae_nda_number,
            region=self.cae_nda_region or "",
        )

    def _cae_training_manager_user(self):
        self.ensure_one()
        return self.cae_training_manager_id or self.env.ref("base.user_admin")

    @api.model
    def _cron_cae_qualiopi_alert(self):
        """Reminds the training manager of a Qualiopi certificate about to expire."""
        for company in self.search([("cae_qualiopi_expiry", "!=", False)]):
            if company.cae_qualiopi_state not in ("expiring", "expired"):
                continue
            user = company._cae_training_manager_user()
            self.env["mail.thread"].sudo().message_notify(
                partner_ids=user.partner_id.ids,
                subject=self.env._("Qualiopi certificate"),
                body=self.env._(
                    "The Qualiopi certificate %(number)s of %(company)s expires on "
                    "%(date)s: plan the renewal audit.",
                    number=company.cae_qualiopi_number or "",
                    company=company.name,
                    date=fields.Date.to_string(company.cae_qualiopi_expiry),
                ),
            )
