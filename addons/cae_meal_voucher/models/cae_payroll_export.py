from odoo import models


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

    # override: the meal voucher columns (a count, two amounts)
    def _cae_extra_columns(self):
        return super()._cae_extra_columns() + [
            (self.env._("Meal vouchers"), "meal_voucher_count", 0),
            (
                self.env._("Meal vouchers employer share"),
                "meal_voucher_employer_share",
                2,
            ),
            (
                self.env._("Meal vouchers employee share"),
                "meal_voucher_employee_share",
                2,
            ),
        ]
