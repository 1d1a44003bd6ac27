from odoo import models


class CaeFunderStatisticsXlsx(models.AbstractModel):
    _name = "report.cae_parcours.funder_statistics_xlsx"
    _description = "Funder statistics (XLSX)"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, wizards):
        bold = workbook.add_format({"bold": True})
        titles = {
            "stage": self.env._("Entries by stage"),
            "gender": self.env._("Gender"),
            "age": self.env._("Age band"),
            "territory": self.env._("Territory"),
            "prescriber": self.env._("Prescriber"),
            "entry_status": self.env._("Status at entry"),
            "exit_type": self.env._("Exits by type"),
        }
        labels = self._cae_labels()
        for wizard in wizards:
            sheet = workbook.add_worksheet(self.env._("Statistics"))
            sheet.write(0, 0, self.env._("Period"), bold)
            sheet.write(0, 1, f"{wizard.date_from} - {wizard.date_to}")
            row = 2
            for section, counts in wizard._cae_compute().items():
                sheet.write(row, 0, titles[section], bold)
                row += 1
                names = labels.get(section, {})
                for key, count in sorted(counts.items(), key=lambda kv: str(kv[0])):
                    sheet.write(row, 0, names.get(key, str(key)))
                    sheet.write_number(row, 1, count)
                    row += 1
                row += 1
            sheet.set_column(0, 0, 36)

    def _cae_labels(self):
        """{section: {key: label}}: a funder reads "Création d'entreprise",
        not the stored value company_creation."""
        unknown = {"unknown": self.env._("Unknown")}

        def selection(model, fname):
            field = self.env[model]._fields.get(fname)
            if not field or field.type != "selection":
                return {}
            return dict(field._description_selection(self.env))

        stages = selection("res.partner", "cae_status")
        stages.setdefault("candidate", self.env._("Candidate"))
        stages.setdefault("associate", self.env._("Associate"))
        return {
            "stage": stages,
            "gender": {**selection("res.partner", "cae_gender"), **unknown},
            "age": unknown,
            "entry_status": {
                **selection("res.partner", "cae_entry_status"),
                **unknown,
            },
            "exit_type": selection("cae.member.exit", "exit_type"),
            "territory": {},
            "prescriber": selection("res.partner", "cae_prescriber"),
        }
