import base64
import binascii
import csv
import io
import math
import re

from odoo import Command, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

COLUMNS = ("reference", "account", "label", "debit", "credit", "activity")

# no payroll line of a CAE comes near this: anything above is a broken file
MAX_AMOUNT = 10_000_000.0
MAX_AMOUNT_TEXT = "10 000 000"
# a month's payroll journal of a large CAE is a few thousand lines
MAX_LINES = 50_000


class SemicolonDialect(csv.excel):
    delimiter = ";"


AMOUNT_RE = re.compile(r"^\d+(\.\d+)?$")


def parse_amount(text):
    """A positive amount written 1234,56 / 1 234,56 / 1.234,56 / 1234.56.

    Raises ValueError for anything else: signs, exponents, ``nan``, ``inf``.
    """
    text = (text or "").strip().replace("\u00a0", "").replace("\u202f", "")
    text = text.replace(" ", "")
    if not text:
        return 0.0
    if "," in text and "." in text:
        text = text.replace(".", "")
    text = text.replace(",", ".")
    if not AMOUNT_RE.match(text):
        raise ValueError(text)
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


class CaePayrollImport(models.TransientModel):
    """The payroll provider's monthly accounting file becomes one posted
    entry in the "Salaires" journal, every line on its activity.

    CSV with a header line: reference;account;label;debit;credit;activity
    (reference = payroll reference of the person, activity = activity code,
    optional when the person has one activity or a CESA on one activity).
    """

    _name = "cae.payroll.import"
    _description = "Import the payroll journal"

    file = fields.Binary(required=True)
    filename = fields.Char()
    date = fields.Date(
        string="Accounting date", required=True, default=fields.Date.context_today
    )
    ref = fields.Char(string="Reference", default=lambda self: self.env._("Payroll"))
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    def _decode(self):
        """The file's text; a French error for anything that is not a text
        file in UTF-8 or Windows-1252 (what spreadsheets save)."""
        try:
            raw = base64.b64decode(self.file or b"")
        except (binascii.Error, ValueError) as exc:
            raise UserError(
                self.env._("The file could not be read: it is not a CSV file.")
            ) from exc
        if b"\x00" in raw:
            raise UserError(
                self.env._(
                    "The file is not a CSV text file (it holds binary data): "
                    "save the payroll journal as CSV."
                )
            )
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise UserError(
            self.env._(
                "The file is neither UTF-8 nor Windows-1252 text: save the "
                "payroll journal as CSV (UTF-8)."
            )
        )

    def _read_rows(self):
        text = self._decode()
        first = text.splitlines()[0] if text else ""
        try:
            dialect = csv.Sniffer().sniff(first or ";", ";,\t")
        except csv.Error:
            dialect = SemicolonDialect
        try:
            rows = [
                row
                for row in csv.reader(io.StringIO(text), dialect)
                if any(cell.strip() for cell in row)
            ]
        except csv.Error as exc:
            raise UserError(
                self.env._("The file is not a readable CSV file: %(error)s", error=exc)
            ) from exc
        if not rows:
            raise UserError(self.env._("The file is empty."))
        if len(rows) > MAX_LINES + 1:
            raise UserError(
                self.env._(
                    "The file has %(count)s lines: at most %(max)s can be imported "
                    "at once. Split it by month or by activity.",
                    count=len(rows) - 1,
                    max=MAX_LINES,
                )
            )
        header = [cell.strip().lower() for cell in rows[0]]
        missing = [c for c in COLUMNS[:5] if c not in header]
        if missing:
            raise UserError(
                self.env._(
                    "The file must start with the header line %(header)s "
                    "(missing: %(missing)s).",
                    header=";".join(COLUMNS),
                    missing=", ".join(missing),
                )
            )
        index = {name: header.index(name) for name in COLUMNS if name in header}
        for number, row in enumerate(rows[1:], start=2):
            yield (
                number,
                {
                    name: (row[i].strip() if i < len(row) else "")
                    for name, i in index.items()
                },
            )

    def _line_values(self):
        """Checked values of every line; refuses the whole file on any error."""
        self.ensure_one()
        company = self.company_id
        currency = company.currency_id
        rows = list(self._read_rows())
        refs = {row["reference"] for _n, row in rows if row["reference"]}
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [("cae_payroll_ref", "in", list(refs)), ("company_id", "=", company.id)]
            )
        )
        employee_of = {e.cae_payroll_ref: e for e in employees}
        codes = {row["account"] for _n, row in rows}
        accounts = (
            self.env["account.account"]
            .with_company(company)
            .search([("company_ids", "in", company.ids), ("code", "in", list(codes))])
        )
        account_of = {a.code: a for a in accounts}
        activities = (
            self.env["cae.activity"].sudo().search([("company_id", "=", company.id)])
        )
        activity_of = {a.code: a for a in activities}
        errors, values = [], []
        debit = credit = 0.0
        for number, row in rows:
            problems = []
            employee = employee_of.get(row["reference"])
            if row["reference"] and not employee:
                problems.append(
                    self.env._(
                        "unknown payroll reference %(ref)s", ref=row["reference"]
                    )
                )
            account = account_of.get(row["account"])
            if not account:
                problems.append(
                    self.env._("unknown account %(code)s", code=row["account"])
                )
            activity = activity_of.get(row.get("activity") or "")
            if row.get("activity") and not activity:
                problems.append(
                    self.env._("unknown activity code %(code)s", code=row["activity"])
                )
            if employee and not activity:
                activity = self._activity_of(employee)
                if not activity:
                    problems.append(
                        self.env._(
                            "%(name)s has several activities: give the activity code",
                            name=employee.name,
                        )
                    )
            line_debit = line_credit = 0.0
            try:
                line_debit, line_credit = (
                    parse_amount(row["debit"]),
                    parse_amount(row["credit"]),
                )
            except ValueError:
                problems.append(
                    self.env._(
                        "the amounts must be positive numbers such as 1234,56 "
                        "(debit %(debit)s, credit %(credit)s)",
                        debit=row["debit"] or "-",
                        credit=row["credit"] or "-",
                    )
                )
            else:
                if max(line_debit, line_credit) > MAX_AMOUNT:
                    problems.append(
                        self.env._(
                            "the amount is out of range (more than %(max)s)",
                            max=MAX_AMOUNT_TEXT,
                        )
                    )
                elif not currency.is_zero(line_debit) and not currency.is_zero(
                    line_credit
                ):
                    problems.append(
                        self.env._("the line has both a debit and a credit")
                    )
            if problems:
                errors.append(
                    self.env._(
                        "line %(number)s: %(problems)s",
                        number=number,
                        problems=", ".join(problems),
                    )
                )
                continue
            line_debit = currency.round(line_debit)
            line_credit = currency.round(line_credit)
            if currency.is_zero(line_debit) and currency.is_zero(line_credit):
                # a zero line books nothing
                continue
            debit += line_debit
            credit += line_credit
            values.append(
                {
                    "account_id": account.id,
                    "name": row["label"] or account.name,
                    "debit": line_debit,
                    "credit": line_credit,
                    "partner_id": employee.work_contact_id.id if employee else False,
                    "cae_activity_id": activity.id if activity else False,
                }
            )
        if not errors and not values:
            errors.append(self.env._("the file has no amount: nothing to book"))
        if not errors and float_compare(debit, credit, precision_digits=2):
            errors.append(
                self.env._(
                    "the file is not balanced: debit %(debit).2f, credit %(credit).2f",
                    debit=debit,
                    credit=credit,
                )
            )
        if errors:
            raise UserError(
                self.env._(
                    "The payroll file was not imported:\n%(errors)s",
                    errors="\n".join(errors),
                )
            )
        return values

    def _activity_of(self, employee):
        partner = employee.work_contact_id.sudo()
        contract = partner.cae_contract_ids.filtered(
            lambda c: (
                c.contract_type == "cesa"
                and c.state in ("running", "ended")
                and c.activity_id
            )
        )[:1]
        if contract:
            return contract.activity_id
        return partner.cae_activity_ids if len(partner.cae_activity_ids) == 1 else False

    def action_import(self):
        self.ensure_one()
        values = self._line_values()
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.company_id._cae_salary_journal().id,
                "date": self.date,
                "ref": self.ref,
                "company_id": self.company_id.id,
                "line_ids": [Command.create(vals) for vals in values],
            }
        )
        move.action_post()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": move.id,
            "view_mode": "form",
        }
