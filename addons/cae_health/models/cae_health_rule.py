from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

VISIT_TYPES = [
    ("hiring", "Hiring (information and prevention visit)"),
    ("periodic", "Periodic"),
    ("return", "Return to work"),
    ("request", "On request"),
]

# the employee types under an employment contract (the others, Odoo's
# contractors and freelancers — CAPE holders —, are not followed)
SALARIED_TYPES = ("employee", "worker", "student", "trainee")

# the legal delays (Code du travail R4624-10, R4624-16, R4624-28, R4624-31):
# visit type, reinforced follow-up, delay, unit; a minor, an apprentice or a
# night worker is seen before taking the post (R4624-18): the admin team
# sets 0 days on the rules of their employee type
LEGAL_DELAYS = [
    ("hiring", False, 3, "months"),
    ("hiring", True, 0, "days"),
    ("periodic", False, 5, "years"),
    ("periodic", True, 2, "years"),
    ("return", False, 8, "days"),
    ("return", True, 8, "days"),
    ("request", False, 0, "days"),
    ("request", True, 0, "days"),
]

# the company's rules on creation, for every salaried employee type:
# employee type, visit type, reinforced follow-up, delay, unit
DEFAULT_RULES = [
    (employee_type, *delay)
    for employee_type in SALARIED_TYPES
    for delay in LEGAL_DELAYS
]


class CaeHealthRule(models.Model):
    """When a visit is due: for an employee type and a visit type (and
    reinforced follow-up or not), a delay after the visit's reference date."""

    _name = "cae.health.rule"
    _description = "Occupational health follow-up rule"
    _order = "company_id, employee_type, visit_type, reinforced"
    _check_company_auto = True

    employee_type = fields.Selection(
        selection=lambda self: (
            self.env["hr.employee"]
            ._fields["employee_type"]
            ._description_selection(self.env)
        ),
        required=True,
        default="employee",
    )
    visit_type = fields.Selection(VISIT_TYPES, required=True)
    reinforced = fields.Boolean(
        string="Reinforced follow-up",
        help="Rule of the employees under reinforced follow-up (SIR: posts with "
        "particular risks).",
    )
    delay = fields.Integer(required=True)
    delay_unit = fields.Selection(
        [("days", "Days"), ("months", "Months"), ("years", "Years")],
        required=True,
        default="months",
    )
    reference = fields.Char(string="Counted from", compute="_compute_reference")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _sql_constraints = [
        (
            "rule_uniq",
            "unique(company_id, employee_type, visit_type, reinforced)",
            "There is already a rule for this employee type and visit type.",
        ),
        ("delay_positive", "check(delay >= 0)", "A delay cannot be negative."),
    ]

    @api.depends("visit_type")
    def _compute_reference(self):
        labels = {
            "hiring": self.env._("the start of the CESA"),
            "periodic": self.env._("the previous visit"),
            "return": self.env._("the return-to-work date"),
            "request": self.env._("the request"),
        }
        for rule in self:
            rule.reference = labels.get(rule.visit_type, "")

    def _due_date(self, reference_date):
        """The due date of a visit whose reference date is ``reference_date``."""
        self.ensure_one()
        return reference_date + relativedelta(**{self.delay_unit: self.delay})
