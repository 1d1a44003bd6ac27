"""Moving in from enDI or Louty: one wizard reads the migration files (CSV or
XLSX, one documented template per file), checks every line, and writes
everything or nothing.

The wizard only orchestrates: :mod:`.migration_parser` reads each file
(through ``base_import``'s readers) into checked lines, one handler per kind
of file (:mod:`.migration_handlers`, listed by ``_cae_handlers()``) creates
its records. A dry run does the whole import inside a savepoint and rolls it
back: the report it gives is exactly what the import would do. Every
imported line is remembered by its external reference, so running the same
files again creates nothing new.

Above ``cae_migration.background_lines`` lines (all files together), the dry
run and the import run as a background job (OCA ``queue_job``), never as a
long HTTP request: the import record shows its progress, keeps the per-line
report as a CSV attachment and notifies the user who started it.
"""

import base64
import csv
import io
import logging

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.exception import RetryableJobError

from .migration_handlers import HANDLERS, MigrationRun
from .migration_parser import DEFAULT_MAX_LINES, LineError, MigrationParser

_logger = logging.getLogger(__name__)

DEFAULT_BACKGROUND_LINES = 5000


class _Rollback(Exception):
    """Leaves the savepoint of a dry run or of a refused import."""


class CaeMigrationImport(models.Model):
    _name = "cae.migration.import"
    _inherit = ["mail.thread"]
    _description = "Migration import (from enDI, Louty or a spreadsheet)"
    _order = "id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    activities_file = fields.Binary(string="Activities")
    activities_filename = fields.Char()
    members_file = fields.Binary(string="Entrepreneurs")
    members_filename = fields.Char()
    contracts_file = fields.Binary(string="Contracts (status history)")
    contracts_filename = fields.Char()
    partners_file = fields.Binary(string="Customers and suppliers")
    partners_filename = fields.Char()
    balances_file = fields.Binary(string="Opening balances")
    balances_filename = fields.Char()
    documents_file = fields.Binary(string="Open quotes and unpaid invoices")
    documents_filename = fields.Char()
    opening_date = fields.Date(
        required=True,
        default=lambda self: self._default_opening_date(),
        help="Date of the opening entry: the first day handled in Odoo.",
    )
    opening_journal_id = fields.Many2one(
        "account.journal",
        domain="[('type', '=', 'general'), ('company_id', '=', company_id)]",
        default=lambda self: self._default_account("journal"),
    )
    cash_account_id = fields.Many2one(
        "account.account",
        string="Cash account",
        default=lambda self: self._default_account("cash"),
        help="Account of the cooperative's bank holding each activity's cash share.",
    )
    customer_account_id = fields.Many2one(
        "account.account", default=lambda self: self._default_account("customers")
    )
    supplier_account_id = fields.Many2one(
        "account.account", default=lambda self: self._default_account("suppliers")
    )
    tax_account_id = fields.Many2one(
        "account.account",
        string="Taxes due account",
        default=lambda self: self._default_account("taxes_due"),
    )
    revenue_account_id = fields.Many2one(
        "account.account",
        string="Revenue account (year to date)",
        default=lambda self: self._default_account("revenue_ytd"),
    )
    charge_account_id = fields.Many2one(
        "account.account",
        string="Charges account (year to date)",
        default=lambda self: self._default_account("charges_ytd"),
    )
    counterpart_account_id = fields.Many2one(
        "account.account",
        string="Opening counterpart account",
        default=lambda self: self._default_account("counterpart"),
        help="Equity account balancing each activity's opening lines.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Product of imported quote lines",
        help="Empty: a service product named after the migration is created.",
    )
    state = fields.Selection(
        [
            ("draft", "To check"),
            ("queued", "In progress"),
            ("checked", "Checked"),
            ("done", "Imported"),
            ("failed", "Failed"),
        ],
        default="draft",
        readonly=True,
        tracking=True,
    )
    report = fields.Text(readonly=True)
    error_count = fields.Integer(readonly=True)
    line_count = fields.Integer(
        string="Lines", readonly=True, help="Lines of all the files of this import."
    )
    job_commit = fields.Boolean(
        readonly=True, help="The background job imports (not a dry run)."
    )
    progress_ids = fields.One2many("cae.migration.progress", "import_id")
    progress = fields.Float(
        compute="_compute_progress", help="Lines done by the background job, in %."
    )
    report_file_id = fields.Many2one(
        "ir.attachment",
        string="Report file",
        readonly=True,
        help="Each line of each file and what became of it (CSV).",
    )

    @api.depends("state", "progress_ids.done", "progress_ids.total")
    def _compute_progress(self):
        for record in self:
            if record.state in ("checked", "done", "failed"):
                record.progress = 100.0
                continue
            progress = record.progress_ids[:1]
            record.progress = (
                100.0 * progress.done / progress.total if progress.total else 0.0
            )

    @api.depends("create_date")
    def _compute_display_name(self):
        for record in self:
            record.display_name = self.env._(
                "Migration import %(date)s",
                date=fields.Datetime.to_string(
                    fields.Datetime.context_timestamp(record, record.create_date)
                )[:16]
                if record.create_date
                else "",
            ).strip()

    # ------------------------------------------------------------------
    # defaults
    @api.model
    def _default_opening_date(self):
        today = fields.Date.context_today(self)
        return self.env.company.compute_fiscalyear_dates(today)["date_from"]

    @api.model
    def _default_account(self, what, company=None):
        company = company or self.env.company
        if what == "journal":
            return self.env["account.journal"].search(
                [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
            )
        Account = self.env["account.account"].with_company(company)
        base = [("company_ids", "in", company.ids), ("deprecated", "=", False)]
        if what == "cash":
            bank = self.env["account.journal"].search(
                [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
            )
            return bank.default_account_id or Account.search(
                [*base, ("account_type", "=", "asset_cash")], limit=1
            )
        if what == "customers":
            return company.partner_id.with_company(
                company
            ).property_account_receivable_id or Account.search(
                [*base, ("account_type", "=", "asset_receivable")], limit=1
            )
        if what == "suppliers":
            return company.partner_id.with_company(
                company
            ).property_account_payable_id or Account.search(
                [*base, ("account_type", "=", "liability_payable")], limit=1
            )
        prefixes = {
            "taxes_due": ("44571", "445", "44"),
            "revenue_ytd": ("706", "70"),
            "charges_ytd": ("604", "60"),
            "counterpart": ("110", "11"),
        }[what]
        for prefix in prefixes:
            account = Account.search(
                [*base, ("code", "=like", f"{prefix}%")], order="code", limit=1
            )
            if account:
                return account
        fallback = {
            "taxes_due": [("account_type", "=", "liability_current")],
            "revenue_ytd": [("account_type", "=", "income")],
            "charges_ytd": [("account_type", "=", "expense")],
            "counterpart": [("account_type", "=", "equity_unaffected")],
        }[what]
        return Account.search([*base, *fallback], limit=1)

    # ------------------------------------------------------------------
    # the files and their handlers
    @api.model
    def _cae_handlers(self):
        """{kind: handler class} in import order: an entry may refer to the
        ones before. An addon adds its kind of file here (and its
        ``<kind>_file`` and ``<kind>_filename`` fields)."""
        return {handler.kind: handler for handler in HANDLERS}

    @api.model
    def _cae_file_kinds(self):
        return list(self._cae_handlers())

    def _cae_file_label(self, kind):
        return self._fields[f"{kind}_file"].get_description(self.env)["string"]

    def _cae_max_lines(self):
        """Lines a file may have in one import: setting
        ``cae_migration.max_lines``."""
        return self._cae_int_param("cae_migration.max_lines", DEFAULT_MAX_LINES)

    def _cae_background_lines(self):
        """Above this many lines (all files together) the import runs in the
        background: setting ``cae_migration.background_lines``."""
        return self._cae_int_param(
            "cae_migration.background_lines", DEFAULT_BACKGROUND_LINES
        )

    def _cae_int_param(self, key, default):
        # the setting is the administrator's; the wizard only reads it
        value = self.env["ir.config_parameter"].sudo().get_param(key, str(default))
        try:
            return max(int(value), 1)
        except ValueError:
            return default

    def _cae_count_lines(self):
        """Lines of all the files (a file that cannot be read counts none:
        the import reports it)."""
        parser = MigrationParser(self.env, self._cae_max_lines())
        total = 0
        for kind in self._cae_file_kinds():
            if not self[f"{kind}_file"]:
                continue
            try:
                raw = base64.b64decode(self[f"{kind}_file"])
                rows = parser._read(raw, self[f"{kind}_filename"])
            except LineError:
                continue
            total += max(len([row for row in rows if any(row)]) - 1, 0)
        return total

    # ------------------------------------------------------------------
    # the import itself
    def action_dry_run(self):
        self.ensure_one()
        if self._cae_enqueue(commit=False):
            return self._cae_reopen()
        self._cae_process(commit=False)
        return self._cae_reopen()

    def action_import(self):
        self.ensure_one()
        if self._cae_enqueue(commit=True):
            return self._cae_reopen()
        self._cae_process(commit=True)
        if self.error_count:
            raise UserError(
                self.env._(
                    "Nothing was imported: correct these lines and import again.\n"
                    "%(report)s",
                    report=self.report,
                )
            )
        return self._cae_reopen()

    def _cae_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_download_report(self):
        self.ensure_one()
        if not self.report_file_id:
            raise UserError(self.env._("This import has no report file yet."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.report_file_id.id}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------------
    # the background job
    def _cae_enqueue(self, commit):
        """Above the threshold of lines, queues the job and returns True."""
        if self.state == "queued":
            raise UserError(
                self.env._("This import is already running in the background.")
            )
        kinds = self._cae_file_kinds()
        if not any(self[f"{kind}_file"] for kind in kinds):
            raise UserError(self.env._("Choose at least one file to import."))
        threshold = self._cae_background_lines()
        size = sum(
            len(base64.b64decode(self[f"{kind}_file"]))
            for kind in kinds
            if self[f"{kind}_file"]
        )
        # a line takes two bytes at least: small files are not read twice
        if size <= 2 * threshold:
            return False
        lines = self._cae_count_lines()
        if lines <= threshold:
            return False
        self.progress_ids.unlink()
        self.write(
            {
                "state": "queued",
                "job_commit": commit,
                "line_count": lines,
                "report": self.env._(
                    "%(lines)s lines: the import runs in the background. You "
                    "will be notified when it ends.",
                    lines=lines,
                ),
                "error_count": 0,
                "progress_ids": [fields.Command.create({"total": lines})],
            }
        )
        self.with_delay(
            description=self.env._("Migration import (%(lines)s lines)", lines=lines),
            channel="root.cae_migration",
        )._cae_job_run(commit)
        return True

    def _cae_job_run(self, commit):
        """The job: the whole import in one transaction, its progress written
        aside (committed at once, so that the form shows it), then the report
        file and the notification of the user who started it."""
        self.ensure_one()
        if self.state != "queued":
            # relevance first: already run (a retried job) or reset
            return False
        progress = self.progress_ids[:1]

        def on_progress(done):
            self._cae_write_progress(progress, done)

        try:
            with self.env.cr.savepoint():
                self._cae_process(commit=commit, on_progress=on_progress)
        except (
            RetryableJobError,
            psycopg2.errors.SerializationFailure,
            psycopg2.errors.LockNotAvailable,
        ):
            # queue_job retries these: nothing of this run is kept
            raise
        # any other error: reported to the user, nothing written
        except Exception as error:
            _logger.exception("migration import %s failed", self.id)
            self.env.invalidate_all()
            self.write(
                {
                    "state": "failed",
                    "error_count": 1,
                    "report": self.env._(
                        "The import stopped on an unexpected error, nothing was "
                        "written: %(error)s",
                        error=error.args[0] if error.args else repr(error),
                    ),
                }
            )
        self._cae_write_progress(progress, progress.total)
        self._cae_notify()
        return True

    def _cae_write_progress(self, progress, done):
        """Writes the progress in its own transaction, committed at once.

        Its own row (``cae.migration.progress``): the job's transaction never
        writes it, or the two transactions would conflict."""
        if not progress:
            return
        with self.env.registry.cursor() as cr:
            cr.execute(
                "UPDATE cae_migration_progress SET done = %s, "
                "write_date = (now() at time zone 'UTC') WHERE id = %s",
                (min(done, progress.total or done), progress.id),
            )
        progress.invalidate_recordset(["done"])

    def _cae_notify(self):
        """Tells the user who started the import how it ended (inbox)."""
        user = self.create_uid
        if self.state == "done":
            subject = self.env._("Migration import done")
        elif self.state == "failed":
            subject = self.env._("Migration import failed")
        elif self.error_count:
            subject = self.env._("Migration import: errors, nothing written")
        else:
            subject = self.env._("Migration dry run: 0 errors")
        self.message_post(
            subject=subject,
            body=self.report or subject,
            partner_ids=user.partner_id.ids,
            attachment_ids=self.report_file_id.ids,
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
        )

    def _cae_report_file(self, results):
        """The per-line report as a CSV attachment of the import."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(
            [
                self.env._("File"),
                self.env._("Line"),
                self.env._("Reference"),
                self.env._("Result"),
                self.env._("Message"),
            ]
        )
        writer.writerows(results)
        data = buffer.getvalue().encode("utf-8-sig")
        vals = {
            "name": self.env._("migration-report-%(id)s.csv", id=self.id),
            "raw": data,
            "mimetype": "text/csv",
            "res_model": self._name,
            "res_id": self.id,
        }
        if self.report_file_id:
            self.report_file_id.write(vals)
        else:
            self.report_file_id = self.env["ir.attachment"].create(vals)

    def _cae_process(self, commit, on_progress=None):
        """Import every file in a savepoint; roll it back on a dry run or on
        any error, so that nothing is ever half written."""
        self.ensure_one()
        kinds = self._cae_file_kinds()
        if not any(self[f"{kind}_file"] for kind in kinds):
            raise UserError(self.env._("Choose at least one file to import."))
        parser = MigrationParser(self.env, self._cae_max_lines())
        run = MigrationRun(self)
        run.on_progress = on_progress
        handlers = [handler(run) for handler in self._cae_handlers().values()]
        errors, counts = [], {}
        file_results = []
        try:
            with self.env.cr.savepoint():
                for handler in handlers:
                    kind = handler.kind
                    label = self._cae_file_label(kind)
                    try:
                        rows = parser.rows(
                            self[f"{kind}_file"],
                            self[f"{kind}_filename"],
                            handler.columns,
                        )
                    except LineError as error:
                        errors.append(f"{label}, {error}")
                        file_results.append((label, "", "", str(error)))
                        continue
                    if not rows:
                        continue
                    created, skipped, file_errors = handler.process(rows)
                    counts[kind] = (created, skipped)
                    errors += [f"{label}, {message}" for message in file_errors]
                if not errors:
                    for handler in handlers:
                        final = handler.final_errors()
                        handler.file_errors += final
                        errors += final
                self.env.flush_all()
                if errors or not commit:
                    raise _Rollback()
        except _Rollback:
            self.env.invalidate_all()
        done = commit and not errors
        self.write(
            {
                "report": self._cae_report(counts, errors, commit),
                "error_count": len(errors),
                "line_count": sum(len(handler.outcome) for handler in handlers),
                "state": "done" if done else "checked",
            }
        )
        if on_progress:
            # the background job: its report as a file
            self._cae_report_file(
                self._cae_results(handlers, file_results, errors, done)
            )

    def _cae_results(self, handlers, file_results, errors, done):
        """Rows of the report file: file, line, ref, result, message."""
        results = {
            "created": self.env._("created")
            if done
            else self.env._("correct (not written)")
            if errors
            else self.env._("to create"),
            "skipped": self.env._("already imported"),
            "error": self.env._("error"),
        }
        rows = [
            (label, "", "", results["error"], message)
            for label, _n, _r, message in file_results
        ]
        for handler in handlers:
            label = self._cae_file_label(handler.kind)
            for number, (ref, status, message) in sorted(handler.outcome.items()):
                rows.append((label, number, ref, results[status], message))
            for message in handler.file_errors:
                rows.append((label, "", "", results["error"], message))
        return rows

    def _cae_report(self, counts, errors, commit):
        lines = []
        for kind, (created, skipped) in counts.items():
            lines.append(
                self.env._(
                    "%(file)s: %(created)s to create, %(skipped)s already imported",
                    file=self._cae_file_label(kind),
                    created=created,
                    skipped=skipped,
                )
                if not commit or errors
                else self.env._(
                    "%(file)s: %(created)s created, %(skipped)s already imported",
                    file=self._cae_file_label(kind),
                    created=created,
                    skipped=skipped,
                )
            )
        if errors:
            lines.append(
                self.env._("%(count)s error(s), nothing written:", count=len(errors))
            )
            lines += errors
        else:
            lines.append(self.env._("0 errors."))
        return "\n".join(lines)
