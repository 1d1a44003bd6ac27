import base64
import csv
import io

from odoo import Command, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

COLUMNS = ("reference", "account", "label", "debit", "credit", "activity")


def parse_amount(text):
    text = (text or "").strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return 0.0
    if "," in text and "." in text:
        text = text.replace(".", "")
    return float(text.replace(",", "."))


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

    def _read_rows(self):
        raw = base64.b64decode(self.file or b"")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ";", ";,\t")
        reader = csv.reader(io.StringIO(text), dialect)
        rows = [row for row in reader if any(cell.strip() for cell in row)]
        if not rows:
            raise UserError(self.env._("The file is empty."))
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
            try:
                line_debit, line_credit = (
                    parse_amount(row["debit"]),
                    parse_amount(row["credit"]),
                )
            except ValueError:
                problems.append(self.env._("the amounts are not numbers"))
                line_debit = line_credit = 0.0
            if problems:
                errors.append(
                    self.env._(
                        "line %(number)s: %(problems)s",
                        number=number,
                        problems=", ".join(problems),
                    )
                )
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
