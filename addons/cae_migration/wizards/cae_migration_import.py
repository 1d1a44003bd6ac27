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
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

from .migration_handlers import HANDLERS, MigrationRun
from .migration_parser import DEFAULT_MAX_LINES, LineError, MigrationParser


class _Rollback(Exception):
    """Leaves the savepoint of a dry run or of a refused import."""


class CaeMigrationImport(models.TransientModel):
    _name = "cae.migration.import"
    _description = "Migration import (from enDI, Louty or a spreadsheet)"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
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
        [("draft", "To check"), ("checked", "Checked"), ("done", "Imported")],
        default="draft",
        readonly=True,
    )
    report = fields.Text(readonly=True)
    error_count = fields.Integer(readonly=True)

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
        """Lines a file may have in one import (one HTTP request): setting
        ``cae_migration.max_lines``."""
        # the setting is the administrator's; the wizard only reads it
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("cae_migration.max_lines", str(DEFAULT_MAX_LINES))
        )
        try:
            return max(int(value), 1)
        except ValueError:
            return DEFAULT_MAX_LINES

    # ------------------------------------------------------------------
    # the import itself
    def action_dry_run(self):
        self.ensure_one()
        self._cae_process(commit=False)
        return self._cae_reopen()

    def action_import(self):
        self.ensure_one()
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

    def _cae_process(self, commit):
        """Import every file in a savepoint; roll it back on a dry run or on
        any error, so that nothing is ever half written."""
        self.ensure_one()
        kinds = self._cae_file_kinds()
        if not any(self[f"{kind}_file"] for kind in kinds):
            raise UserError(self.env._("Choose at least one file to import."))
        parser = MigrationParser(self.env, self._cae_max_lines())
        run = MigrationRun(self)
        handlers = [handler(run) for handler in self._cae_handlers().values()]
        errors, counts = [], {}
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
                        continue
                    if not rows:
                        continue
                    created, skipped, file_errors = handler.process(rows)
                    counts[kind] = (created, skipped)
                    errors += [f"{label}, {message}" for message in file_errors]
                if not errors:
                    for handler in handlers:
                        errors += handler.final_errors()
                self.env.flush_all()
                if errors or not commit:
                    raise _Rollback()
        except _Rollback:
            self.env.invalidate_all()
        self.write(
            {
                "report": self._cae_report(counts, errors, commit),
                "error_count": len(errors),
                "state": "done" if commit and not errors else "checked",
            }
        )

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
