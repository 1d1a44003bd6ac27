from dateutil.relativedelta import relativedelta

from odoo import Command, models
from odoo.tools import date_utils


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

    # override: the internal support column (hours x rate)
    def _cae_extra_columns(self):
        return super()._cae_extra_columns() + [
            (self.env._("Internal support"), "cae_support_time_amount", 2)
        ]
