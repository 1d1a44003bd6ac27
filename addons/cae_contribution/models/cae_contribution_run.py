from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import date_utils, format_amount, format_date, split_every

from odoo.addons.queue_job.delay import chain

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
        {
            "date_to",
            "date_from",
            "company_id",
            "user_id",
            "date_done",
            "state",
            "chunk_count",
            "chunk_done",
            "job_error",
        }
    )
    # what a background run changes until it ends (its jobs write them)
    _cae_progress_fields = frozenset(
        {"date_from", "date_done", "state", "chunk_done", "job_error"}
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
        [
            ("draft", "Draft"),
            ("queued", "Queued"),
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
        help="Queued, running: a background run levies one entry at a time; "
        "failed: it stopped, the entries posted before stay and the next run "
        "levies the rest.",
    )
    chunk_count = fields.Integer(
        string="Entries to post", readonly=True, help="Chunks of a background run."
    )
    chunk_done = fields.Integer(string="Entries posted", readonly=True)
    progress = fields.Float(compute="_compute_progress")
    job_error = fields.Text(string="Error", readonly=True)
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

    @api.depends("chunk_count", "chunk_done")
    def _compute_progress(self):
        for run in self:
            run.progress = (
                100.0 * run.chunk_done / run.chunk_count if run.chunk_count else 0.0
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
        frozen = self._cae_frozen_fields.intersection(vals)
        # a queued or running run moves on (its jobs); a run that ended or
        # was cancelled, and what a background run levies, stay as they were
        if frozen and self.filtered(
            lambda run: (
                run.state != "draft"
                and not (
                    run.state in ("queued", "running")
                    and frozen <= self._cae_progress_fields
                )
            )
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
        if self.filtered(lambda run: run.state not in ("draft", "cancelled")):
            raise UserError(
                self.env._(
                    "A contribution run that was executed is the trail of its "
                    "entries: it cannot be deleted. Archive it instead."
                )
            )

    def action_execute(self):
        """Levy the contribution of each draft run (its company, up to its
        date): one line per activity, posted entries of the company's number
        of activities each; in the background above the company's threshold."""
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
        self._cae_check_no_background_run(company)
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
        entries posted for the amounts that are not zero, the run done. Above
        the company's threshold of activities, the run is queued instead: a
        background job a chunk of activities (``_cae_job_levy_chunk``).

        ``expected``: the amounts previewed, {activity id: amount}; the run
        levies exactly those or nothing (new entries or another run since
        the preview changed the figures)."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("This contribution run was already executed."))
        company, date_to = self.company_id, self.date_to
        self._cae_lock(company)
        self._cae_check_no_background_run(company)
        company._cae_contribution_setup()
        self._cae_check_lock_date(company, date_to)
        line_vals = self.env["cae.contribution.levy"]._cae_levy_vals(company, date_to)
        if expected is not None:
            self._cae_check_expected(line_vals, expected)
        threshold = company.cae_contribution_job_threshold
        if threshold and len(line_vals) > threshold:
            return self._cae_enqueue(line_vals, expected)
        self._cae_levy(line_vals)
        self._cae_write_done()

    def _cae_levy(self, line_vals):
        """Post the entries of ``line_vals`` and create their lines."""
        currency = self.company_id.currency_id
        to_post = [vals for vals in line_vals if not currency.is_zero(vals["amount"])]
        moves = self._cae_post_entries(self.company_id, to_post)
        for vals, move in zip(to_post, moves, strict=True):
            vals["move_id"] = move.id
        self.env["cae.contribution.line"].create(
            [dict(vals, run_id=self.id) for vals in line_vals]
        )

    def _cae_write_done(self):
        company = self.company_id
        self.write(
            {
                "state": "done",
                "date_from": company.compute_fiscalyear_dates(self.date_to)[
                    "date_from"
                ],
                "date_done": fields.Datetime.now(),
            }
            | ({} if self.state == "running" else {"user_id": self.env.user.id})
        )

    @api.model
    def _cae_check_no_background_run(self, company):
        """Refuse while a background run of ``company`` is not over: the
        chunks it has not posted yet would be levied twice."""
        if self.search_count(
            [("company_id", "=", company.id), ("state", "in", ("queued", "running"))],
            limit=1,
        ):
            raise UserError(
                self.env._(
                    "A contribution run of %(company)s is already in progress: wait "
                    "for it to end, then run again.",
                    company=company.name,
                )
            )

    def _cae_enqueue(self, line_vals, expected=None):
        """Queue the levy of ``line_vals``: one job a chunk of the company's
        number of activities an entry, one after the other; each levies its
        activities again when it runs (and, after a preview, exactly what was
        previewed of them)."""
        company = self.company_id
        size = max(company.cae_contribution_chunk_size, 1)
        chunks = list(split_every(size, [vals["activity_id"] for vals in line_vals]))
        self.write(
            {
                "state": "queued",
                "chunk_count": len(chunks),
                "chunk_done": 0,
                "user_id": self.env.user.id,
            }
        )
        jobs = []
        for part, activity_ids in enumerate(chunks, start=1):
            jobs.append(
                self.delayable(
                    description=self.env._(
                        "%(run)s: entry %(part)s of %(parts)s",
                        run=self.display_name,
                        part=part,
                        parts=len(chunks),
                    ),
                )._cae_job_levy_chunk(
                    list(activity_ids),
                    # JSON keeps no integer keys: pairs
                    None
                    if expected is None
                    else [[a_id, expected[a_id]] for a_id in activity_ids],
                )
            )
        chain(*jobs).delay()
        self.message_post(
            body=self.env._(
                "%(count)s activities: levied in the background, %(parts)s entries.",
                count=len(line_vals),
                parts=len(chunks),
            )
        )
        return True

    def _cae_job_levy_chunk(self, activity_ids, expected=None):
        """The job of one chunk of a background run: levy ``activity_ids``
        (against the ``expected`` [activity id, amount] pairs of the preview),
        post their entry, count it; the run ends with its last chunk. A
        refusal (locked period, figures changed...) fails the run and tells
        its launcher; the chunks already posted stay."""
        self.ensure_one()
        run = self.with_company(self.company_id)
        if run.state not in ("queued", "running"):
            # the run failed or was ended by an earlier chunk: nothing to do
            return f"skipped: run {run.state}"
        company = run.company_id
        activities = self.env["cae.activity"].browse(activity_ids)
        try:
            with self.env.cr.savepoint():
                run._cae_lock(company)
                run._cae_check_lock_date(company, run.date_to)
                line_vals = self.env["cae.contribution.levy"]._cae_levy_vals(
                    company, run.date_to, activities=activities
                )
                if expected is not None:
                    run._cae_check_expected(line_vals, dict(expected))
                run._cae_levy(line_vals)
        except UserError as error:
            # what the chunk wrote is rolled back: so is the cache
            self.env.clear()
            run._cae_job_fail(error.args[0])
            return f"failed: {error.args[0]}"
        run.write({"state": "running", "chunk_done": run.chunk_done + 1})
        if run.chunk_done >= run.chunk_count:
            run._cae_write_done()
            run._cae_notify_launcher(
                self.env._(
                    "The contribution up to %(date)s is levied: %(count)s "
                    "activities, %(amount)s.",
                    date=format_date(self.env, run.date_to),
                    count=run.activity_count,
                    amount=self._cae_format_amount(run.amount_total),
                )
            )
        return f"levied {len(line_vals)} activities"

    def _cae_job_fail(self, message):
        """The run stops: failed, with ``message``, its launcher told."""
        self.ensure_one()
        self.write({"state": "failed", "job_error": message})
        self._cae_notify_launcher(
            self.env._(
                "The contribution run up to %(date)s failed after %(done)s of "
                "%(parts)s entries: %(error)s The entries posted stay; run the "
                "contribution again to levy the rest.",
                date=format_date(self.env, self.date_to),
                done=self.chunk_done,
                parts=self.chunk_count,
                error=message,
            )
        )

    def _cae_job_failed(self, exc_info=None, exc_name=None, exc_message=None, **kw):
        """queue_job's ``on_fail`` of a chunk that failed for good (an error
        that is not a refusal, after its retries): the run fails, the chunks
        waiting after it are cancelled."""
        for run in self.filtered(lambda r: r.state in ("queued", "running")):
            run._cae_job_fail(exc_message or exc_name or "")
            # sudo: the launcher is not a job queue manager; only this run's
            # own waiting jobs are cancelled
            waiting = (
                self.env["queue.job"]
                .sudo()
                .search(
                    [
                        ("model_name", "=", self._name),
                        ("method_name", "=", "_cae_job_levy_chunk"),
                        ("state", "=", "wait_dependencies"),
                    ]
                )
                .filtered(lambda job, r=run: job.records == r)
            )
            waiting.button_cancelled()

    def _cae_notify_launcher(self, message):
        """A message on the run that notifies its launcher (inbox or mail)."""
        self.ensure_one()
        self.message_post(
            body=Markup("<p>%s</p>") % message,
            partner_ids=self.user_id.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )

    def _cae_format_amount(self, amount):
        return format_amount(self.env, amount, self.currency_id)

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
        """Posted entries of the company's number of activities each: per
        activity, its expense line (which the activity pays: its état des
        comptes reads it), and the structure's income: one line an entry, on
        the structure's analytic account, labelled with the activity when
        the entry has one, else with the number of activities (half the
        items of one income line an activity: the posting is most of the
        run's time). Returns the entry of each of ``line_vals``, in their
        order."""
        if not line_vals:
            return []
        structure = company._cae_structure_account()
        expense = company.cae_contribution_expense_account_id
        income = company.cae_contribution_income_account_id
        activities = self.env["cae.activity"].browse(
            [v["activity_id"] for v in line_vals]
        )
        code_of = {activity.id: activity.code for activity in activities}
        # the activity's analytic account (required), as cae_member's compute
        # of the line sets it, read for all at once instead of a query a line
        # (sudo: as that compute, whoever runs the levy)
        analytic_of = {
            activity.id: activity.analytic_account_id.id
            for activity in activities.sudo()
        }
        # the entries are the company's books: their labels in its language and
        # date format, whoever runs the levy (the admin team, or the cron as OdooBot)
        env = self.with_context(lang=company.partner_id.lang or self.env.lang).env
        label = env._("Cooperative contribution")

        def expense_line(vals):
            return Command.create(
                {
                    "name": label,
                    "account_id": expense.id,
                    "cae_activity_id": vals["activity_id"],
                    "analytic_distribution": {
                        str(analytic_of[vals["activity_id"]]): 100
                    },
                    "debit": max(vals["amount"], 0.0),
                    "credit": max(-vals["amount"], 0.0),
                }
            )

        def income_line(chunk):
            amount = company.currency_id.round(sum(vals["amount"] for vals in chunk))
            if len(chunk) == 1:
                name = env._(
                    "Contribution of %(activity)s",
                    activity=code_of[chunk[0]["activity_id"]],
                )
            else:
                name = env._("Contributions of %(count)s activities", count=len(chunk))
            return Command.create(
                {
                    "name": name,
                    "account_id": income.id,
                    "analytic_distribution": {str(structure.id): 100},
                    "debit": max(-amount, 0.0),
                    "credit": max(amount, 0.0),
                }
            )

        def entry_ref(chunk):
            date = format_date(env, chunk[0]["date_to"])
            if len(chunk) == 1:
                return env._(
                    "Contribution %(activity)s up to %(date)s",
                    activity=code_of[chunk[0]["activity_id"]],
                    date=date,
                )
            return env._(
                "Contribution of %(count)s activities up to %(date)s",
                count=len(chunk),
                date=date,
            )

        size = max(company.cae_contribution_chunk_size, 1)
        chunks = list(split_every(size, line_vals))
        moves = self.env["account.move"].create(
            [
                {
                    "move_type": "entry",
                    "journal_id": company.cae_contribution_journal_id.id,
                    "date": chunk[0]["date_to"],
                    "ref": entry_ref(chunk),
                    "company_id": company.id,
                    "line_ids": [expense_line(vals) for vals in chunk]
                    + [income_line(chunk)],
                }
                for chunk in chunks
            ]
        )
        moves._post(soft=False)
        return [move for move, chunk in zip(moves, chunks, strict=True) for _v in chunk]
