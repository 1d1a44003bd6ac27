from odoo import models


class CaeTrainingBpfXlsx(models.AbstractModel):
    _name = "report.cae_training.bpf_xlsx"
    _description = "BPF export (XLSX)"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, bpfs):
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 14})
        money = workbook.add_format({"num_format": "#,##0.00"})
        number = workbook.add_format({"num_format": "0.00"})
        frames = dict(
            self.env["cae.training.bpf.line"]
            ._fields["frame"]
            ._description_selection(self.env)
        )
        header = [
            self.env._("Code"),
            self.env._("Label"),
            self.env._("Amount (excl. VAT)"),
            self.env._("Number of people"),
            self.env._("Hours"),
        ]
        for bpf in bpfs:
            company = bpf.company_id
            sheet = workbook.add_worksheet(bpf.name)
            sheet.write(
                0, 0, self.env._("Cerfa 10443 - %(name)s", name=bpf.name), title
            )
            sheet.write(1, 0, company.name)
            sheet.write(
                2,
                0,
                self.env._("NDA: %(number)s", number=company.cae_nda_number or ""),
            )
            row = 4
            for frame, label in frames.items():
                lines = bpf.line_ids.filtered(lambda line, f=frame: line.frame == f)
                if not lines:
                    continue
                sheet.write(row, 0, label, bold)
                row += 1
                sheet.write_row(row, 0, header, bold)
                row += 1
                for line in lines:
                    sheet.write(row, 0, line.code)
                    sheet.write(row, 1, line.name)
                    if frame in ("c", "d"):
                        sheet.write_number(row, 2, line.amount, money)
                    else:
                        sheet.write_number(row, 3, line.count)
                        sheet.write_number(row, 4, line.hours, number)
                    row += 1
                row += 1
            sheet.set_column(0, 0, 12)
            sheet.set_column(1, 1, 70)
            sheet.set_column(2, 4, 18)
