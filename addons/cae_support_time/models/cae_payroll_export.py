from dateutil.relativedelta import relativedelta

from odoo import Command, models
from odoo.tools import date_utils

from odoo.addons.cae_payroll.models.cae_payroll_export import (
    CaePayrollExport as BaseExport,
)
from odoo.addons.cae_payroll.models.cae_payroll_export import csv_amount


class CaePayrollExport(models.Model):
    """The internal support column: the approved support time of each person
    (hours x rate), on her line of the activity it was spent for (else her
    first line). An entry enters the first export of its month or of a later
    month, once; an export of the same month made again carries it again.
    People who are not paid (CAPE holders) keep their approved time until a
    line of theirs exists."""

    _inherit = "cae.payroll.export"

    def _cae_support_times_to_pay(self, partners):
        self.ensure_one()
        next_month = date_utils.end_of(self.month, "month") + relativedelta(days=1)
        # sudo: the export (admin team only) pays every person's approved time
        return (
            self.env["cae.support.time"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", partners.ids),
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "approved"),
                    "|",
                    ("payroll_export_line_id.export_id.month", "=", self.month),
                    "&",
                    ("payroll_export_line_id", "=", False),
                    ("date", "<", next_month),
                ],
                order="date, id",
            )
        )

    def _cae_line_values(self):
        values = super()._cae_line_values()
        partners = self.env["res.partner"].browse({v["partner_id"] for v in values})
        entries = self._cae_support_times_to_pay(partners)
        first_of = {}
        by_key = {}
        for vals in values:
            vals["cae_support_time_amount"] = 0.0
            first_of.setdefault(vals["partner_id"], vals)
            by_key.setdefault((vals["partner_id"], vals["activity_id"]), vals)
        paid = {}
        for entry in entries:
            vals = by_key.get(
                (entry.partner_id.id, entry.activity_id.id),
                first_of[entry.partner_id.id],
            )
            vals["cae_support_time_amount"] += entry.amount
            paid.setdefault(id(vals), []).append(entry.id)
        for vals in values:
            ids = paid.get(id(vals))
            if ids:
                vals["cae_support_time_ids"] = [Command.set(ids)]
        return values

    def _cae_support_time_column(self):
        """The column of the internal support: right after cae_payroll's own
        columns (other addons append theirs after it)."""
        return len(BaseExport._cae_header(self))

    def _cae_header(self):
        header = super()._cae_header()
        header.insert(self._cae_support_time_column(), self.env._("Internal support"))
        return header

    def _cae_csv_rows(self):
        rows = super()._cae_csv_rows()
        column = self._cae_support_time_column()
        for row, line in zip(rows[1:], self.line_ids, strict=True):
            row.insert(column, csv_amount(line.cae_support_time_amount))
        return rows
