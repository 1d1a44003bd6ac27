from odoo import api, fields, models
from odoo.exceptions import AccessError


class ReportContributionStatement(models.AbstractModel):
    """Contribution statement of an activity for a fiscal year: month by month,
    then bracket by bracket on the base reached."""

    _name = "report.cae_contribution.report_contribution_statement"
    _description = "Contribution statement"

    @api.model
    def _get_report_values(self, docids, data=None):
        activities = self.env["cae.activity"].browse(docids)
        user = self.env.user
        if user._cae_is_entrepreneur_only() and (activities - user._cae_activities()):
            raise AccessError(
                self.env._("You can only print the statement of your own activities.")
            )
        date = fields.Date.to_date(
            (data or {}).get("date")
        ) or fields.Date.context_today(self)
        docs = []
        for activity in activities.sudo():
            company = activity.company_id
            fiscal_year = company.compute_fiscalyear_dates(date)
            date_from, date_to = fiscal_year["date_from"], fiscal_year["date_to"]
            lines = (
                self.env["cae.contribution.line"]
                .sudo()
                .search(
                    [
                        ("activity_id", "=", activity.id),
                        ("date_from", "=", date_from),
                    ],
                    order="date_to, id",
                )
            )
            last = lines[-1:]
            scale = last.scale_id
            docs.append(
                {
                    "activity": activity,
                    "company": company,
                    "date_from": date_from,
                    "date_to": date_to,
                    "lines": lines,
                    "scale": scale,
                    "total": sum(lines.mapped("amount")),
                    "explanation": scale._cae_explain(last.base_ytd, last.date_to)
                    if scale and last
                    else "",
                }
            )
        return {"doc_ids": docids, "doc_model": "cae.activity", "docs": docs}
