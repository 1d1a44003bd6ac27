from odoo import api, fields, models


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

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        for company in companies:
            company._cae_structure_account()
        return companies
