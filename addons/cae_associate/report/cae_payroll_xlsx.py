from odoo import models


class CaePayrollVariablesXlsx(models.AbstractModel):
    """The share deduction column of the pay variables spreadsheet, last."""

    _inherit = "report.cae_payroll.payroll_variables_xlsx"

    def generate_xlsx_report(self, workbook, data, exports):
        super().generate_xlsx_report(workbook, data, exports)
        money = workbook.add_format({"num_format": "#,##0.00"})
        sheets = workbook.worksheets()[-len(exports) :] if exports else []
        for sheet, export in zip(sheets, exports, strict=True):
            col = len(export._cae_header()) - 1
            for row, line in enumerate(export.line_ids, start=1):
                sheet.write_number(row, col, line.share_deduction or 0.0, money)
