from odoo import api, fields, models
from odoo.exceptions import ValidationError

# the legal accrual: 2.5 working days (jours ouvrables) a month, 30 a
# reference period (Code du travail L3141-3)
MONTHLY_DAYS = 2.5
YEARLY_DAYS = 30.0


class ResCompany(models.Model):
    _inherit = "res.company"

    cae_leave_type_id = fields.Many2one(
        "hr.leave.type",
        string="Paid leave type",
        readonly=True,
        help="The time off type of the salaried entrepreneurs' paid leave, "
        "created with its accrual plan.",
    )
    cae_leave_plan_id = fields.Many2one(
        "hr.leave.accrual.plan", string="Paid leave accrual plan", readonly=True
    )
    cae_leave_reference_period = fields.Selection(
        [("june", "June to May"), ("calendar", "Calendar year")],
        string="Paid leave reference period",
        default="june",
        required=True,
        help="Leave accrues over this period (30 working days at most); the "
        "balance is carried over on its first day.",
    )
    cae_leave_allow_negative = fields.Boolean(
        string="Allow a negative leave balance",
        help="Entrepreneurs may ask for leave beyond their balance, up to the "
        "maximum below (the time off type's own negative cap).",
    )
    cae_leave_max_negative = fields.Integer(
        string="Maximum negative balance (days)", default=5
    )
    cae_leave_provision = fields.Boolean(
        string="Provision the paid leave",
        help="The état des comptes of each activity shows the cost of the "
        "leave its salaried entrepreneurs have left, and its available "
        "treasury is lowered by it.",
    )
    cae_leave_days_per_month = fields.Float(
        string="Working days a month (leave cost)",
        default=26.0,
        digits=(16, 2),
        help="Daily cost of a day of leave = fixed monthly part x employer "
        "cost rate / this number (26 working days, Monday to Saturday, in an "
        "average month).",
    )

    @api.constrains("cae_leave_allow_negative", "cae_leave_max_negative")
    def _check_cae_leave_max_negative(self):
        for company in self:
            if company.cae_leave_allow_negative and company.cae_leave_max_negative < 1:
                raise ValidationError(
                    self.env._(
                        "A negative leave balance needs a maximum of at least one day."
                    )
                )

    @api.constrains("cae_leave_days_per_month")
    def _check_cae_leave_days_per_month(self):
        for company in self:
            if company.cae_leave_days_per_month <= 0:
                raise ValidationError(
                    self.env._("The working days a month must be more than zero.")
                )

    # override: the leave type and its accrual plan follow the settings
    def write(self, vals):
        result = super().write(vals)
        if {
            "cae_leave_reference_period",
            "cae_leave_allow_negative",
            "cae_leave_max_negative",
        } & set(vals):
            for company in self.filtered("cae_leave_type_id"):
                company._cae_sync_leave_config()
        return result

    def _cae_leave_type(self):
        """The paid leave type of the company, created with its accrual plan
        on first use."""
        self.ensure_one()
        if not self.cae_leave_type_id:
            # sudo: the type and plan are configuration (Time Off
            # administrators); they are created once per company, for the
            # contract flows of the admin team
            company = self.sudo()
            leave_type = (
                self.env["hr.leave.type"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Paid leave"),
                        "company_id": self.id,
                        "requires_allocation": "yes",
                        "employee_requests": "no",
                        "allocation_validation_type": "hr",
                        "leave_validation_type": "hr",
                        "request_unit": "day",
                        "time_type": "leave",
                        "cae_paid_leave": True,
                    }
                )
            )
            plan = (
                self.env["hr.leave.accrual.plan"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Paid leave: 2.5 working days a month"),
                        "time_off_type_id": leave_type.id,
                        "company_id": self.id,
                        "accrued_gain_time": "end",
                        "carryover_date": "other",
                        "carryover_day": 1,
                        "is_based_on_worked_time": False,
                        "cae_paid_leave": True,
                        "level_ids": [
                            fields.Command.create(
                                {
                                    "start_count": 0,
                                    "start_type": "day",
                                    "added_value": MONTHLY_DAYS,
                                    "added_value_type": "day",
                                    "frequency": "monthly",
                                    # the last day of the month
                                    "first_day": 31,
                                    "cap_accrued_time": False,
                                    "cap_accrued_time_yearly": True,
                                    "maximum_leave_yearly": YEARLY_DAYS,
                                    "action_with_unused_accruals": "all",
                                }
                            )
                        ],
                    }
                )
            )
            company.write(
                {"cae_leave_type_id": leave_type.id, "cae_leave_plan_id": plan.id}
            )
            self._cae_sync_leave_config()
        return self.cae_leave_type_id

    def _cae_sync_leave_config(self):
        """Write the settings onto the leave type (negative balance) and the
        accrual plan (carry-over on the first day of the reference period)."""
        self.ensure_one()
        # sudo: configuration records of hr_holidays, changed from the
        # company's own settings (system administrators)
        self.cae_leave_type_id.sudo().write(
            {
                "allows_negative": self.cae_leave_allow_negative,
                "max_allowed_negative": self.cae_leave_max_negative
                if self.cae_leave_allow_negative
                else 0,
            }
        )
        self.cae_leave_plan_id.sudo().write(
            {
                "carryover_month": "jun"
                if self.cae_leave_reference_period == "june"
                else "jan"
            }
        )
