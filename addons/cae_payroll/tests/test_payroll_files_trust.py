"""The payroll files an entrepreneur's data goes through: the payroll
journal import, the payslip archive and the pay variables export (issue 14)."""

import base64
import csv
import io

import openpyxl

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PayrollCommon


@tagged("post_install", "-at_install")
class TestPayrollFilesTrust(PayrollCommon):
    def _payroll_file(self, lines, encoding="utf-8"):
        text = "reference;account;label;debit;credit;activity\r\n" + "\r\n".join(
            ";".join(line) for line in lines
        )
        return base64.b64encode(text.encode(encoding))

    def _import(self, data):
        wizard = (
            self.env["cae.payroll.import"]
            .with_user(self.user_admin)
            .create({"file": data, "date": "2025-03-31"})
        )
        return wizard.action_import()

    def test_payroll_import_refuses_bad_files(self):
        """Issue 14: both debit and credit, all zero, non-finite or absurd
        amounts, binary or undecodable files: a message naming the line,
        nothing written."""
        good = [
            ("PAY-A", "641100", "Salaire Anne", "1000,00", "", ""),
            ("PAY-A", "421000", "Net Anne", "", "1000,00", ""),
        ]
        moves = self.env["account.move"].search_count([])
        cases = [
            (
                [
                    ("PAY-A", "641100", "Salaire Anne", "1000,00", "1000,00", ""),
                    good[1],
                    ("PAY-A", "641100", "Salaire Anne", "1000,00", "", ""),
                ],
                r"line 2: the line has both a debit and a credit",
            ),
            (
                [
                    ("PAY-A", "641100", "Salaire Anne", "0,00", "", ""),
                    ("PAY-A", "421000", "Net Anne", "", "0", ""),
                ],
                "the file has no amount",
            ),
        ]
        for bad in ("nan", "inf", "-inf", "Infinity", "1e300", "-100,00", "12abc"):
            cases.append(
                (
                    [good[0], ("PAY-A", "421000", "Net Anne", "", bad, "")],
                    r"line 3: the amounts must be positive numbers",
                )
            )
        cases.append(
            (
                [good[0], ("PAY-A", "421000", "Net Anne", "", "1" + "0" * 300, "")],
                r"line 3: the amount is out of range",
            )
        )
        for lines, message in cases:
            with (
                self.subTest(message=message, lines=lines),
                self.assertRaisesRegex(UserError, message),
            ):
                self._import(self._payroll_file(lines))
        png = base64.b64encode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
        with self.assertRaisesRegex(UserError, "binary data"):
            self._import(png)
        with self.assertRaisesRegex(UserError, "neither UTF-8 nor Windows-1252"):
            self._import(base64.b64encode(b"reference;account\r\n\x81\x8d\x8f;\x90"))
        with self.assertRaisesRegex(UserError, "header line"):
            self._import(base64.b64encode("Ça n'est pas un journal".encode("cp1252")))
        self.assertEqual(self.env["account.move"].search_count([]), moves)
        # a Windows-1252 file with accents is read
        accents = [
            ("PAY-A", "641100", "Salaire Hélène", "1 000,00", "", ""),
            ("PAY-A", "421000", "Net à payer", "", "1000.00", ""),
            ("PAY-A", "431000", "Ligne à zéro", "0,00", "", ""),
        ]
        move = self.env["account.move"].browse(
            self._import(self._payroll_file(accents, "cp1252"))["res_id"]
        )
        self.assertEqual(len(move.line_ids), 2, "the zero line books nothing")
        self.assertIn("Salaire Hélène", move.line_ids.mapped("name"))

    def test_payslip_zip_not_a_zip(self):
        attachment = self.env["ir.attachment"].create(
            {"name": "lot.zip", "datas": base64.b64encode(b"PK\x03\x04 broken")}
        )
        wizard = (
            self.env["cae.payslip.import"]
            .with_user(self.user_admin)
            .create({"attachment_ids": [Command.set(attachment.ids)]})
        )
        with self.assertRaisesRegex(UserError, "lot.zip is not a zip archive"):
            wizard.action_distribute()
        self.assertFalse(self.env["cae.payslip"].search([]))

    def test_export_text_stays_text(self):
        """Issue 14: a name beginning with = is text in the CSV and the
        XLSX; amounts stay numbers."""
        self.partner_a.name = '=HYPERLINK("http://x","y")'
        self.employee_a.cae_payroll_ref = "+33"
        self.activity_a.code = "@ACT"
        self.env["cae.salary.request"].create(
            {
                "partner_id": self.partner_a.id,
                "activity_id": self.activity_a.id,
                "month": "2025-03-01",
                "requested_variable": -250.0,
            }
        )
        export = self._export("2025-03-01")
        rows = list(
            csv.reader(
                io.StringIO(base64.b64decode(export.csv_file).decode("utf-8-sig")),
                delimiter=";",
            )
        )
        row = next(r for r in rows if r[1].startswith("'="))
        self.assertEqual(row[:3], ["'+33", '\'=HYPERLINK("http://x","y")', "'@ACT"])
        self.assertEqual(row[4:6], ["1200,00", "-250,00"], "numbers stay numbers")
        content, _kind = self.env["ir.actions.report"]._render(
            "cae_payroll.cae_payroll_export_xlsx", export.ids
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        cells = {cell.value: cell for r in sheet.iter_rows(min_row=2) for cell in r[:3]}
        cell = cells['=HYPERLINK("http://x","y")']
        self.assertEqual(cell.data_type, "s")
        self.assertEqual(cells["+33"].data_type, "s")
        amounts = [c.value for r in sheet.iter_rows(min_row=2) for c in r[4:6]]
        self.assertIn(-250.0, amounts)
        self.assertIn(1200.0, amounts)
