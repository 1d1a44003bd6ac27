from odoo import fields, models


class CaePayrollExportLine(models.Model):
    _inherit = "cae.payroll.export.line"

    meal_voucher_count = fields.Integer(string="Meal vouchers")
    meal_voucher_employer_share = fields.Monetary(string="Meal vouchers employer share")
    meal_voucher_employee_share = fields.Monetary(
        string="Meal vouchers employee share",
        help="Deducted from the net pay.",
    )

    def _cae_meal_voucher_cells(self):
        self.ensure_one()
        return [
            self.meal_voucher_count,
            self.meal_voucher_employer_share,
            self.meal_voucher_employee_share,
        ]

    # override: the meal voucher figures after the payroll's own (the CSV adds
    # them itself, see cae.payroll.export._cae_csv_rows)
    def _cae_number_cells(self):
        cells = super()._cae_number_cells()
        if self.env.context.get("cae_meal_voucher_cells", True):
            cells += self._cae_meal_voucher_cells()
        return cells
