from odoo import fields, models

from ..models.cae_contribution_run import _last_month_end


class CaeContributionRunWizard(models.TransientModel):
    """The form of the monthly levy: creates a ``cae.contribution.run`` for
    the date and company chosen, executes it and lists its lines."""

    _name = "cae.contribution.run.wizard"
    _description = "Run the monthly contribution"

    date_to = fields.Date(string="Up to", required=True, default=_last_month_end)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    run_id = fields.Many2one(
        "cae.contribution.run", string="Contribution run", readonly=True
    )

    def action_run(self):
        self.ensure_one()
        run = (
            self.env["cae.contribution.run"]
            .with_company(self.company_id)
            .create({"company_id": self.company_id.id, "date_to": self.date_to})
        )
        run.action_execute()
        self.run_id = run
        # the lines levied, as before the runs were recorded; the run's form
        # is one click away (its column, the runs menu)
        return run.action_view_lines()
