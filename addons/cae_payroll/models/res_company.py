from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    cae_mileage_product_id = fields.Many2one(
        "product.product",
        string="Kilometre allowance product",
        help="Expense product whose unit price is the kilometre rate of the year.",
    )

    def _cae_salary_journal(self):
        """The "Salaires" journal of the payroll entries (created on first use)."""
        self.ensure_one()
        Journal = self.env["account.journal"].sudo()
        journal = Journal.search(
            [("company_id", "=", self.id), ("cae_payroll", "=", True)], limit=1
        ) or Journal.search(
            [("company_id", "=", self.id), ("code", "=", "SAL")], limit=1
        )
        if journal and not journal.cae_payroll:
            journal.cae_payroll = True
        return journal or Journal.create(
            {
                "name": self.env._("Salaries"),
                "code": "SAL",
                "type": "general",
                "company_id": self.id,
                "cae_payroll": True,
            }
        )
