import math

from odoo import fields, models

from odoo.addons.cae_migration.wizards.cae_migration_import import LineError

# a contribution levied on one activity in one year stays far below this
MAX_AMOUNT = 1e9


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
            # nan compares false to everything: refuse it (and inf, 1e300)
            # before any comparison lets it through
            if not math.isfinite(amount) or abs(amount) >= MAX_AMOUNT:
                raise LineError(
                    self.env._(
                        "amount: %(value)s is not a plausible amount levied",
                        value=row.get("amount"),
                    )
                )
            if amount < 0:
                raise LineError(self.env._("the amount levied cannot be negative"))
            date_from = company.compute_fiscalyear_dates(date_to)["date_from"]
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
