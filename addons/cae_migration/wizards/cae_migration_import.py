"""Moving in from enDI or Louty: one wizard reads the migration files (CSV or
XLSX, one documented template per file), checks every line, and writes
everything or nothing.

A dry run does the whole import inside a savepoint and rolls it back: the
report it gives is exactly what the import would do. Every imported line is
remembered by its external reference (``ir.model.data`` in the
``__cae_migration__`` namespace, like Odoo's own ``__import__``), so running
the same files again creates nothing new.
"""

import base64
import csv
import io
import math
import re
from collections import defaultdict
from datetime import date, datetime

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import date_utils

XMLID_MODULE = "__cae_migration__"
# no activity of a CAE moves a thousand billion euros
MAX_AMOUNT = 1e12

# kind -> (required columns, optional columns), in import order
FILE_COLUMNS = {
    "activities": (("ref", "code", "name"), ("trade_name", "type", "date_start")),
    "members": (
        ("ref", "name"),
        ("email", "phone", "activity_codes", "associate_date", "exit_date"),
    ),
    "contracts": (
        ("ref", "member_ref", "type", "date_start"),
        ("date_end", "activity_code", "signature_date"),
    ),
    "partners": (
        ("ref", "name", "activity_codes"),
        (
            "kind",
            "is_company",
            "vat",
            "siret",
            "email",
            "phone",
            "street",
            "zip",
            "city",
            "country",
        ),
    ),
    "balances": (
        ("ref", "activity_code"),
        (
            "cash",
            "customers",
            "suppliers",
            "taxes_due",
            "revenue_ytd",
            "charges_ytd",
        ),
    ),
    "documents": (
        ("ref", "kind", "activity_code", "partner_ref", "date", "unit_price"),
        ("number", "due_date", "label", "quantity", "tax_rate"),
    ),
}

ACTIVITY_TYPES = {
    "standard": "standard",
    "training": "training",
    "formation": "training",
    "skills_assessment": "skills_assessment",
    "bilan": "skills_assessment",
    "bilan de compétences": "skills_assessment",
}
DOCUMENT_KINDS = {
    "quote": "quote",
    "devis": "quote",
    "invoice": "out_invoice",
    "facture": "out_invoice",
    "bill": "in_invoice",
    "facture fournisseur": "in_invoice",
    "achat": "in_invoice",
}
PARTNER_KINDS = ("customer", "client", "supplier", "fournisseur", "both", "")


class LineError(Exception):
    """A problem of one line of a migration file (caught, reported)."""


class _Rollback(Exception):
    """Leaves the savepoint of a dry run or of a refused import."""


def parse_date(text):
    text = (text or "").strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


AMOUNT_RE = re.compile(r"^-?\d+(\.\d+)?$")


def parse_amount(text):
    """An amount written 1234,56 / 1 234,56 / 1.234,56 / 1234.56 / -12,5.

    Raises ValueError for anything else (exponents, ``nan``, ``inf``…).
    """
    text = (text or "").strip()
    for space in (" ", "\u00a0", "\u202f"):
        text = text.replace(space, "")
    if not text:
        return 0.0
    if "," in text and "." in text:
        text = text.replace(".", "")
    text = text.replace(",", ".")
    if not AMOUNT_RE.match(text):
        raise ValueError(text)
    return float(text)


def split_codes(text):
    return [code for code in re.split(r"[,;|\s]+", text or "") if code]


def xmlid_name(kind, ref):
    return f"{kind}_{re.sub(r'[^A-Za-z0-9_-]', '_', ref.strip())}"


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
        company = self.env.company
        return date_utils.get_fiscal_year(
            fields.Date.context_today(self),
            day=company.fiscalyear_last_day,
            month=int(company.fiscalyear_last_month),
        )[0]

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
    # reading the files
    @api.model
    def _cae_file_kinds(self):
        """The files, in import order: an entry may refer to the ones before."""
        return list(FILE_COLUMNS)

    @api.model
    def _cae_file_columns(self, kind):
        return FILE_COLUMNS[kind]

    def _cae_file_label(self, kind):
        return self._fields[f"{kind}_file"].get_description(self.env)["string"]

    def _cae_read(self, kind):
        """[(line number, {column: text})] of a file; raises LineError."""
        data = self[f"{kind}_file"]
        if not data:
            return []
        raw = base64.b64decode(data)
        name = (self[f"{kind}_filename"] or "").lower()
        if name.endswith(".xlsx") or raw[:2] == b"PK":
            rows = self._cae_read_xlsx(raw)
        else:
            rows = self._cae_read_csv(raw)
        rows = [
            (number, row)
            for number, row in rows
            if any(str(cell or "").strip() for cell in row)
        ]
        if not rows:
            return []
        limit = self._cae_max_lines()
        if len(rows) - 1 > limit:
            raise LineError(
                self.env._(
                    "%(count)s lines: one import takes at most %(limit)s lines a "
                    "file. Split the file and import the parts one after the other "
                    "(lines already imported are recognised and skipped).",
                    count=len(rows) - 1,
                    limit=limit,
                )
            )
        header = [str(cell or "").strip().lower() for cell in rows[0][1]]
        required, optional = self._cae_file_columns(kind)
        missing = [column for column in required if column not in header]
        if missing:
            raise LineError(
                self.env._(
                    "line 1: missing columns %(missing)s (expected: %(columns)s)",
                    missing=", ".join(missing),
                    columns=";".join(required + optional),
                )
            )
        index = {
            column: header.index(column)
            for column in required + optional
            if column in header
        }
        result = []
        for number, row in rows[1:]:
            values = {}
            for column in required + optional:
                i = index.get(column)
                cell = row[i] if i is not None and i < len(row) else ""
                if isinstance(cell, datetime):
                    cell = cell.date().isoformat()
                elif isinstance(cell, date):
                    cell = cell.isoformat()
                elif (
                    isinstance(cell, float)
                    and cell.is_integer()
                    and column
                    in (
                        "ref",
                        "code",
                        "member_ref",
                        "partner_ref",
                        "activity_code",
                        "number",
                    )
                ):
                    cell = str(int(cell))
                values[column] = str(cell if cell is not None else "").strip()
            result.append((number, values))
        return result

    def _cae_max_lines(self):
        """Lines a file may have in one import (one HTTP request): setting
        ``cae_migration.max_lines``."""
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("cae_migration.max_lines", "5000")
        )
        try:
            return max(int(value), 1)
        except ValueError:
            return 5000

    def _cae_read_csv(self, raw):
        text = None
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        if text is None or "\x00" in text:
            raise LineError(
                self.env._(
                    "the file is neither a CSV text file (UTF-8 or Windows-1252) "
                    "nor an XLSX workbook"
                )
            )
        first = text.splitlines()[0] if text else ";"
        try:
            dialect = csv.Sniffer().sniff(first, ";,\t")
        except csv.Error:
            dialect = "excel"
        try:
            return list(enumerate(csv.reader(io.StringIO(text), dialect), start=1))
        except csv.Error as error:
            raise LineError(
                self.env._("the file cannot be read as CSV (%(error)s)", error=error)
            ) from error

    def _cae_read_xlsx(self, raw):
        import openpyxl

        try:
            book = openpyxl.load_workbook(
                io.BytesIO(raw), read_only=True, data_only=True
            )
        except Exception as error:
            raise LineError(
                self.env._("the file cannot be read as XLSX (%(error)s)", error=error)
            ) from error
        try:
            sheet = book.worksheets[0]
            return list(enumerate(sheet.iter_rows(values_only=True), start=1))
        except Exception as error:
            raise LineError(
                self.env._("the file cannot be read as XLSX (%(error)s)", error=error)
            ) from error

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
        if not any(self[f"{kind}_file"] for kind in self._cae_file_kinds()):
            raise UserError(self.env._("Choose at least one file to import."))
        # the activities this run creates (checked at the end)
        self.with_context(cae_migration_new_activities=[])._cae_process_files(commit)

    def _cae_process_files(self, commit):
        errors, counts = [], {}
        try:
            with self.env.cr.savepoint():
                for kind in self._cae_file_kinds():
                    label = self._cae_file_label(kind)
                    try:
                        rows = self._cae_read(kind)
                    except LineError as error:
                        errors.append(f"{label}, {error}")
                        continue
                    if not rows:
                        continue
                    created, skipped, file_errors = self._cae_import_rows(kind, rows)
                    counts[kind] = (created, skipped)
                    errors += [f"{label}, {message}" for message in file_errors]
                if not errors:
                    errors += self._cae_final_checks()
                self.env.flush_all()
                if errors or not commit:
                    raise _Rollback()
        except _Rollback:
            self.env.invalidate_all()
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
        self.write(
            {
                "report": "\n".join(lines),
                "error_count": len(errors),
                "state": "done" if commit and not errors else "checked",
            }
        )

    def _cae_final_checks(self):
        """Rules that hold for the whole set once every file is in."""
        errors = []
        for ref, activity in self.env.context["cae_migration_new_activities"]:
            if activity.active and not activity.member_ids:
                errors.append(
                    self.env._(
                        "%(file)s, %(ref)s: activity %(name)s has no entrepreneur "
                        "(give its code in the activity_codes of a member)",
                        file=self._cae_file_label("activities"),
                        ref=ref,
                        name=activity.display_name,
                    )
                )
        return errors

    def _cae_import_rows(self, kind, rows):
        """(created, already imported, errors) of one file."""
        known = self._cae_known(kind, [row["ref"] for _n, row in rows if row["ref"]])
        handler = getattr(self, f"_cae_import_{kind}")
        created = skipped = 0
        errors = []
        seen = set()
        names = {}
        todo = []
        for number, row in rows:
            if not row["ref"]:
                errors.append(
                    self.env._(
                        "line %(number)s: the ref column is empty", number=number
                    )
                )
                continue
            if row["ref"] in known:
                skipped += 1
                continue
            if row["ref"] in seen and kind != "documents":
                errors.append(
                    self.env._(
                        "line %(number)s: reference %(ref)s appears twice",
                        number=number,
                        ref=row["ref"],
                    )
                )
                continue
            other = names.setdefault(xmlid_name(kind, row["ref"]), row["ref"])
            if other != row["ref"]:
                errors.append(
                    self.env._(
                        "line %(number)s: references %(ref)s and %(other)s cannot be "
                        "told apart (only letters, digits, - and _ are kept): "
                        "rename one of them",
                        number=number,
                        ref=row["ref"],
                        other=other,
                    )
                )
                continue
            seen.add(row["ref"])
            todo.append((number, row))
        created, handler_errors = handler(todo)
        return created, skipped, errors + handler_errors

    def _cae_known(self, kind, refs):
        names = {xmlid_name(kind, ref): ref for ref in refs}
        data = (
            self.env["ir.model.data"]
            .sudo()
            .search_read(
                [("module", "=", XMLID_MODULE), ("name", "in", list(names))],
                ["name"],
            )
        )
        return {names[d["name"]] for d in data}

    def _cae_remember(self, kind, ref, record):
        self.env["ir.model.data"].sudo().create(
            {
                "module": XMLID_MODULE,
                "name": xmlid_name(kind, ref),
                "model": record._name,
                "res_id": record.id,
                "noupdate": True,
            }
        )

    def _cae_lookup(self, kind, refs):
        """{ref: record} of lines imported before (this run or an earlier one)."""
        names = {xmlid_name(kind, ref): ref for ref in refs if ref}
        if not names:
            return {}
        data = (
            self.env["ir.model.data"]
            .sudo()
            .search_read(
                [("module", "=", XMLID_MODULE), ("name", "in", list(names))],
                ["name", "model", "res_id"],
            )
        )
        return {
            names[d["name"]]: self.env[d["model"]].browse(d["res_id"]) for d in data
        }

    def _cae_run_lines(self, rows, create_one):
        """Calls ``create_one(number, row)`` for each line in its own
        savepoint; returns (created, errors naming the lines)."""
        created, errors = 0, []
        for number, row in rows:
            try:
                with self.env.cr.savepoint():
                    create_one(number, row)
                    self.env.flush_all()
                created += 1
            except (LineError, UserError, ValidationError, ValueError) as error:
                self.env.invalidate_all()
                message = error.args[0] if error.args else str(error)
                errors.append(
                    self.env._(
                        "line %(number)s: %(message)s", number=number, message=message
                    )
                )
        return created, errors

    # helpers for the line handlers
    def _cae_activities(self, codes):
        activities = (
            self.env["cae.activity"]
            .with_context(active_test=False)
            .search([("company_id", "=", self.company_id.id), ("code", "in", codes)])
        )
        found = {activity.code: activity for activity in activities}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise LineError(
                self.env._("unknown activity code %(codes)s", codes=", ".join(unknown))
            )
        return self.env["cae.activity"].union(*(found[code] for code in codes))

    def _cae_date(self, row, column, required=False):
        try:
            value = parse_date(row.get(column))
        except ValueError as error:
            raise LineError(
                self.env._(
                    "%(column)s: %(value)s is not a date (YYYY-MM-DD or DD/MM/YYYY)",
                    column=column,
                    value=row.get(column),
                )
            ) from error
        if required and not value:
            raise LineError(self.env._("%(column)s is required", column=column))
        return value

    def _cae_amount(self, row, column):
        try:
            amount = parse_amount(row.get(column))
            # nan, inf and 1e300 parse as floats: none is an amount
            if not math.isfinite(amount) or abs(amount) >= MAX_AMOUNT:
                raise ValueError(row.get(column))
            return amount
        except ValueError as error:
            raise LineError(
                self.env._(
                    "%(column)s: %(value)s is not an amount",
                    column=column,
                    value=row.get(column),
                )
            ) from error

    # ------------------------------------------------------------------
    # one handler per file
    def _cae_import_activities(self, rows):
        Activity = self.env["cae.activity"].with_context(
            active_test=False, cae_migration_pending=True
        )

        def create_one(number, row):
            kind = ACTIVITY_TYPES.get((row.get("type") or "standard").lower())
            if not kind:
                raise LineError(
                    self.env._(
                        "unknown activity type %(type)s (standard, training, "
                        "skills_assessment)",
                        type=row["type"],
                    )
                )
            activity = Activity.search(
                [("company_id", "=", self.company_id.id), ("code", "=", row["code"])],
                limit=1,
            )
            if not activity:
                vals = {
                    "code": row["code"],
                    "name": row["name"],
                    "trade_name": row.get("trade_name") or False,
                    "activity_type": kind,
                    "company_id": self.company_id.id,
                }
                if row.get("date_start"):
                    vals["date_start"] = self._cae_date(row, "date_start")
                activity = Activity.create(vals)
                self.env.context["cae_migration_new_activities"].append(
                    (row["ref"], activity)
                )
            self._cae_remember("activities", row["ref"], activity)

        return self._cae_run_lines(rows, create_one)

    def _cae_import_members(self, rows):
        Partner = self.env["res.partner"]

        def create_one(number, row):
            activities = self._cae_activities(split_codes(row.get("activity_codes")))
            partner = Partner.create(
                {
                    "name": row["name"],
                    "email": row.get("email") or False,
                    "phone": row.get("phone") or False,
                    "is_cae_member": True,
                    "company_id": False,
                    "cae_associate_date": self._cae_date(row, "associate_date"),
                    "cae_exit_date": self._cae_date(row, "exit_date"),
                    "cae_activity_ids": [Command.set(activities.ids)],
                }
            )
            self._cae_remember("members", row["ref"], partner)

        return self._cae_run_lines(rows, create_one)

    def _cae_import_contracts(self, rows):
        members = self._cae_lookup("members", [row["member_ref"] for _n, row in rows])
        Contract = self.env["cae.contract"].with_context(cae_history=True)
        today = fields.Date.context_today(self)

        def create_one(number, row):
            partner = members.get(row["member_ref"])
            if not partner:
                raise LineError(
                    self.env._(
                        "unknown entrepreneur reference %(ref)s", ref=row["member_ref"]
                    )
                )
            contract_type = (row["type"] or "").lower()
            if contract_type not in ("cape", "cesa"):
                raise LineError(
                    self.env._(
                        "the contract type is cape or cesa, not %(type)s",
                        type=row["type"],
                    )
                )
            activity = (
                self._cae_activities([row["activity_code"]])
                if row.get("activity_code")
                else self.env["cae.activity"]
            )
            date_start = self._cae_date(row, "date_start", required=True)
            date_end = self._cae_date(row, "date_end")
            contract = Contract.create(
                {
                    "partner_id": partner.id,
                    "contract_type": contract_type,
                    "activity_id": activity.id,
                    "date_start": date_start,
                    "date_end": date_end,
                    "date_signature": self._cae_date(row, "signature_date")
                    or date_start,
                    "company_id": self.company_id.id,
                }
            )
            contract.action_start()
            if date_end and date_end < today:
                contract.action_end()
            self._cae_remember("contracts", row["ref"], contract)

        return self._cae_run_lines(rows, create_one)

    def _cae_import_partners(self, rows):
        Partner = self.env["res.partner"]
        countries = {c.code: c for c in self.env["res.country"].search([]) if c.code}

        def create_one(number, row):
            activities = self._cae_activities(split_codes(row["activity_codes"]))
            if not activities:
                raise LineError(self.env._("give the activity codes"))
            kind = (row.get("kind") or "").lower()
            if kind not in PARTNER_KINDS:
                raise LineError(
                    self.env._(
                        "the kind is customer, supplier or both, not %(kind)s",
                        kind=row["kind"],
                    )
                )
            country = countries.get((row.get("country") or "FR").upper())
            if not country:
                raise LineError(
                    self.env._("unknown country code %(code)s", code=row["country"])
                )
            is_company = (row.get("is_company") or "1").lower() not in (
                "0",
                "no",
                "non",
                "false",
            )
            vals = {
                "name": row["name"],
                "is_company": is_company,
                "vat": row.get("vat") or False,
                "email": row.get("email") or False,
                "phone": row.get("phone") or False,
                "street": row.get("street") or False,
                "zip": row.get("zip") or False,
                "city": row.get("city") or False,
                "country_id": country.id,
                "cae_customer_activity_ids": [Command.set(activities.ids)],
            }
            if row.get("siret"):
                vals["company_registry"] = row["siret"]
            if kind in ("customer", "client", "both"):
                vals["customer_rank"] = 1
            if kind in ("supplier", "fournisseur", "both"):
                vals["supplier_rank"] = 1
            partner = Partner.create(vals)
            self._cae_remember("partners", row["ref"], partner)

        return self._cae_run_lines(rows, create_one)

    def _cae_balance_accounts(self):
        return {
            "cash": (self.cash_account_id, 1),
            "customers": (self.customer_account_id, 1),
            "suppliers": (self.supplier_account_id, -1),
            "taxes_due": (self.tax_account_id, -1),
            "revenue_ytd": (self.revenue_account_id, -1),
            "charges_ytd": (self.charge_account_id, 1),
        }

    def _cae_import_balances(self, rows):
        """One opening entry: for each activity its cash share, receivables,
        debts and (for a migration during the year) its revenue and charges
        so far, balanced on the opening counterpart account."""
        accounts = self._cae_balance_accounts()
        currency = self.company_id.currency_id
        lines, done = [], []

        def check_one(number, row):
            activity = self._cae_activities([row["activity_code"]])
            activity_lines = []
            total = 0.0
            for column, (account, sign) in accounts.items():
                amount = self._cae_amount(row, column)
                if currency.is_zero(amount):
                    continue
                if not account:
                    raise LineError(
                        self.env._(
                            "%(column)s: choose its account in the wizard",
                            column=column,
                        )
                    )
                balance = currency.round(sign * amount)
                total += balance
                activity_lines.append(
                    self._cae_balance_line(activity, account, balance, column)
                )
            if not currency.is_zero(total):
                if not self.counterpart_account_id:
                    raise LineError(
                        self.env._("choose the opening counterpart account")
                    )
                activity_lines.append(
                    self._cae_balance_line(
                        activity,
                        self.counterpart_account_id,
                        -currency.round(total),
                        "counterpart",
                    )
                )
            lines.extend(activity_lines)
            done.append(row["ref"])

        created, errors = self._cae_run_lines(rows, check_one)
        if errors or not lines:
            return created, errors
        if not self.opening_journal_id:
            return 0, [self.env._("choose the journal of the opening entry")]
        try:
            with self.env.cr.savepoint():
                move = self.env["account.move"].create(
                    {
                        "move_type": "entry",
                        "journal_id": self.opening_journal_id.id,
                        "date": self.opening_date,
                        "ref": self.env._("Opening balances (migration)"),
                        "company_id": self.company_id.id,
                        "cae_activity_id": False,
                        "line_ids": [Command.create(vals) for vals in lines],
                    }
                )
                move.action_post()
                for ref in done:
                    self._cae_remember("balances", ref, move)
                self.env.flush_all()
        except (UserError, ValidationError) as error:
            self.env.invalidate_all()
            return 0, [
                self.env._(
                    "the opening entry cannot be posted: %(message)s",
                    message=error.args[0],
                )
            ]
        return created, errors

    def _cae_balance_line(self, activity, account, balance, column):
        labels = {
            "cash": self.env._("Cash share"),
            "customers": self.env._("Customers to collect"),
            "suppliers": self.env._("Suppliers to pay"),
            "taxes_due": self.env._("Taxes due"),
            "revenue_ytd": self.env._("Revenue of the year so far"),
            "charges_ytd": self.env._("Charges of the year so far"),
            "counterpart": self.env._("Opening balance"),
        }
        return {
            "account_id": account.id,
            "name": f"{activity.code} - {labels[column]}",
            "debit": balance if balance > 0 else 0.0,
            "credit": -balance if balance < 0 else 0.0,
            "cae_activity_id": activity.id,
        }

    def _cae_import_documents(self, rows):
        """Open quotes (sale orders), unpaid invoices and bills: the lines
        sharing a ref make one document, kept with its former number."""
        partners = self._cae_lookup(
            "partners", [row["partner_ref"] for _n, row in rows]
        )
        grouped = defaultdict(list)
        for number, row in rows:
            grouped[row["ref"]].append((number, row))
        created, errors = 0, []
        taxes = {}
        for ref, doc_rows in grouped.items():
            number = doc_rows[0][0]
            try:
                with self.env.cr.savepoint():
                    self._cae_create_document(ref, doc_rows, partners, taxes)
                    self.env.flush_all()
                created += 1
            except (LineError, UserError, ValidationError, ValueError) as error:
                self.env.invalidate_all()
                errors.append(
                    self.env._(
                        "line %(number)s: %(message)s",
                        number=number,
                        message=error.args[0] if error.args else str(error),
                    )
                )
        return created, errors

    def _cae_tax(self, rate, use, taxes):
        if (rate, use) not in taxes:
            taxes[rate, use] = self.env["account.tax"].search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("type_tax_use", "=", use),
                    ("amount_type", "=", "percent"),
                    ("amount", "=", rate),
                    ("price_include", "=", False),
                ],
                limit=1,
            )
        tax = taxes[rate, use]
        if not tax:
            raise LineError(
                self.env._("no %(use)s tax at %(rate)s %%", use=use, rate=rate)
            )
        return tax

    def _cae_create_document(self, ref, doc_rows, partners, taxes):
        first = doc_rows[0][1]
        kind = DOCUMENT_KINDS.get((first["kind"] or "").lower())
        if not kind:
            raise LineError(
                self.env._(
                    "the kind is quote, invoice or bill, not %(kind)s",
                    kind=first["kind"],
                )
            )
        activity = self._cae_activities([first["activity_code"]])
        partner = partners.get(first["partner_ref"])
        if not partner:
            raise LineError(
                self.env._(
                    "unknown customer or supplier reference %(ref)s",
                    ref=first["partner_ref"],
                )
            )
        doc_date = self._cae_date(first, "date", required=True)
        use = "purchase" if kind == "in_invoice" else "sale"
        line_vals = []
        for number, row in doc_rows:
            try:
                quantity = parse_amount(row.get("quantity") or "1")
                price = self._cae_amount(row, "unit_price")
                rate = parse_amount(row.get("tax_rate") or "0")
                if row["activity_code"] != first["activity_code"] or (
                    row["kind"] != first["kind"]
                ):
                    raise LineError(
                        self.env._(
                            "the lines of document %(ref)s must share its kind "
                            "and activity",
                            ref=ref,
                        )
                    )
                tax = self._cae_tax(rate, use, taxes) if rate else None
            except (LineError, ValueError) as error:
                raise LineError(
                    self.env._(
                        "line %(number)s: %(message)s",
                        number=number,
                        message=error.args[0],
                    )
                ) from error
            line_vals.append(
                {
                    "name": row.get("label") or first.get("number") or ref,
                    "quantity": quantity,
                    "price_unit": price,
                    "tax_ids": [Command.set(tax.ids if tax else [])],
                }
            )
        old_number = first.get("number") or ref
        if kind == "quote":
            product = self._cae_migration_product()
            order = self.env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "cae_activity_id": activity.id,
                    "date_order": doc_date,
                    "client_order_ref": old_number,
                    "company_id": self.company_id.id,
                    "order_line": [
                        Command.create(
                            {
                                "name": vals["name"],
                                "product_id": product.id,
                                "product_uom_qty": vals["quantity"],
                                "price_unit": vals["price_unit"],
                                "tax_id": vals["tax_ids"],
                            }
                        )
                        for vals in line_vals
                    ],
                }
            )
            record = order
        else:
            move = self.env["account.move"].create(
                {
                    "move_type": kind,
                    "partner_id": partner.id,
                    "cae_activity_id": activity.id,
                    "invoice_date": doc_date,
                    "date": doc_date,
                    "invoice_date_due": self._cae_date(first, "due_date") or doc_date,
                    "ref": old_number,
                    "payment_reference": old_number,
                    "invoice_origin": old_number,
                    "company_id": self.company_id.id,
                    "invoice_line_ids": [Command.create(vals) for vals in line_vals],
                }
            )
            move.action_post()
            record = move
        self._cae_remember("documents", ref, record)

    def _cae_migration_product(self):
        if self.product_id:
            return self.product_id
        product = self._cae_lookup("product", ["migration"]).get("migration")
        if not product:
            product = self.env["product.product"].create(
                {
                    "name": self.env._("Migrated quote line"),
                    "type": "service",
                    "sale_ok": True,
                    "purchase_ok": False,
                    "company_id": False,
                }
            )
            self._cae_remember("product", "migration", product)
        return product
