from odoo import models


class CaePayrollExportXlsx(models.AbstractModel):
    _name = "report.cae_member.payroll_export_xlsx"
    _description = "Payroll variables export (XLSX)"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, exports):
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        for export in exports:
            sheet = workbook.add_worksheet(export.month.strftime("%Y-%m"))
            rows = export._cae_csv_rows()
            sheet.write_row(0, 0, rows[0], bold)
            for row, line in enumerate(export.line_ids, start=1):
                sheet.write_row(
                    row,
                    0,
                    [
                        line.payroll_ref,
                        line.partner_id.name,
                        line.activity_code,
                        line.contract_type,
                    ],
                )
                for col, value in enumerate(
                    [
                        line.fixed_part,
                        line.requested_variable,
                        line.hours,
                        line.expenses,
                        line.leave_days,
                    ],
                    start=4,
                ):
                    sheet.write_number(row, col, value, money)
            sheet.set_column(0, 8, 18)
