"""What every handler of a migration file shares: the run it belongs to
(company, wizard options, references imported so far, the activities by
code) and the line loop.

The loop checks every line first (pure Python against prefetched lookups,
each error named by its line number), then creates the good lines of a kind
with one ``create`` and remembers their references with one more. When that
batch is refused (a constraint of the database or of a model), the lines are
created again one by one, each in its own savepoint, so that the error names
its line."""

import re

from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..migration_parser import LineError, cell_amount, cell_date

XMLID_MODULE = "__cae_migration__"
# lines imported between two refreshes of the database's statistics
ANALYZE_EVERY = 1000
# the tables an import fills (those of the installed models)
ANALYZED_MODELS = (
    "account.move",
    "account.move.line",
    "account.partial.reconcile",
    "account.analytic.line",
    "res.partner",
    "hr.employee",
    "cae.activity",
    "cae.contract",
    "sale.order",
    "sale.order.line",
    "mail.followers",
    "ir.model.data",
)


def xmlid_name(kind, ref):
    return f"{kind}_{re.sub(r'[^A-Za-z0-9_-]', '_', ref.strip())}"


def activity_code(code):
    """A code as ``cae.activity`` stores it."""
    return (code or "").strip().upper()


class MigrationRun:
    """One dry run or import of a set of files: the wizard (company,
    accounts, journal, product) and the external references of the records
    imported, in this run or an earlier one (``ir.model.data`` in the
    ``__cae_migration__`` namespace, like Odoo's own ``__import__``)."""

    def __init__(self, wizard):
        self.wizard = wizard
        # no creation message nor tracking on each imported record: the
        # import's report tells what it created
        self.env = wizard.with_context(tracking_disable=True).env
        self.company = wizard.company_id
        self._activities = None
        # called with the number of lines done so far (the background job
        # shows its progress)
        self.on_progress = None
        self.lines_done = 0
        self.analyzed_at = 0

    def _data(self, names, fields):
        # ir.model.data is readable by the ERP managers only: the wizard is
        # the admin team's (ACL), the names are the migration's own namespace
        return (
            self.env["ir.model.data"]
            .sudo()
            .search_read(
                [("module", "=", XMLID_MODULE), ("name", "in", list(names))], fields
            )
        )

    def known(self, kind, refs):
        """The refs among ``refs`` imported before."""
        names = {xmlid_name(kind, ref): ref for ref in refs}
        return {names[d["name"]] for d in self._data(names, ["name"])}

    def lookup(self, kind, refs):
        """{ref: record} of lines imported before (this run or an earlier one)."""
        names = {xmlid_name(kind, ref): ref for ref in refs if ref}
        if not names:
            return {}
        return {
            names[d["name"]]: self.env[d["model"]].browse(d["res_id"])
            for d in self._data(names, ["name", "model", "res_id"])
        }

    def remember(self, kind, ref, record):
        self.remember_many(kind, [(ref, record)])

    def remember_many(self, kind, pairs):
        """Remembers ``[(ref, record)]`` with one create."""
        if not pairs:
            return
        # same namespace as known(): written for the admin team's wizard only
        self.env["ir.model.data"].sudo().create(
            [
                {
                    "module": XMLID_MODULE,
                    "name": xmlid_name(kind, ref),
                    "model": record._name,
                    "res_id": record.id,
                    "noupdate": True,
                }
                for ref, record in pairs
            ]
        )

    def activities_by_code(self):
        """{code: activity} of the company, read once (archived included)."""
        if self._activities is None:
            activities = (
                self.env["cae.activity"]
                .with_context(active_test=False)
                .search_fetch([("company_id", "=", self.company.id)], ["code"])
            )
            self._activities = {activity.code: activity for activity in activities}
        return self._activities

    def add_activities(self, activities):
        self.activities_by_code().update({a.code: a for a in activities})

    def forget_activities(self):
        """After a rollback: the activities are read again."""
        self._activities = None

    def activities(self, codes):
        """The activities of ``codes`` (in that order); LineError naming the
        unknown ones."""
        found = self.activities_by_code()
        unknown = [code for code in codes if activity_code(code) not in found]
        if unknown:
            raise LineError(
                self.env._("unknown activity code %(codes)s", codes=", ".join(unknown))
            )
        return self.env["cae.activity"].union(
            *(found[activity_code(code)] for code in codes)
        )

    def progress_to(self, lines_done):
        """``lines_done`` lines of all files are done."""
        if lines_done > self.lines_done:
            self.lines_done = lines_done
            if lines_done - self.analyzed_at >= ANALYZE_EVERY:
                self.analyze()
            if self.on_progress:
                self.on_progress(lines_done)

    def analyze(self):
        """Refreshes PostgreSQL's statistics of the tables the import fills.

        A large import grows them by tens of thousands of rows in one
        transaction, which autovacuum cannot see before it commits: on a new
        database the planner still believes them empty and joins them by
        nested loops (core's payment state of thousands of invoices then
        takes minutes a query). ANALYZE counts the rows this transaction
        inserted; it writes no data and is allowed in a transaction."""
        self.analyzed_at = self.lines_done
        tables = [
            self.env[model]._table for model in ANALYZED_MODELS if model in self.env
        ]
        self.env.flush_all()
        names = SQL(", ").join(SQL.identifier(table) for table in tables)
        self.env.cr.execute(SQL("ANALYZE %s", names))


class MigrationHandler:
    """One kind of migration file. A subclass names its ``kind`` (the
    wizard's ``<kind>_file`` field), its ``columns`` (required, optional)
    and creates one line in ``create_one``; ``handle`` may instead take
    the lines all together (an entry, a document of several lines)."""

    kind = None
    columns = ((), ())
    # documents: the lines of one document share its ref
    shared_refs = False
    # lines created by one create (and checked again one by one when refused)
    batch_size = 500

    def __init__(self, run):
        self.run = run
        self.env = run.env
        self.wizard = run.wizard
        self.company = run.company
        # what became of each line: {number: (ref, status, message)}, status
        # created, skipped or error; the file's errors that name no line
        self.outcome = {}
        self.file_errors = []
        self._failed = {}

    # the line loop
    def process(self, rows):
        """(created, already imported, errors) of one file's rows."""
        known = self.run.known(
            self.kind, [row["ref"] for _n, row in rows if row["ref"]]
        )
        start = self.run.lines_done
        skipped = 0
        errors = []
        seen = set()
        names = {}
        todo = []
        for number, row in rows:
            ref = row["ref"]
            message = None
            if not ref:
                message = self.env._(
                    "line %(number)s: the ref column is empty", number=number
                )
            elif ref in known:
                skipped += 1
                self.outcome[number] = (ref, "skipped", "")
                continue
            elif ref in seen and not self.shared_refs:
                message = self.env._(
                    "line %(number)s: reference %(ref)s appears twice",
                    number=number,
                    ref=ref,
                )
            else:
                other = names.setdefault(xmlid_name(self.kind, ref), ref)
                if other != ref:
                    message = self.env._(
                        "line %(number)s: references %(ref)s and %(other)s cannot "
                        "be told apart (only letters, digits, - and _ are kept): "
                        "rename one of them",
                        number=number,
                        ref=ref,
                        other=other,
                    )
            if message:
                errors.append(message)
                self.outcome[number] = (ref, "error", message)
                continue
            seen.add(ref)
            todo.append((number, row))
        created, handler_errors = self.handle(todo)
        for number, row in todo:
            message = self._failed.get(number)
            self.outcome[number] = (
                row["ref"],
                "error" if message else "created",
                message or "",
            )
        named = set(self._failed.values())
        self.file_errors += [m for m in handler_errors if m not in named]
        self.run.progress_to(start + len(rows))
        return created, skipped, errors + handler_errors

    def handle(self, rows):
        """(created, errors) of the new lines: checked, then created by
        batch (``prepare_one`` and ``create_batch``) or, for a handler that
        only has ``create_one``, one by one in savepoints."""
        if type(self).create_batch is MigrationHandler.create_batch:
            return self.run_lines(rows, self.create_one)
        return self.run_batch(rows)

    def create_one(self, number, row):
        """Creates one line (handlers without ``create_batch``)."""
        self.create_batch([(number, row, self.prepare_one(number, row))])

    def prepare_one(self, number, row):
        """What ``create_batch`` needs of one line (its values), checked;
        LineError when the line is wrong. Writes nothing."""
        raise NotImplementedError

    def create_batch(self, items):
        """Creates ``[(number, row, prepared)]`` together and remembers their
        refs."""
        raise NotImplementedError

    def run_batch(self, rows):
        """Checks every line, then creates the good ones by batches of
        ``batch_size``; a batch refused is created again one by one in
        savepoints, to name the line."""
        items, errors = [], []
        for number, row in rows:
            try:
                items.append((number, row, self.prepare_one(number, row)))
            except (LineError, UserError, ValidationError, ValueError) as error:
                errors.append((number, self.line_error(number, error)))
        created = 0
        start = self.run.lines_done
        done = len(rows) - len(items)
        for index in range(0, len(items), self.batch_size):
            batch = items[index : index + self.batch_size]
            try:
                with self.env.cr.savepoint():
                    self.create_batch(batch)
                    self.env.flush_all()
                created += len(batch)
            except (LineError, UserError, ValidationError, ValueError):
                self.env.invalidate_all()
                self.run.forget_activities()
                batch_created, line_errors = self.run_lines(
                    [(number, (row, prepared)) for number, row, prepared in batch],
                    lambda number, item: self.create_batch([(number, *item)]),
                    numbered=True,
                )
                created += batch_created
                errors += line_errors
            done += len(batch)
            self.run.progress_to(start + done)
        return created, [message for _number, message in sorted(errors)]

    def final_errors(self):
        """Rules that hold for the whole set once every file is in."""
        return []

    def run_lines(self, rows, create_one, numbered=False):
        """Calls ``create_one(number, row)`` for each line in its own
        savepoint; returns (created, errors naming the lines), the errors as
        ``(number, message)`` when ``numbered``."""
        created, errors = 0, []
        for number, row in rows:
            try:
                with self.env.cr.savepoint():
                    create_one(number, row)
                    self.env.flush_all()
                created += 1
            except (LineError, UserError, ValidationError, ValueError) as error:
                self.env.invalidate_all()
                self.run.forget_activities()
                message = self.line_error(number, error)
                errors.append((number, message) if numbered else message)
        return created, errors

    def line_error(self, number, error):
        """The message of a line's error, remembered for the report file."""
        message = self.env._(
            "line %(number)s: %(message)s",
            number=number,
            message=error.args[0] if error.args else str(error),
        )
        self._failed[number] = message
        return message

    # reading cells
    def date(self, row, column, required=False):
        return cell_date(self.env, row, column, required=required)

    def amount(self, row, column):
        return cell_amount(self.env, row, column)

    def remember(self, ref, record):
        self.run.remember(self.kind, ref, record)

    def remember_many(self, pairs):
        self.run.remember_many(self.kind, pairs)
