from odoo import models

from odoo.addons.cae_payroll.models.cae_payroll_export import csv_amount


class CaePayrollExport(models.Model):
    _inherit = "cae.payroll.export"

    # override: each line carries the validated meal vouchers of its person and
    # activity for the month (count, employer share, employee share to deduct)
    def _cae_line_values(self):
        values = super()._cae_line_values()
        for vals in values:
            vals.update(
                meal_voucher_count=0,
                meal_voucher_employer_share=0.0,
                meal_voucher_employee_share=0.0,
            )
        # sudo: the export (admin team only) reads every person's vouchers
        months = (
            self.env["cae.meal.voucher.month"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("month", "=", self.month),
                    ("state", "=", "validated"),
                ]
            )
        )
        by_key = {(v["partner_id"], v["activity_id"]): v for v in values}
        by_person = {}
        for vals in values:
            by_person.setdefault(vals["partner_id"], vals)
        for month in months:
            vals = by_key.get((month.partner_id.id, month.activity_id.id)) or (
                by_person.get(month.partner_id.id)
            )
            if vals is None:
                continue
            vals["meal_voucher_count"] += month.voucher_count
            vals["meal_voucher_employer_share"] += month.employer_share
            vals["meal_voucher_employee_share"] += month.employee_share
        return values

    # override: the meal voucher columns after the payroll's own
    def _cae_header(self):
        header = super()._cae_header()
        if self.env.context.get("cae_meal_voucher_cells", True):
            header += self._cae_meal_voucher_header()
        return header

    def _cae_meal_voucher_header(self):
        return [
            self.env._("Meal vouchers"),
            self.env._("Meal vouchers employer share"),
            self.env._("Meal vouchers employee share"),
        ]

    # override: cae_payroll formats its own number cells; the meal voucher
    # cells are added here with their own format (a count, two amounts)
    def _cae_csv_rows(self):
        rows = super(
            CaePayrollExport, self.with_context(cae_meal_voucher_cells=False)
        )._cae_csv_rows()
        rows[0] += self._cae_meal_voucher_header()
        for row, line in zip(rows[1:], self.line_ids, strict=True):
            count, employer, employee = line._cae_meal_voucher_cells()
            row += [str(count), csv_amount(employer), csv_amount(employee)]
        return rows
