from odoo import api, fields, models


class HrExpense(models.Model):
    _inherit = "hr.expense"

    cae_activity_id = fields.Many2one(
        "cae.activity",
        string="Activity",
        index=True,
        check_company=True,
        default=lambda self: self.env.user._cae_default_activity(),
    )

    @api.depends("cae_activity_id")
    def _compute_analytic_distribution(self):
        super()._compute_analytic_distribution()
        for expense in self.filtered("cae_activity_id"):
            expense.analytic_distribution = {
                str(expense.cae_activity_id.sudo().analytic_account_id.id): 100
            }

    def _cae_mileage_rates(self):
        """{expense: rate of its year} for kilometre allowance expenses."""
        mileage = self.filtered(
            lambda e: (
                e.product_id
                and e.product_id == e.company_id.cae_mileage_product_id
                and e.date
            )
        )
        if not mileage:
            return {}
        rates = self.env["cae.mileage.rate"].search(
            [
                ("year", "in", list({e.date.year for e in mileage})),
                ("company_id", "in", mileage.company_id.ids),
            ]
        )
        rate_of = {(r.company_id.id, r.year): r.rate for r in rates}
        return {
            expense: rate_of[expense.company_id.id, expense.date.year]
            for expense in mileage
            if (expense.company_id.id, expense.date.year) in rate_of
        }

    @api.depends("date", "product_id")
    def _compute_total_amount_currency(self):
        res = super()._compute_total_amount_currency()
        # kilometre allowance: distance x the rate of the expense's year
        for expense, rate in self._cae_mileage_rates().items():
            if expense.state in ("draft", "reported"):
                expense.total_amount_currency = expense.currency_id.round(
                    expense.quantity * rate
                )
        return res
