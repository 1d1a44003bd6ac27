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
