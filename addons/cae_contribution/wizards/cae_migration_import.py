from odoo import fields, models
from odoo.tools import date_utils

from odoo.addons.cae_member.wizards.cae_migration_import import LineError


class CaeMigrationImport(models.TransientModel):
    _inherit = "cae.migration.import"

    contributions_file = fields.Binary(string="Contribution already levied")
    contributions_filename = fields.Char()

    def _cae_file_kinds(self):
        kinds = super()._cae_file_kinds()
        kinds.insert(kinds.index("balances") + 1, "contributions")
        return kinds

    def _cae_file_columns(self, kind):
        if kind == "contributions":
            return ("ref", "activity_code", "date_to", "amount"), ()
        return super()._cae_file_columns(kind)

    def _cae_import_contributions(self, rows):
        """The contribution the former software levied in the current fiscal
        year: a line without entry, so that the next run levies only the
        difference (the levy itself is already in the opening balances)."""
        company = self.company_id
        Line = self.env["cae.contribution.line"]

        def create_one(number, row):
            activity = self._cae_activities([row["activity_code"]])
            date_to = self._cae_date(row, "date_to", required=True)
            amount = self._cae_amount(row, "amount")
            if amount < 0:
                raise LineError(self.env._("the amount levied cannot be negative"))
            date_from = date_utils.get_fiscal_year(
                date_to,
                day=company.fiscalyear_last_day,
                month=int(company.fiscalyear_last_month),
            )[0]
            line = Line.create(
                {
                    "activity_id": activity.id,
                    "date_from": date_from,
                    "date_to": date_to,
                    "levied_before": 0.0,
                    "amount": amount,
                    "company_id": company.id,
                }
            )
            self._cae_remember("contributions", row["ref"], line)

        return self._cae_run_lines(rows, create_one)
