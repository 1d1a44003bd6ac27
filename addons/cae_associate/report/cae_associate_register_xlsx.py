from odoo import models


class ReportAssociateRegisterXlsx(models.AbstractModel):
    """The register of associates as a spreadsheet: the associates, then the
    movements. Text cells are written as text, never as formulas."""

    _name = "report.cae_associate.associate_register_xlsx"
    _description = "Register of associates (XLSX)"
    _inherit = "report.report_xlsx.abstract"

    def get_workbook_options(self):
        return {
            **super().get_workbook_options(),
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        }

    def generate_xlsx_report(self, workbook, data, subscriptions):
        _ = self.env._
        subscriptions = subscriptions.filtered("is_validated")
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        day = workbook.add_format({"num_format": "dd/mm/yyyy"})
        sheet = workbook.add_worksheet(_("Associates"))
        header = [
            _("Associate"),
            _("Associate since"),
            _("Shares subscribed"),
            _("Shares redeemed"),
            _("Shares held"),
            _("Amount subscribed"),
            _("Amount paid"),
            _("Amount refunded"),
            _("Balance due"),
        ]
        for col, label in enumerate(header):
            sheet.write_string(0, col, label, bold)
        for row, values in enumerate(subscriptions._cae_register_associates(), 1):
            sheet.write_string(row, 0, values["partner"].name or "")
            sheet.write_datetime(row, 1, values["date"], day)
            for col, key in enumerate(
                ("shares_subscribed", "shares_redeemed", "shares_held"), 2
            ):
                sheet.write_number(row, col, values[key])
            for col, key in enumerate(
                ("amount", "amount_paid", "amount_refunded", "amount_due"), 5
            ):
                sheet.write_number(row, col, values[key], money)
        sheet.set_column(0, len(header) - 1, 18)
        sheet = workbook.add_worksheet(_("Movements"))
        header = [
            _("Date"),
            _("Associate"),
            _("Movement"),
            _("Shares"),
            _("Amount"),
            _("Origin"),
        ]
        for col, label in enumerate(header):
            sheet.write_string(0, col, label, bold)
        for row, move in enumerate(subscriptions._cae_register_movements(), 1):
            sheet.write_datetime(row, 0, move["date"], day)
            sheet.write_string(row, 1, move["partner"].name or "")
            sheet.write_string(row, 2, move["kind"])
            sheet.write_number(row, 3, move["shares"])
            sheet.write_number(row, 4, move["amount"], money)
            sheet.write_string(row, 5, move["origin"])
        sheet.set_column(0, len(header) - 1, 18)
