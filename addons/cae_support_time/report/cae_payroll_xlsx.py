from odoo import models


class CaePayrollVariablesXlsx(models.AbstractModel):
    _inherit = "report.cae_payroll.payroll_variables_xlsx"

    # override: the internal support column, a number in its own column
    def generate_xlsx_report(self, workbook, data, exports):
        super().generate_xlsx_report(workbook, data, exports)
        money = workbook.add_format({"num_format": "#,##0.00"})
        sheets = workbook.worksheets()[-len(exports) :] if exports else []
        for sheet, export in zip(sheets, exports, strict=True):
            column = export._cae_support_time_column()
            for row, line in enumerate(export.line_ids, start=1):
                sheet.write_number(
                    row, column, line.cae_support_time_amount or 0.0, money
                )
