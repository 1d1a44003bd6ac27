from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import date_utils, format_date

# advisory lock namespace of the contribution run (with the company id)
LOCK_KEY = 72_617_001


def _last_month_end(record):
    return date_utils.end_of(
        fields.Date.context_today(record) - relativedelta(months=1), "month"
    )


class CaeContributionRun(models.Model):
    """One monthly levy of a company: who ran it, when, up to which day, and
    the lines and entries it created. The amounts come from
    ``cae.contribution.levy``; a run that levied is never deleted."""

    _name = "cae.contribution.run"
    _description = "Contribution run"
    _inherit = ["mail.thread"]
    _order = "date_to desc, id desc"
    _check_company_auto = True
    # what a run that is no longer a draft keeps as it was run
    _cae_frozen_fields = frozenset(
        {"date_to", "date_from", "company_id", "user_id", "date_done", "state"}
    )

    date_to = fields.Date(
        string="Up to",
        required=True,
        index=True,
        tracking=True,
        default=_last_month_end,
        help="Levy date: the contribution due for the fiscal year up to this day.",
    )
    date_from = fields.Date(string="Fiscal year start", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Run by",
        default=lambda self: self.env.user,
        readonly=True,
    )
    date_done = fields.Datetime(string="Run on", readonly=True)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done"), ("cancelled", "Cancelled")],
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
    )
    active = fields.Boolean(default=True)
    line_ids = fields.One2many(
        "cae.contribution.line", "run_id", string="Lines", readonly=True
    )
    move_ids = fields.Many2many(
        "account.move", string="Entries", compute="_compute_move_ids"
    )
    move_count = fields.Integer(string="Entry count", compute="_compute_move_ids")
    activity_count = fields.Integer(
        string="Activities", compute="_compute_totals", store=True
    )
    amount_total = fields.Monetary(
        string="Amount levied", compute="_compute_totals", store=True, tracking=True
    )

    @api.depends("date_to")
    def _compute_display_name(self):
        for run in self:
            run.display_name = self.env._(
                "Contribution up to %(date)s", date=run.date_to or "..."
            )

    @api.depends("line_ids.move_id")
    def _compute_move_ids(self):
        for run in self:
            run.move_ids = run.line_ids.move_id
            run.move_count = len(run.move_ids)

    @api.depends("line_ids.amount", "line_ids.activity_id")
    def _compute_totals(self):
        for run in self:
            run.activity_count = len(run.line_ids.activity_id)
            run.amount_total = sum(run.line_ids.mapped("amount"))

    def write(self, vals):
        if self._cae_frozen_fields.intersection(vals) and self.filtered(
            lambda run: run.state != "draft"
        ):
            raise UserError(
                self.env._(
                    "A contribution run that was executed or cancelled cannot be "
                    "changed: run the contribution again to levy the differences."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if self.filtered(lambda run: run.state == "done"):
            raise UserError(
                self.env._(
                    "A contribution run that was executed is the trail of its "
                    "entries: it cannot be deleted. Archive it instead."
                )
            )

    def action_execute(self):
        """Levy the contribution of each draft run (its company, up to its
        date): one line and one posted entry per activity to levy."""
        # a button: who may not write runs may not execute them
        self.check_access("write")
        for run in self:
            run.with_company(run.company_id)._cae_execute()
        return True

    def action_cancel(self):
        self.check_access("write")
        if self.filtered(lambda run: run.state != "draft"):
            raise UserError(self.env._("Only a draft contribution run is cancelled."))
        self.write({"state": "cancelled"})
        return True

    def action_view_lines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Contributions levied"),
            "res_model": "cae.contribution.line",
            "view_mode": "list,form",
            "domain": [("run_id", "=", self.id)],
            "context": {"create": False},
        }

    def action_view_moves(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Contribution entries"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", self.move_ids.ids)],
            "context": {"create": False},
        }

    @api.model
    def _cae_run(self, company, date_to):
        """Create and execute the run of ``company`` up to ``date_to``; the
        lines it created (the cron, the demo, the wizard and tests call it)."""
        run = self.with_company(company).create(
            {"company_id": company.id, "date_to": date_to}
        )
        run._cae_execute()
        return run.line_ids

    @api.model
    def _cron_monthly_run(self):
        date_to = _last_month_end(self)
        for company in self.env["cae.activity"].search([]).company_id:
            self.with_company(company)._cae_run(company, date_to)

    @api.model
    def _cae_lock(self, company):
        self.env.cr.execute(
            "SELECT pg_try_advisory_xact_lock(%s, %s)", (LOCK_KEY, company.id)
        )
        if not self.env.cr.fetchone()[0]:
            raise UserError(
                self.env._(
                    "A contribution run of %(company)s is already in progress: wait "
                    "for it to end, then run again.",
                    company=company.name,
                )
            )

    @api.model
    def _cae_preview_vals(self, company, date_to):
        """The values of the lines a run of ``company`` up to ``date_to``
        would create, computed without levying anything (the preview)."""
        company._cae_contribution_setup()
        self._cae_check_lock_date(company, date_to)
        return self.env["cae.contribution.levy"]._cae_levy_vals(company, date_to)

    @api.model
    def _cae_check_lock_date(self, company, date_to):
        journal = company.cae_contribution_journal_id
        lock_date = company._get_user_fiscal_lock_date(journal)
        if lock_date and date_to <= lock_date:
            raise UserError(
                self.env._(
                    "The period up to %(date)s is locked (lock date %(lock)s): "
                    "nothing was levied.",
                    date=date_to,
                    lock=lock_date,
                )
            )

    def _cae_execute(self, expected=None):
        """The levy of this draft run: the lines of ``cae.contribution.levy``,
        an entry posted for each amount that is not zero, the run done.

        ``expected``: the amounts previewed, {activity id: amount}; the run
        levies exactly those or nothing (new entries or another run since
        the preview changed the figures)."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("This contribution run was already executed."))
        company, date_to = self.company_id, self.date_to
        self._cae_lock(company)
        company._cae_contribution_setup()
        self._cae_check_lock_date(company, date_to)
        line_vals = self.env["cae.contribution.levy"]._cae_levy_vals(company, date_to)
        currency = company.currency_id
        if expected is not None:
            self._cae_check_expected(line_vals, expected)
        to_post = [vals for vals in line_vals if not currency.is_zero(vals["amount"])]
        moves = self._cae_post_entries(company, to_post)
        for vals, move in zip(to_post, moves, strict=True):
            vals["move_id"] = move.id
        self.env["cae.contribution.line"].create(
            [dict(vals, run_id=self.id) for vals in line_vals]
        )
        self.write(
            {
                "state": "done",
                "date_from": company.compute_fiscalyear_dates(date_to)["date_from"],
                "date_done": fields.Datetime.now(),
                "user_id": self.env.user.id,
            }
        )

    def _cae_check_expected(self, line_vals, expected):
        """Raise unless ``line_vals`` levy the amounts of ``expected``."""
        currency = self.company_id.currency_id
        computed = {vals["activity_id"]: vals["amount"] for vals in line_vals}
        if computed.keys() != expected.keys() or any(
            currency.compare_amounts(amount, expected[activity_id])
            for activity_id, amount in computed.items()
        ):
            raise UserError(
                self.env._(
                    "The contribution changed since the preview (new entries, or "
                    "another run up to %(date)s): nothing was levied. Preview it "
                    "again.",
                    date=self.date_to,
                )
            )

    @api.model
    def _cae_post_entries(self, company, line_vals):
        """One posted entry per levy: the activity pays, the structure receives."""
        if not line_vals:
            return self.env["account.move"]
        structure = company._cae_structure_account()
        expense = company.cae_contribution_expense_account_id
        income = company.cae_contribution_income_account_id
        activities = self.env["cae.activity"].browse(
            [v["activity_id"] for v in line_vals]
        )
        code_of = {activity.id: activity.code for activity in activities}
        # the entries are the company's books: their labels in its language and
        # date format, whoever runs the levy (the admin team, or the cron as OdooBot)
        env = self.with_context(lang=company.partner_id.lang or self.env.lang).env
        label = env._("Cooperative contribution")
        moves = self.env["account.move"].create(
            [
                {
                    "move_type": "entry",
                    "journal_id": company.cae_contribution_journal_id.id,
                    "date": vals["date_to"],
                    "ref": env._(
                        "Contribution %(activity)s up to %(date)s",
                        activity=code_of[vals["activity_id"]],
                        date=format_date(env, vals["date_to"]),
                    ),
                    "company_id": company.id,
                    "line_ids": [
                        Command.create(
                            {
                                "name": label,
                                "account_id": expense.id,
                                "cae_activity_id": vals["activity_id"],
                                "debit": max(vals["amount"], 0.0),
                                "credit": max(-vals["amount"], 0.0),
                            }
                        ),
                        Command.create(
                            {
                                "name": env._(
                                    "Contribution of %(activity)s",
                                    activity=code_of[vals["activity_id"]],
                                ),
                                "account_id": income.id,
                                "analytic_distribution": {str(structure.id): 100},
                                "debit": max(-vals["amount"], 0.0),
                                "credit": max(vals["amount"], 0.0),
                            }
                        ),
                    ],
                }
                for vals in line_vals
            ]
        )
        moves._post(soft=False)
        return moves
