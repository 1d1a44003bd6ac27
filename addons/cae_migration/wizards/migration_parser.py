"""Reading one migration file: CSV or XLSX through ``base_import``'s readers,
into ``[(line number, {column: text})]`` checked against the file's columns;
and reading one cell as a date or an amount. Every problem is a
:class:`LineError` whose message is French for a French user."""

import base64
import csv
import math
import re

from odoo import fields
from odoo.exceptions import UserError

# no activity of a CAE moves a thousand billion euros
MAX_AMOUNT = 1e12
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEFAULT_MAX_LINES = 5000


class LineError(Exception):
    """A problem of one line of a migration file (caught, reported)."""


DATE_FR_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
DATE_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$")


def parse_date(text):
    """A date written YYYY-MM-DD (XLSX dates come so from base_import, with
    `` HH:MM:SS`` for a date-time cell), DD/MM/YYYY or DD/MM/YY.

    Raises ValueError for anything else. ``base_import``'s date parsing takes
    a single format per file: the templates accept both, line by line.
    """
    text = (text or "").strip()
    if not text:
        return None
    match = DATE_FR_RE.match(text)
    if match:
        day, month, year = match.groups()
        if len(year) == 2:
            # as strptime's %y: 69-99 are the 1900s
            year = str((1900 if int(year) >= 69 else 2000) + int(year))
        text = f"{year}-{int(month):02d}-{int(day):02d}"
    elif not DATE_ISO_RE.match(text):
        raise ValueError(text)
    return fields.Date.to_date(text[:10])


AMOUNT_RE = re.compile(r"^-?\d+(\.\d+)?$")


def parse_amount(text):
    """An amount written 1234,56 / 1 234,56 / 1.234,56 / 1234.56 / -12,5.

    Raises ValueError for anything else (exponents, ``nan``, ``inf``…).
    Not ``base_import``'s ``_parse_float_from_data``: without a separator
    option it leaves ``1234,56`` unparsed, with ``,`` as decimal separator it
    reads ``1234.56`` as 123456, it turns ``1e300`` into a number and looks
    each value up as a currency symbol (one query per cell).
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


def cell_date(env, row, column, required=False):
    """The date of a cell; LineError naming the column."""
    try:
        value = parse_date(row.get(column))
    except ValueError as error:
        raise LineError(
            env._(
                "%(column)s: %(value)s is not a date (YYYY-MM-DD or DD/MM/YYYY)",
                column=column,
                value=row.get(column),
            )
        ) from error
    if required and not value:
        raise LineError(env._("%(column)s is required", column=column))
    return value


def cell_amount(env, row, column):
    """The amount of a cell, finite and below MAX_AMOUNT; LineError naming
    the column."""
    try:
        amount = parse_amount(row.get(column))
        # nan, inf and 1e300 parse as floats: none is an amount
        if not math.isfinite(amount) or abs(amount) >= MAX_AMOUNT:
            raise ValueError(row.get(column))
        return amount
    except ValueError as error:
        raise LineError(
            env._(
                "%(column)s: %(value)s is not an amount",
                column=column,
                value=row.get(column),
            )
        ) from error


class MigrationParser:
    """Reads the files of one import: ``rows(data, filename, columns)``."""

    def __init__(self, env, max_lines=DEFAULT_MAX_LINES):
        self.env = env
        self.max_lines = max_lines

    def rows(self, data, filename, columns):
        """[(line number, {column: text})] of a base64 file, for
        ``columns = (required, optional)``; raises LineError.

        Line numbers count the file's non-empty lines, header first, as
        ``base_import`` (which drops empty lines) and Odoo's own import do.
        """
        if not data:
            return []
        raw = base64.b64decode(data)
        rows = [row for row in self._read(raw, filename) if any(row)]
        if not rows:
            return []
        if len(rows) - 1 > self.max_lines:
            raise LineError(
                self.env._(
                    "%(count)s lines: one import takes at most %(limit)s lines a "
                    "file. Split the file and import the parts one after the other "
                    "(lines already imported are recognised and skipped).",
                    count=len(rows) - 1,
                    limit=self.max_lines,
                )
            )
        header = [cell.lower() for cell in rows[0]]
        required, optional = columns
        missing = [column for column in required if column not in header]
        if missing:
            raise LineError(
                self.env._(
                    "line 1: missing columns %(missing)s (expected: %(columns)s)",
                    missing=", ".join(missing),
                    columns=";".join(required + optional),
                )
            )
        index = {column: header.index(column) for column in header}
        result = []
        for number, row in enumerate(rows[1:], start=2):
            values = {}
            for column in required + optional:
                i = index.get(column)
                values[column] = row[i] if i is not None and i < len(row) else ""
            result.append((number, values))
        return result

    def _read(self, raw, filename):
        """The file's rows as lists of stripped texts, read by a transient
        ``base_import.import`` (its CSV, XLS and XLSX readers)."""
        name = (filename or "").lower()
        is_xlsx = name.endswith(".xlsx") or raw[:2] == b"PK"
        options = {"quoting": '"', "has_headers": True}
        if not is_xlsx:
            options.update(self._csv_options(raw))
        # a new (never saved) record: the file is not written to the database
        importer = self.env["base_import.import"].new(
            {
                "res_model": "cae.migration.import",
                "file": raw,
                # the extension says the kind too: base_import falls back on it
                "file_name": self._file_name(filename, ".xlsx" if is_xlsx else ".csv"),
                "file_type": XLSX_MIMETYPE if is_xlsx else "text/csv",
            }
        )
        try:
            _length, rows = importer._read_file(options)
        except (UserError, ValueError, csv.Error) as error:
            message = error.args[0] if error.args else str(error)
            raise LineError(
                self.env._("the file cannot be read as XLSX (%(error)s)", error=message)
                if is_xlsx
                else self.env._(
                    "the file cannot be read as CSV (%(error)s)", error=message
                )
            ) from error
        return [[str(cell or "").strip() for cell in row] for row in rows]

    @staticmethod
    def _file_name(filename, extension):
        name = filename or "migration"
        return name if name.lower().endswith(extension) else name + extension

    def _csv_options(self, raw):
        """Encoding and separator of a CSV file: UTF-8 or Windows-1252 (what
        spreadsheets save), the separator of its header line."""
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
            separator, quoting = dialect.delimiter, dialect.quotechar or '"'
        except csv.Error:
            separator, quoting = ",", '"'
        return {"encoding": encoding, "separator": separator, "quoting": quoting}
