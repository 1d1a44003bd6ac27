"""Upgrade check: a database made with an older commit of the suite upgrades
(``-u all``) to the current code with its data intact.

1. ``git archive <commit> addons`` (default 6208790, the last commit before
   cae_member was split) into a temporary folder;
2. a throwaway database where the old code's five modules are installed
   without demo data, with the same Odoo and the same other addons as
   ``tools/odoo_env.py`` gives (only the suite's ``addons`` folder replaced);
3. data written with the old code in ``odoo shell`` (``tools/upgrade_seed.py``):
   activities, contracts, invoices, a bank statement line, a migration import,
   a contribution run, salary requests, a payroll export, a training action,
   an appointment;
4. a fingerprint (row count and checksum of key columns) of a fixed list of
   tables, and of the migration references (``__cae_migration__`` xmlids);
5. ``-u all`` with the current working tree's addons (or ``--to``/
   ``--to-commit``): exit status 0 and no ERROR/CRITICAL line;
6. the fingerprint again, every table equal, and every model still loaded
   by the ORM with as many records as its table has rows.

``main(argv)`` returns the exit status and prints one summary line
``upgrade check: N tables intact`` (or the failures), for ``run_tests.py``.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import psycopg2

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import odoo_env
import run_tests

OLD_COMMIT = "6208790"
OLD_MODULES = "cae_member,cae_contribution,cae_parcours,cae_training,cae_einvoicing"
MIGRATION_MODULE = "__cae_migration__"

# table -> (model, key columns); the columns missing from the old database
# are left out, the ones kept must all be there after the upgrade
TABLES = {
    "cae_activity": (
        "cae.activity",
        (
            "name code trade_name activity_type analytic_account_id company_id "
            "date_start active"
        ),
    ),
    "cae_contract": (
        "cae.contract",
        (
            "name partner_id contract_type activity_id date_start date_end "
            "date_signature state fixed_monthly_amount monthly_hours company_id active"
        ),
    ),
    "account_move": (
        "account.move",
        (
            "name ref move_type state date invoice_date partner_id journal_id "
            "amount_untaxed amount_total cae_activity_id company_id"
        ),
    ),
    "account_move_line": (
        "account.move.line",
        (
            "move_id account_id name debit credit balance amount_currency partner_id "
            "cae_activity_id analytic_distribution tax_line_id"
        ),
    ),
    "account_bank_statement_line": (
        "account.bank.statement.line",
        "move_id payment_ref amount partner_id",
    ),
    "cae_contribution_line": (
        "cae.contribution.line",
        (
            "activity_id date_from date_to scale_id base_ytd due_ytd levied_before "
            "amount move_id company_id"
        ),
    ),
    "cae_payroll_export": ("cae.payroll.export", "name month company_id"),
    "cae_payroll_export_line": (
        "cae.payroll.export.line",
        (
            "export_id partner_id employee_id payroll_ref activity_id activity_code "
            "contract_type fixed_part requested_variable hours expenses leave_days"
        ),
    ),
    "cae_salary_request": (
        "cae.salary.request",
        (
            "partner_id activity_id month requested_variable hours leave_days "
            "exported payroll_export_line_id company_id"
        ),
    ),
    "res_partner": (
        "res.partner",
        "name ref email vat is_company is_cae_member company_id active",
    ),
    "account_analytic_account": (
        "account.analytic.account",
        "name code plan_id company_id active",
    ),
    "hr_employee": ("hr.employee", "name cae_payroll_ref work_contact_id"),
    "cae_training_program": ("cae.training.program", "name activity_id price"),
    "cae_training_action": ("cae.training.action", "name program_id state"),
    "cae_appointment": ("cae.appointment", "name date_start state"),
}
MIGRATION_KEY = f"ir_model_data[{MIGRATION_MODULE}]"


def log(msg):
    print(f"[upgrade check] {msg}", flush=True)


class CheckError(Exception):
    """A step of the check failed (the message says which and why)."""


def archive(commit, workdir):
    """The suite's addons at ``commit``, in ``workdir/<commit>/addons``."""
    known = subprocess.run(
        ["git", "-C", ROOT, "rev-parse", "--verify", "--quiet", f"{commit}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if known.returncode:
        raise CheckError(
            f"commit {commit!r} is not in the history of {ROOT} (nothing fetched: "
            "give a commit of this clone with --from / --to-commit)"
        )
    sha = known.stdout.strip()
    target = os.path.join(workdir, sha[:12])
    os.makedirs(target, exist_ok=True)
    git = subprocess.Popen(
        ["git", "-C", ROOT, "archive", sha, "addons"], stdout=subprocess.PIPE
    )
    tar = subprocess.run(["tar", "-x", "-C", target], stdin=git.stdout, check=False)
    git.stdout.close()
    if git.wait() or tar.returncode:
        raise CheckError(f"git archive {sha} addons failed")
    return os.path.join(target, "addons")


def addons_path_with(addons):
    """tools/odoo_env.py's addons path, the suite's folder replaced by ``addons``."""
    ours = os.path.join(ROOT, "addons")
    paths = odoo_env.addons_path().split(",")
    return ",".join(os.path.abspath(addons) if p == ours else p for p in paths)


def run_shell(odoo, db, label, script, env=None):
    """``odoo shell`` on ``db`` with ``script`` on its standard input."""
    logfile = os.path.join(odoo.workdir, f"{label}.log")
    cmd = [
        run_tests.PY,
        "-m",
        "odoo",
        "shell",
        f"--database={db}",
        f"--addons-path={odoo.addons_path}",
        f"--data-dir={odoo.data_dir}",
        "--no-http",
        "--max-cron-threads=0",
        "--log-level=warn",
    ]
    start = time.time()
    with open(logfile, "w", encoding="utf-8") as out:
        proc = subprocess.run(
            cmd,
            input=script,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
            env=dict(os.environ, **(env or {})),
            timeout=900,
            check=False,
        )
    log(f"{label}: exit {proc.returncode} in {time.time() - start:.0f} s")
    with open(logfile, encoding="utf-8", errors="replace") as fh:
        return proc.returncode, fh.read()


def fingerprint(db, columns=None):
    """{table: {"columns", "count", "checksum"}}; ``columns`` (an earlier
    fingerprint's) forces the column lists. A missing table or column is
    recorded as ``{"missing": ...}``."""
    result = {}
    conn = psycopg2.connect(dbname=db)
    try:
        with conn.cursor() as cr:
            for table, (_model, wished) in TABLES.items():
                cr.execute(
                    "SELECT column_name FROM information_schema.columns"
                    " WHERE table_schema = 'public' AND table_name = %s",
                    [table],
                )
                existing = {row[0] for row in cr.fetchall()}
                if not existing:
                    result[table] = {"missing": "table"}
                    continue
                if columns:
                    cols = columns[table]["columns"]
                else:
                    cols = ["id"] + [c for c in wished.split() if c in existing]
                lost = [c for c in cols if c not in existing]
                if lost:
                    result[table] = {"missing": "columns " + ", ".join(lost)}
                    continue
                row = " || '|' || ".join(
                    f"coalesce(\"{c}\"::text, '<null>')" for c in cols
                )
                cr.execute(
                    f"SELECT count(*), md5(coalesce(string_agg({row}, E'\\n'"
                    f" ORDER BY id), '')) FROM \"{table}\""
                )
                count, checksum = cr.fetchone()
                result[table] = {"columns": cols, "count": count, "checksum": checksum}
            cr.execute(
                "SELECT count(*), md5(coalesce(string_agg(name || '|' || model || '|'"
                " || res_id, E'\\n' ORDER BY name, model), ''))"
                " FROM ir_model_data WHERE module = %s",
                [MIGRATION_MODULE],
            )
            count, checksum = cr.fetchone()
            result[MIGRATION_KEY] = {
                "columns": ["name", "model", "res_id"],
                "count": count,
                "checksum": checksum,
            }
            models = [model for model, _cols in TABLES.values()]
            cr.execute(
                "SELECT count(*) FROM ir_model_data WHERE model = ANY(%s)", [models]
            )
            result["_external_ids"] = cr.fetchone()[0]
    finally:
        conn.close()
    return result


ORM_CHECK = """
import json, os
counts = json.loads(os.environ["CAE_UPGRADE_COUNTS"])
found = {}
for model, count in counts.items():
    if model not in env.registry:
        found[model] = "not loaded"
    else:
        found[model] = env[model].with_context(active_test=False).search_count([])
print("UPGRADE ORM " + json.dumps(found), flush=True)
"""


def orm_problems(odoo, db, before):
    """Every model of the tables is still loaded, with every row of its table."""
    counts = {TABLES[t][0]: before[t]["count"] for t in TABLES}
    rc, output = run_shell(
        odoo, db, "orm-check", ORM_CHECK, {"CAE_UPGRADE_COUNTS": json.dumps(counts)}
    )
    lines = [line for line in output.splitlines() if line.startswith("UPGRADE ORM ")]
    if rc or not lines:
        return [f"the ORM check after the upgrade failed:\n{output[-3000:]}"]
    found = json.loads(lines[-1][len("UPGRADE ORM ") :])
    return [
        f"{model}: {found[model]} after the upgrade (table rows: {count})"
        for model, count in counts.items()
        if found.get(model) != count
    ]


def compare(before, after):
    problems = []
    for table, old in before.items():
        if table.startswith("_"):
            continue
        new = after.get(table, {"missing": "table"})
        if "missing" in new:
            problems.append(f"{table}: {new['missing']} gone after the upgrade")
        elif new["count"] != old["count"]:
            problems.append(
                f"{table}: {old['count']} rows before, {new['count']} after"
            )
        elif new["checksum"] != old["checksum"]:
            problems.append(
                f"{table}: same {old['count']} rows, but the values of "
                f"{', '.join(old['columns'])} changed"
            )
    return problems


def odoo_step(odoo, db, label, args):
    rc, logfile = odoo.run(db, label, args, timeout=1200)
    errors = run_tests.error_lines(logfile)
    if rc or errors:
        run_tests.show_errors(label, logfile)
        raise CheckError(
            f"{label}: exit status {rc}, {len(errors)} ERROR/CRITICAL line(s)"
            f" (log {logfile})"
        )


def check(opts, workdir):
    old_addons = archive(opts.from_commit, workdir)
    if opts.to_commit:
        new_addons = archive(opts.to_commit, os.path.join(workdir, "to"))
    else:
        new_addons = os.path.abspath(opts.to or os.path.join(ROOT, "addons"))
    log(f"from {opts.from_commit} ({old_addons}) to {new_addons}")
    old = run_tests.Odoo(workdir, addons_path_with(old_addons))
    new = run_tests.Odoo(workdir, addons_path_with(new_addons))
    db = opts.database
    run_tests.createdb(db)
    odoo_step(old, db, "install-old", ["-i", OLD_MODULES, "--without-demo=all"])
    with open(os.path.join(ROOT, "tools", "upgrade_seed.py"), encoding="utf-8") as fh:
        seed = fh.read()
    rc, output = run_shell(
        old,
        db,
        "seed",
        seed,
        {
            "CAE_SEED_MIGRATION_DIR": os.path.join(
                old_addons, "cae_member", "static", "migration"
            ),
            "CAE_SEED_CONTRIBUTION_DIR": os.path.join(
                old_addons, "cae_contribution", "static", "migration"
            ),
        },
    )
    if rc or "UPGRADE SEED OK" not in output:
        raise CheckError(f"seeding with the old code failed:\n{output[-4000:]}")
    before = fingerprint(db)
    empty = [
        t for t, fp in before.items() if isinstance(fp, dict) and not fp.get("count")
    ]
    if empty:
        raise CheckError(f"the seed left tables empty: {', '.join(empty)}")
    log(
        f"seeded: {len(before) - 1} tables, {before['_external_ids']} records with"
        f" an external id, {before[MIGRATION_KEY]['count']} migration references"
    )
    odoo_step(new, db, "upgrade", ["-u", "all"])
    after = fingerprint(db, before)
    problems = compare(before, after)
    problems += orm_problems(new, db, before)
    log(f"after: {after['_external_ids']} records with an external id (not compared)")
    return len(before) - 1, problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="from_commit", default=OLD_COMMIT)
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--to", help="addons folder to upgrade to (default: addons/)")
    target.add_argument("--to-commit", help="upgrade to the addons of this commit")
    parser.add_argument("--database", default="cae_upgrade_check")
    parser.add_argument("--workdir", help="logs and data dir (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    opts = parser.parse_args(argv)

    odoo_env.load_odoo()
    workdir = opts.workdir or tempfile.mkdtemp(prefix="cae-upgrade-")
    os.makedirs(workdir, exist_ok=True)
    start = time.time()
    try:
        intact, problems = check(opts, workdir)
    except CheckError as exc:
        intact, problems = 0, [str(exc)]
    finally:
        if opts.keep:
            log(f"kept database {opts.database}, logs in {workdir}")
        else:
            run_tests.dropdb(opts.database)
    if not opts.keep and not opts.workdir and not problems:
        shutil.rmtree(workdir, ignore_errors=True)
    log(f"total time {time.time() - start:.0f} s")
    if problems:
        for problem in problems:
            log(f"PROBLEM: {problem}")
        log(f"logs in {workdir}")
        print(f"upgrade check: FAILED, {len(problems)} problem(s)", flush=True)
        return 1
    print(f"upgrade check: {intact} tables intact", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
