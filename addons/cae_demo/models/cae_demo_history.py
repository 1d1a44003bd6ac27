"""A year of history for the demo CAE (demo data only, never called by the
modules themselves): the accounting of the demo activities, written by the
generator shared with the benchmark (``cae_demo/generator.py``)."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .. import generator


class CaeActivity(models.Model):
    _inherit = "cae.activity"

    @api.model
    def _cae_demo_history(self, months=12, seed=2026):
        """The ``months`` months before this one of the company's activities
        that have entrepreneurs: invoices, bills, payments, payroll, VAT."""
        company = self.env.company
        first = fields.Date.context_today(self).replace(day=1)
        activities = self.search(
            [("company_id", "=", company.id), ("member_ids", "!=", False)]
        )
        generator.history(
            self.env,
            company,
            activities,
            first - relativedelta(months=months),
            months=months,
            seed=seed,
        )
        return True
