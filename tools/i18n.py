"""Translations of the suite's modules.

``i18n.py check``  regenerates each module's .pot from a database where the
                   modules are installed, fails when it differs from the
                   committed one (msgids), or when fr.po leaves an entry
                   untranslated or fuzzy.
``i18n.py update`` writes the regenerated .pot and merges it into fr.po.

A throwaway database is created unless ``--db`` names one where the four
modules are installed.
"""

import argparse
import os
import subprocess
import sys
import tempfile

import polib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import odoo_env
from run_tests import Odoo, createdb, dropdb, error_lines, our_modules


def export_pots(odoo, db, names):
    pots = {}
    for name in names:
        path = os.path.join(odoo.workdir, f"{name}.pot")
        rc, logfile = odoo.run(
            db, f"export-{name}", [f"--i18n-export={path}", f"--modules={name}"]
        )
        if rc or not os.path.exists(path):
            sys.exit(f"i18n: export of {name} failed, see {logfile}")
        pots[name] = path
    return pots


def entry_keys(po):
    """(msgctxt, msgid, where) of every entry and every database occurrence:
    Odoo applies a view's or a record's translation only when the PO entry
    lists that view or record (code occurrences are matched by msgid)."""
    keys = set()
    for entry in po:
        if entry.obsolete:
            continue
        keys.add((entry.msgctxt, entry.msgid, ""))
        for where, _line in entry.occurrences:
            if where.startswith(("model:", "model_terms:", "selection:")):
                keys.add((entry.msgctxt, entry.msgid, where))
    return keys


def check(pots):
    problems = []
    for name, fresh_path in pots.items():
        i18n = os.path.join(ROOT, "addons", name, "i18n")
        pot_path = os.path.join(i18n, f"{name}.pot")
        fr_path = os.path.join(i18n, "fr.po")
        fresh = polib.pofile(fresh_path)
        if not os.path.exists(pot_path):
            problems.append(f"{name}: i18n/{name}.pot is missing")
            continue
        committed = polib.pofile(pot_path)
        missing = entry_keys(fresh) - entry_keys(committed)
        extra = entry_keys(committed) - entry_keys(fresh)
        for _ctx, msgid, where in sorted(missing, key=str)[:20]:
            problems.append(f"{name}: .pot lacks {msgid!r} {where} (run make i18n)")
        for _ctx, msgid, where in sorted(extra, key=str)[:20]:
            problems.append(
                f"{name}: .pot has {msgid!r} {where} that the code no longer has"
            )
        if not os.path.exists(fr_path):
            problems.append(f"{name}: i18n/fr.po is missing")
            continue
        french_po = polib.pofile(fr_path)
        french = {(e.msgctxt, e.msgid): e for e in french_po}
        stale = entry_keys(fresh) - entry_keys(french_po)
        for _ctx, msgid, where in sorted(stale, key=str)[:20]:
            problems.append(f"{name}: fr.po lacks {msgid!r} {where} (run make i18n)")
        for key in sorted({(c, m) for c, m, _w in entry_keys(fresh)}, key=str):
            entry = french.get(key)
            if entry is None or entry.obsolete:
                problems.append(f"{name}: fr.po lacks {key[1]!r}")
            elif not entry.translated() or "fuzzy" in entry.flags:
                problems.append(f"{name}: fr.po leaves {key[1]!r} untranslated")
    return problems


def update(pots):
    for name, fresh_path in pots.items():
        i18n = os.path.join(ROOT, "addons", name, "i18n")
        os.makedirs(i18n, exist_ok=True)
        pot_path = os.path.join(i18n, f"{name}.pot")
        fr_path = os.path.join(i18n, "fr.po")
        with open(fresh_path, encoding="utf-8") as src:
            content = src.read()
        with open(pot_path, "w", encoding="utf-8") as dst:
            dst.write(content)
        if os.path.exists(fr_path):
            subprocess.run(
                [
                    "msgmerge",
                    "--quiet",
                    "--no-fuzzy-matching",
                    "--no-wrap",
                    "--update",
                    "--backup=none",
                    fr_path,
                    pot_path,
                ],
                check=True,
            )
        else:
            subprocess.run(
                [
                    "msginit",
                    "--no-translator",
                    "--no-wrap",
                    "-l",
                    "fr_FR.UTF-8",
                    "-i",
                    pot_path,
                    "-o",
                    fr_path,
                ],
                check=True,
            )
        untranslated = [e for e in polib.pofile(fr_path) if not e.translated()]
        print(f"{name}: {len(untranslated)} entries to translate in {fr_path}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["check", "update"])
    parser.add_argument("--db", help="existing database with the modules installed")
    parser.add_argument(
        "--modules", help="comma-separated subset of the suite's modules (default: all)"
    )
    opts = parser.parse_args()
    odoo_env.load_odoo()
    names = list(our_modules())
    if opts.modules:
        names = [name for name in names if name in opts.modules.split(",")]
    odoo = Odoo(tempfile.mkdtemp(prefix="cae-i18n-"), odoo_env.addons_path())
    db = opts.db or f"cae_i18n_{os.getpid()}"
    try:
        if not opts.db:
            createdb(db)
            rc, logfile = odoo.run(
                db, "install", ["-i", ",".join(names), "--without-demo=all"]
            )
            if rc or error_lines(logfile):
                sys.exit(f"i18n: the modules did not install, see {logfile}")
        pots = export_pots(odoo, db, names)
        if opts.command == "update":
            update(pots)
            return
        problems = check(pots)
        for problem in problems:
            print(f"i18n: {problem}")
        if problems:
            sys.exit(1)
        print(f"i18n: {len(names)} modules, .pot up to date, fr.po complete")
    finally:
        if not opts.db:
            dropdb(db)


if __name__ == "__main__":
    main()
