import base64
import csv
import io

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import date_utils


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
        export.line_ids = [(0, 0, vals) for vals in export._cae_line_values()]
        export._cae_write_csv()
        return export

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
        expenses = (
            self.env["hr.expense"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("state", "=", "approved"),
                    ("date", "<=", end),
                ],
                ["employee_id", "cae_activity_id"],
                ["total_amount:sum"],
            )
        )
        expense_of = {
            (employee.id, activity.id): amount
            for employee, activity, amount in expenses
        }
        values = []
        for contract in contracts.sorted(lambda c: c.partner_id.name or ""):
            partner = contract.partner_id
            employee = employee_of.get(partner.id, self.env["hr.employee"])
            main = contract.activity_id or partner.cae_activity_ids[:1]
            activities = main | partner.cae_activity_ids.filtered(
                lambda a, p=partner, e=employee: (
                    (p.id, a.id) in request_of or (e.id, a.id) in expense_of
                )
            )
            for activity in activities:
                request = request_of.get((partner.id, activity.id))
                is_main = activity == main
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
                        "expenses": expense_of.get((employee.id, activity.id), 0.0),
                        "leave_days": request.leave_days if request else 0.0,
                    }
                )
        return values

    def _cae_csv_rows(self):
        self.ensure_one()
        header = [
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
        rows = [header]
        for line in self.line_ids:
            rows.append(
                [
                    line.payroll_ref,
                    line.partner_id.name,
                    line.activity_code,
                    line.contract_type,
                    f"{line.fixed_part:.2f}".replace(".", ","),
                    f"{line.requested_variable:.2f}".replace(".", ","),
                    f"{line.hours:.2f}".replace(".", ","),
                    f"{line.expenses:.2f}".replace(".", ","),
                    f"{line.leave_days:.1f}".replace(".", ","),
                ]
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
        return self.env.ref("cae_member.cae_payroll_export_xlsx").report_action(self)
