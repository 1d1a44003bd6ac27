import base64
import csv
import io

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import date_utils

# a spreadsheet reads a cell starting with one of these as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value):
    """A text cell of the CSV as a spreadsheet will read it: never a formula
    (OWASP "CSV injection": a leading quote keeps it text)."""
    text = value or ""
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_amount(value, digits=2):
    """An amount written by us, French style: a number, never escaped."""
    return f"{value or 0.0:.{digits}f}".replace(".", ",")


class CaePayrollExport(models.Model):
    """The month's pay variables sent to the payroll provider, kept with
    their file."""

    _name = "cae.payroll.export"
    _description = "Payroll variables export"
    _inherit = ["mail.thread"]
    _order = "month desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    month = fields.Date(required=True, readonly=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    line_ids = fields.One2many("cae.payroll.export.line", "export_id", readonly=True)
    csv_file = fields.Binary(string="CSV file", attachment=True, readonly=True)
    csv_filename = fields.Char(readonly=True)
    line_count = fields.Integer(compute="_compute_line_count")

    @api.depends("month")
    def _compute_name(self):
        for export in self:
            export.name = (
                self.env._(
                    "Pay variables %(month)s", month=export.month.strftime("%Y-%m")
                )
                if export.month
                else False
            )

    @api.depends("line_ids")
    def _compute_line_count(self):
        for export in self:
            export.line_count = len(export.line_ids)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        raise UserError(
            self.env._("A payroll export is kept as evidence: it cannot be deleted.")
        )

    @api.model
    def _cae_generate(self, month, company=None):
        """Create the export of ``month`` (a date in it) with its lines and file."""
        company = company or self.env.company
        month = date_utils.start_of(fields.Date.to_date(month), "month")
        export = self.create({"month": month, "company_id": company.id})
        values = export._cae_line_values()
        expense_ids = [vals.pop("cae_expense_ids") for vals in values]
        request_ids = [vals.pop("cae_request_id") for vals in values]
        # created in the order of the values (line_ids reads back sorted)
        lines = self.env["cae.payroll.export.line"].create(
            [
                dict(vals, export_id=export.id, currency_id=export.currency_id.id)
                for vals in values
            ]
        )
        # sudo: the export (admin team only) records which line pays each
        # request and reimburses each expense, whoever's they are
        for line, expenses, request in zip(
            lines, expense_ids, request_ids, strict=True
        ):
            self.env["hr.expense"].sudo().browse(expenses).write(
                {"cae_payroll_export_line_id": line.id}
            )
            if request:
                self.env["cae.salary.request"].sudo().browse(request).write(
                    {"payroll_export_line_id": line.id, "exported": True}
                )
        export._cae_write_csv()
        return export

    def _cae_expenses_to_carry(self, employees):
        """Approved expenses this export reimburses: each expense is
        reimbursed once. An expense enters the first export of the month of
        its approval or of a later month, and no other; exporting a month
        again carries the same expenses as the first export of that month.
        """
        self.ensure_one()
        next_month = fields.Datetime.to_datetime(
            date_utils.end_of(self.month, "month") + relativedelta(days=1)
        )
        Expense = self.env["hr.expense"].sudo()
        return Expense.search(
            [
                ("employee_id", "in", employees.ids),
                ("company_id", "=", self.company_id.id),
                "|",
                "&",
                ("cae_payroll_export_id.month", "=", self.month),
                ("state", "in", ("approved", "done")),
                "&",
                "&",
                ("cae_payroll_export_line_id", "=", False),
                ("state", "=", "approved"),
                "|",
                ("sheet_id.approval_date", "<", next_month),
                "&",
                ("sheet_id.approval_date", "=", False),
                ("date", "<", next_month.date()),
            ],
            order="date, id",
        )

    def _cae_line_values(self):
        """One line per person under a running CESA in the month, and per
        activity when the person works for several. CAPE holders are not
        employees: they are not paid."""
        self.ensure_one()
        start, end = self.month, date_utils.end_of(self.month, "month")
        contracts = (
            self.env["cae.contract"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("contract_type", "=", "cesa"),
                    ("state", "in", ("running", "ended")),
                    ("date_start", "<=", end),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", start),
                ]
            )
        )
        contracts = contracts.filtered(
            lambda c: (
                not c.partner_id.cae_exit_date or c.partner_id.cae_exit_date >= start
            )
        )
        partners = contracts.partner_id
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("work_contact_id", "in", partners.ids),
                    ("company_id", "=", self.company_id.id),
                ]
            )
        )
        employee_of = {e.work_contact_id.id: e for e in employees}
        requests = (
            self.env["cae.salary.request"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", partners.ids),
                    ("month", "=", start),
                    ("company_id", "=", self.company_id.id),
                ]
            )
        )
        request_of = {(r.partner_id.id, r.activity_id.id): r for r in requests}
        expenses = self._cae_expenses_to_carry(employees)
        expenses_of = {}
        for expense in expenses:
            key = (expense.employee_id.id, expense.cae_activity_id.id)
            expenses_of[key] = expenses_of.get(key, expenses.browse()) | expense
        values = []
        reimbursed = expenses.browse()
        for contract in contracts.sorted(lambda c: c.partner_id.name or ""):
            partner = contract.partner_id
            employee = employee_of.get(partner.id, self.env["hr.employee"])
            main = contract.activity_id or partner.cae_activity_ids[:1]
            activities = main | partner.cae_activity_ids.filtered(
                lambda a, p=partner, e=employee: (
                    (p.id, a.id) in request_of or (e.id, a.id) in expenses_of
                )
            )
            for activity in activities:
                request = request_of.get((partner.id, activity.id))
                is_main = activity == main
                # a person with two contracts in the month gets two lines:
                # an expense is still reimbursed on one of them only
                carried = (
                    expenses_of.get((employee.id, activity.id), expenses.browse())
                    - reimbursed
                )
                reimbursed |= carried
                values.append(
                    {
                        "partner_id": partner.id,
                        "employee_id": employee.id,
                        "payroll_ref": employee.cae_payroll_ref or "",
                        "activity_id": activity.id,
                        "activity_code": activity.code,
                        "contract_type": "CESA",
                        "fixed_part": contract.fixed_monthly_amount if is_main else 0.0,
                        "requested_variable": request.requested_variable
                        if request
                        else 0.0,
                        "hours": (request.hours if request and request.hours else 0.0)
                        or (contract.monthly_hours if is_main else 0.0),
                        "expenses": sum(carried.mapped("total_amount")),
                        "cae_expense_ids": carried.ids,
                        "cae_request_id": request.id if request else False,
                        "leave_days": request.leave_days if request else 0.0,
                    }
                )
        return values

    def _cae_extra_columns(self):
        """The columns other addons add to the pay variables, after
        cae_payroll's own, in the CSV and the XLSX alike: a list of
        ``(label, field of cae.payroll.export.line, digits)``. Extend it with
        ``super()._cae_extra_columns() + [...]``."""
        return []

    def _cae_header(self):
        return self._cae_own_header() + [
            label for label, _field, _digits in self._cae_extra_columns()
        ]

    def _cae_own_header(self):
        return [
            self.env._("Payroll reference"),
            self.env._("Name"),
            self.env._("Activity code"),
            self.env._("Contract type"),
            self.env._("Fixed part"),
            self.env._("Requested variable part"),
            self.env._("Hours"),
            self.env._("Expenses to reimburse"),
            self.env._("Leave (days)"),
        ]

    def _cae_csv_rows(self):
        """Header and lines of the CSV: text cells escaped, amounts
        formatted as French numbers."""
        self.ensure_one()
        rows = [[csv_text(label) for label in self._cae_header()]]
        extra = self._cae_extra_columns()
        for line in self.line_ids:
            rows.append(
                [csv_text(text) for text in line._cae_text_cells()]
                + [
                    csv_amount(value, digits)
                    for value, digits in zip(
                        line._cae_number_cells(), (2, 2, 2, 2, 1), strict=True
                    )
                ]
                + [csv_amount(line[name], digits) for _label, name, digits in extra]
            )
        return rows

    def _cae_write_csv(self):
        for export in self:
            buffer = io.StringIO()
            writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
            writer.writerows(export._cae_csv_rows())
            # UTF-8 with BOM: spreadsheets keep the accents
            data = buffer.getvalue().encode("utf-8-sig")
            month = export.month.strftime("%Y_%m")
            export.write(
                {
                    "csv_file": base64.b64encode(data),
                    "csv_filename": f"variables_paie_{month}.csv",
                }
            )

    def action_download_csv(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/csv_file/"
            f"{self.csv_filename}?download=true",
            "target": "self",
        }

    def action_download_xlsx(self):
        self.ensure_one()
        return self.env.ref("cae_payroll.cae_payroll_export_xlsx").report_action(self)
