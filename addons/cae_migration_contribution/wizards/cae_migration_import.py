import math

from odoo import fields, models

from odoo.addons.cae_migration.wizards.migration_handlers import MigrationHandler
from odoo.addons.cae_migration.wizards.migration_parser import LineError

# a contribution levied on one activity in one year stays far below this
MAX_AMOUNT = 1e9


class ContributionsHandler(MigrationHandler):
    """The contribution the former software levied in the current fiscal
    year: a line without entry, so that the next run levies only the
    difference (the levy itself is already in the opening balances)."""

    kind = "contributions"
    columns = (("ref", "activity_code", "date_to", "amount"), ())

    def create_one(self, number, row):
        activity = self.run.activities([row["activity_code"]])
        date_to = self.date(row, "date_to", required=True)
        amount = self.amount(row, "amount")
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
        date_from = self.company.compute_fiscalyear_dates(date_to)["date_from"]
        line = self.env["cae.contribution.line"].create(
            {
                "activity_id": activity.id,
                "date_from": date_from,
                "date_to": date_to,
                "levied_before": 0.0,
                "amount": amount,
                "company_id": self.company.id,
            }
        )
        self.remember(row["ref"], line)


class CaeMigrationImport(models.Model):
    _inherit = "cae.migration.import"

    contributions_file = fields.Binary(string="Contribution already levied")
    contributions_filename = fields.Char()

    def _cae_handlers(self):
        """The contribution levied comes after the balances."""
        handlers = super()._cae_handlers()
        ordered = {}
        for kind, handler in handlers.items():
            ordered[kind] = handler
            if kind == "balances":
                ordered[ContributionsHandler.kind] = ContributionsHandler
        ordered.setdefault(ContributionsHandler.kind, ContributionsHandler)
        return ordered
