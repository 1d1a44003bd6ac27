from odoo import models


class CaePayrollVariablesXlsx(models.AbstractModel):
    """The pay variables as a spreadsheet: every text cell is written as
    text (``write_string``), so a name beginning with ``=`` stays a name and
    never becomes a formula; amounts are numbers."""

    _name = "report.cae_payroll.payroll_variables_xlsx"
    _description = "Payroll variables export (XLSX)"
    _inherit = "report.report_xlsx.abstract"

    def get_workbook_options(self):
        # a second lock: even a plain write() keeps text as text
        return {
            **super().get_workbook_options(),
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        }

    def generate_xlsx_report(self, workbook, data, exports):
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        for export in exports:
            sheet = workbook.add_worksheet(export.month.strftime("%Y-%m"))
            for col, label in enumerate(export._cae_header()):
                sheet.write_string(0, col, label, bold)
            for row, line in enumerate(export.line_ids, start=1):
                texts = line._cae_text_cells()
                for col, text in enumerate(texts):
                    sheet.write_string(row, col, text)
                numbers = line._cae_number_cells() + [
                    line[name] for _label, name, _digits in export._cae_extra_columns()
                ]
                for col, value in enumerate(numbers, start=len(texts)):
                    sheet.write_number(row, col, value or 0.0, money)
            sheet.set_column(0, 8, 18)
