from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import date_utils


class CaeContributionRun(models.Model):
    _inherit = "cae.contribution.run"

    @api.model
    def _cae_demo_history_runs(self, months=12):
        """Demo data: the monthly runs of the past year, oldest first, up to
        the month before last (the monthly cron does last month)."""
        today = fields.Date.context_today(self)
        for company in self.env["cae.activity"].search([]).company_id:
            for n in range(months, 1, -1):
                date_to = date_utils.end_of(today - relativedelta(months=n), "month")
                self.with_company(company)._cae_run(company, date_to)
