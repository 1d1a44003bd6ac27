from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import date_utils


class ResCompany(models.Model):
    _inherit = "res.company"

    cae_structure_analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="CAE structure analytic account",
        help="Analytic account of the cooperative's own structure "
        "(receives the contributions).",
    )
    cae_default_validation_threshold = fields.Monetary(
        string="Default self-validation threshold (excl. VAT)",
        currency_field="currency_id",
        help="Amount excl. VAT up to which a trusted entrepreneur may confirm "
        "or post their own documents. Applies when the entrepreneur has no "
        "threshold of their own.",
    )

    # état des comptes: account prefixes of each figure ("-" excludes a prefix)
    cae_statement_revenue_prefixes = fields.Char(
        string="Revenue accounts", default="70"
    )
    cae_statement_purchase_prefixes = fields.Char(
        string="Purchase accounts", default="60,611"
    )
    cae_statement_salary_prefixes = fields.Char(
        string="Salary and social charge accounts", default="64"
    )
    cae_statement_contribution_prefixes = fields.Char(
        string="Contribution accounts", default="6586"
    )
    cae_statement_cash_prefixes = fields.Char(string="Cash accounts", default="5")
    cae_statement_customer_prefixes = fields.Char(
        string="Customer accounts", default="41"
    )
    cae_statement_tax_prefixes = fields.Char(
        string="Tax and social contribution accounts", default="42,-421,-425,43,44"
    )
    cae_statement_supplier_prefixes = fields.Char(
        string="Supplier accounts", default="40"
    )
    cae_statement_salary_due_prefixes = fields.Char(
        string="Salaries to pay accounts", default="421"
    )
    cae_statement_expense_due_prefixes = fields.Char(
        string="Expense sheets to pay accounts", default="425"
    )
    cae_employer_cost_rate = fields.Float(
        string="Employer cost rate",
        default=1.45,
        digits=(16, 4),
        help="Gross salary x this rate = employer cost, compared with the "
        "activity's available treasury.",
    )

    cae_expense_closing = fields.Selection(
        [("monthly", "Monthly"), ("quarterly", "Quarterly")],
        string="Expense closing",
        default="quarterly",
    )
    cae_expense_closing_day = fields.Integer(
        string="Closing day of the following month",
        default=15,
        help="Expenses of a period must be submitted by this day of the month "
        "following the period (0: no deadline).",
    )

    # the legal identity every document of the cooperative carries (Code de
    # commerce R123-237; L441-10 for the late-payment mentions)
    cae_legal_form = fields.Char(
        string="Legal form",
        help="Printed on every document, e.g. SCOP SA à capital variable.",
    )
    cae_share_capital = fields.Monetary(
        string="Share capital",
        currency_field="currency_id",
        help="Amount printed on the documents (the minimum capital for a "
        "variable-capital cooperative).",
    )
    cae_variable_capital = fields.Boolean(
        string="Variable capital",
        default=True,
        help="A cooperative's capital varies with its associates' shares: the "
        "documents say 'à capital variable'.",
    )
    cae_late_penalty_rate = fields.Char(
        string="Late-payment penalty rate",
        default="trois fois le taux d'intérêt légal",
        help="Printed on invoices to professional customers (mandatory mention).",
    )
    cae_recovery_fee = fields.Monetary(
        string="Recovery fee",
        currency_field="currency_id",
        default=40.0,
        help="Fixed recovery fee owed by a professional customer who pays late "
        "(40 € by law), printed on their invoices.",
    )

    cae_support_responsible_id = fields.Many2one(
        "res.users",
        string="Support team responsible",
        help="Receives the to-dos of the people who have no support advisor "
        "(legal deadlines, missing interviews, documents to validate).",
    )

    def _cae_support_responsible(self):
        """A real person of the support team: the responsible set on the
        company, else its first support user (never OdooBot)."""
        self.ensure_one()
        if self.cae_support_responsible_id.active:
            return self.cae_support_responsible_id
        group = self.env.ref("cae_member.cae_member_group_support")
        # sudo: the users of the support group are read to assign a to-do,
        # whoever triggers it (a cron, an entrepreneur's submission)
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", group.ids),
                    ("company_ids", "in", self.ids),
                    ("share", "=", False),
                ],
                order="id",
                limit=1,
            )
        )

    def _cae_bank_account(self):
        """The bank account the customers pay to: that of the first bank
        journal, else the company's first one."""
        self.ensure_one()
        # sudo: journals are read for the documents of entrepreneurs, who have
        # no accounting rights; only the company's own bank account is taken
        journal = (
            self.env["account.journal"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.id),
                    ("type", "=", "bank"),
                    ("bank_account_id", "!=", False),
                ],
                limit=1,
            )
        )
        return journal.bank_account_id or self.sudo().partner_id.bank_ids[:1]

    def _cae_expense_deadline(self, date):
        """Last day to submit the expenses dated ``date`` (False: none)."""
        self.ensure_one()
        if not self.cae_expense_closing_day:
            return False
        granularity = "quarter" if self.cae_expense_closing == "quarterly" else "month"
        end = date_utils.end_of(date, granularity)
        return end + relativedelta(days=self.cae_expense_closing_day)

    @api.model
    def _cae_activity_plan(self):
        """The analytic plan holding one account per activity (created once)."""
        plan = self.env.ref(
            "cae_member.analytic_plan_activities", raise_if_not_found=False
        )
        if not plan:
            plan = (
                self.env["account.analytic.plan"]
                .sudo()
                .create({"name": self.env._("CAE activities")})
            )
        return plan

    def _cae_structure_account(self):
        """The CAE structure's analytic account, created on first use."""
        self.ensure_one()
        if not self.cae_structure_analytic_account_id:
            account = (
                self.env["account.analytic.account"]
                .sudo()
                .create(
                    {
                        "name": self.env._("CAE structure"),
                        "code": "CAE",
                        "plan_id": self._cae_activity_plan().id,
                        "company_id": self.id,
                    }
                )
            )
            self.sudo().cae_structure_analytic_account_id = account
        return self.cae_structure_analytic_account_id

    # override: a new company gets the CAE's structure analytic account
    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        for company in companies:
            company._cae_structure_account()
        return companies
