from odoo import api, fields, models


class HrExpense(models.Model):
    _inherit = "hr.expense"

    cae_payroll_export_line_id = fields.Many2one(
        "cae.payroll.export.line",
        string="Reimbursed by the pay line",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="cae_member.cae_member_group_admin",
        help="The payroll export line that reimburses this expense: an "
        "approved expense enters one payroll export only.",
    )
    cae_payroll_export_id = fields.Many2one(
        "cae.payroll.export",
        string="Reimbursed by the payroll export",
        related="cae_payroll_export_line_id.export_id",
        store=True,
        index="btree_not_null",
        groups="cae_member.cae_member_group_admin",
    )

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

    # override: a kilometre allowance is the distance times the rate of its year
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
