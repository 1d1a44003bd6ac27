from odoo import Command, api, fields, models

from ..models.cae_contribution_run import _last_month_end

# the values of a contribution line the preview shows
PREVIEW_FIELDS = (
    "activity_id",
    "scale_id",
    "base_ytd",
    "due_ytd",
    "levied_before",
    "amount",
)


class CaeContributionRunWizard(models.TransientModel):
    """The form of the monthly levy: previews the amount of each activity,
    then creates a ``cae.contribution.run`` for the date and company chosen,
    which levies exactly what was previewed, and lists its lines."""

    _name = "cae.contribution.run.wizard"
    _description = "Run the monthly contribution"

    date_to = fields.Date(string="Up to", required=True, default=_last_month_end)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("choose", "Choose"), ("preview", "Previewed")],
        default="choose",
        required=True,
    )
    line_ids = fields.One2many(
        "cae.contribution.run.wizard.line",
        "wizard_id",
        string="Lines to levy",
        readonly=True,
    )
    amount_total = fields.Monetary(string="Amount to levy", compute="_compute_total")
    run_id = fields.Many2one(
        "cae.contribution.run", string="Contribution run", readonly=True
    )

    @api.depends("line_ids.amount")
    def _compute_total(self):
        for wizard in self:
            wizard.amount_total = sum(wizard.line_ids.mapped("amount"))

    def action_preview(self):
        """The lines the run would create, per activity, without levying."""
        self.ensure_one()
        vals_list = (
            self.env["cae.contribution.run"]
            .with_company(self.company_id)
            ._cae_preview_vals(self.company_id, self.date_to)
        )
        self.write(
            {
                "state": "preview",
                "line_ids": [Command.clear()]
                + [
                    Command.create({name: vals[name] for name in PREVIEW_FIELDS})
                    for vals in vals_list
                ],
            }
        )
        return self._cae_reopen()

    def action_back(self):
        self.ensure_one()
        self.write({"state": "choose", "line_ids": [Command.clear()]})
        return self._cae_reopen()

    def action_post(self):
        """Levy what was previewed: the run posts exactly these amounts, or
        nothing when the figures changed since the preview."""
        self.ensure_one()
        expected = {line.activity_id.id: line.amount for line in self.line_ids}
        return self._cae_run(expected)

    def action_run(self):
        """Levy without a preview (the run computes and posts at once)."""
        self.ensure_one()
        return self._cae_run()

    def _cae_run(self, expected=None):
        run = (
            self.env["cae.contribution.run"]
            .with_company(self.company_id)
            .create({"company_id": self.company_id.id, "date_to": self.date_to})
        )
        # a button: who may not write runs may not execute them
        run.check_access("write")
        run.with_company(self.company_id)._cae_execute(expected=expected)
        self.run_id = run
        if run.state in ("queued", "running"):
            # a background run: its form shows the progress
            return {
                "type": "ir.actions.act_window",
                "res_model": run._name,
                "res_id": run.id,
                "view_mode": "form",
                "target": "current",
            }
        # the lines levied, as before the runs were recorded; the run's form
        # is one click away (its column, the runs menu)
        return run.action_view_lines()

    def _cae_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Run the contribution"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }


class CaeContributionRunWizardLine(models.TransientModel):
    """What the run would levy on one activity, shown before posting."""

    _name = "cae.contribution.run.wizard.line"
    _description = "Contribution to levy (preview)"
    _order = "activity_id"

    wizard_id = fields.Many2one(
        "cae.contribution.run.wizard", required=True, ondelete="cascade"
    )
    activity_id = fields.Many2one("cae.activity", required=True)
    scale_id = fields.Many2one("cae.contribution.scale")
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    base_ytd = fields.Monetary(
        string="Base year to date",
        help="Gross margin of the fiscal year up to the date: the contribution base.",
    )
    due_ytd = fields.Monetary(string="Due year to date")
    levied_before = fields.Monetary()
    amount = fields.Monetary(string="To levy")
