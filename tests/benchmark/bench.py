"""make bench: month-end operations of a large CAE, against the platform's floor.

    python3 tests/benchmark/bench.py [--activities 500] [--db cae_bench]
                                     [--job-lines 50000] [--reset]

Builds (once) a database with the suite's addons (not the demo; cae_bench
for 500 activities, else cae_bench_<N>) and a generated CAE of N activities
with 12 months of accounting (``generator.py``), then measures, each in a
savepoint rolled back afterwards:

- the contribution run of December, as the admin team's button runs it
  (grouped entries; above the company's threshold its queue_job jobs,
  performed as the job runner performs them), checked against an SQL
  recomputation of each activity's base and of what the entries charge it,
  and against the preview; floor: a bare batch create and post of one
  two-line entry an activity, and the same for the run's own grouped entries;
- the état des comptes of one activity (over 10 000 journal items) and of all
  activities; floor: one hand-written SQL aggregate, whose figures are
  checked equal;
- the payroll export, the funder statistics and the BPF when their modules
  provide them;
- the migration import of the set of N/5 activities (12 lines an activity,
  ``migration_bench.py``) against the bare creates of the same records, and
  with ``--job-lines`` a set of that many lines imported as its background
  job.

Prints one table: wall seconds, SQL queries, floor and ratio.
"""

import argparse
import os
import platform
import subprocess
import sys
import time
from datetime import date

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# every addon of the suite but the demo (the payroll export, the migration
# import and the salary journal of the generated payroll are measured too)
MODULES = (
    "cae_member,cae_contribution,cae_parcours,cae_training,cae_payroll,"
    "cae_bank,cae_einvoicing,cae_migration"
)
YEAR = 2025


def measure(env, label, func, check=None, repeat=1):
    """Time ``func`` (and count its queries) in a savepoint rolled back
    afterwards, the best of ``repeat`` runs; ``check(result)``, untimed, runs
    before the rollback and returns the problems it found (its figures
    against a recomputation)."""
    import odoo

    elapsed = None
    for _run in range(repeat):
        env.flush_all()
        env.invalidate_all()
        with env.cr.savepoint(flush=False) as savepoint:
            queries = odoo.sql_db.sql_counter
            start = time.perf_counter()
            result = func()
            env.flush_all()
            seconds = time.perf_counter() - start
            queries = odoo.sql_db.sql_counter - queries
            problems = check(result) if check else []
            savepoint.rollback()
        env.invalidate_all()
        elapsed = seconds if elapsed is None else min(elapsed, seconds)
    return {
        "label": label,
        "seconds": elapsed,
        "queries": queries,
        "result": result,
        "problems": problems,
    }


def contribution_run(env, company, date_to):
    """The run of ``company`` up to ``date_to`` as the admin team's button
    runs it: posted at once, or, above the company's threshold, queued and
    its jobs performed as queue_job's runner performs them. Returns the run,
    the number of jobs and of entries."""
    from jobs import perform_jobs

    run = (
        env["cae.contribution.run"]
        .with_company(company)
        .create({"company_id": company.id, "date_to": date_to})
    )
    run._cae_execute()
    jobs = 0
    if run.state == "queued":
        jobs = perform_jobs(
            env,
            [
                ("model_name", "=", run._name),
                ("method_name", "=", "_cae_job_levy_chunk"),
            ],
        )
    return {"run": run, "jobs": jobs, "entries": len(run.line_ids.move_id)}


def check_contribution(env, company, run, preview):
    """The run's figures against a direct recomputation: the base of each
    activity summed in SQL from its journal items, the amount each entry
    charges each activity summed in SQL, and the preview's amounts (computed
    before the run, synchronously). Returns the differences found."""
    problems = []
    if run.state != "done":
        return [f"the run is {run.state}"]
    lines = run.line_ids
    cr = env.cr
    root = str(company.root_id.id)
    # each activity's base: the year's items on the scale's revenue (and, for
    # a gross margin, deduction) accounts, out of the contribution journal
    for scale in lines.scale_id:
        of_scale = lines.filtered(lambda line, s=scale: line.scale_id == s)
        prefixes = (scale.revenue_prefixes or "70").split(",")
        if scale.base == "gross_margin" and scale.deduction_prefixes:
            prefixes += scale.deduction_prefixes.split(",")
        included = [p.strip() + "%" for p in prefixes if not p.strip().startswith("-")]
        excluded = [p.strip()[1:] + "%" for p in prefixes if p.strip().startswith("-")]
        cr.execute(
            f"""SELECT line.cae_activity_id, -SUM(line.balance)
                  FROM account_move_line line
                  JOIN account_account acc ON acc.id = line.account_id
                 WHERE line.cae_activity_id = ANY(%(ids)s)
                   AND line.parent_state = 'posted'
                   AND line.date BETWEEN %(start)s AND %(end)s
                   AND line.journal_id != %(journal)s
                   AND acc.code_store->>'{root}' LIKE ANY(%(included)s)
                   AND NOT acc.code_store->>'{root}' LIKE ANY(%(excluded)s::text[])
                 GROUP BY line.cae_activity_id""",
            {
                "ids": of_scale.activity_id.ids,
                "start": run.date_from,
                "end": run.date_to,
                "journal": company.cae_contribution_journal_id.id,
                "included": included,
                "excluded": excluded,
            },
        )
        bases = dict(cr.fetchall())
        for line in of_scale:
            if abs(float(bases.get(line.activity_id.id, 0.0)) - line.base_ytd) > 0.005:
                problems.append(f"base of {line.activity_id.code}")
    # what the entries charge each activity
    cr.execute(
        """SELECT line.cae_activity_id, SUM(line.debit - line.credit), COUNT(*)
             FROM account_move_line line
            WHERE line.move_id = ANY(%s) AND line.account_id = %s
            GROUP BY line.cae_activity_id""",
        [lines.move_id.ids, company.cae_contribution_expense_account_id.id],
    )
    charged = {activity: (amount, count) for activity, amount, count in cr.fetchall()}
    for line in lines.filtered("move_id"):
        amount, count = charged.pop(line.activity_id.id, (0.0, 0))
        if count != 1 or abs(float(amount) - line.amount) > 0.005:
            problems.append(f"entry of {line.activity_id.code}")
    if charged:
        problems.append(f"{len(charged)} activities charged without a line")
    expected = {vals["activity_id"]: vals["amount"] for vals in preview}
    levied = {line.activity_id.id: line.amount for line in lines}
    if expected.keys() != levied.keys() or any(
        abs(levied[a] - expected[a]) > 0.005 for a in expected
    ):
        problems.append("amounts differ from the preview")
    return problems


SQL_FLOOR = """
    SELECT line.cae_activity_id,
           SUM(CASE WHEN acc.code LIKE '70%%' AND line.date >= %(start)s
                    THEN -line.balance ELSE 0 END),
           SUM(CASE WHEN acc.code LIKE '5%%' THEN line.balance ELSE 0 END),
           SUM(CASE WHEN acc.code LIKE '421%%' THEN -line.balance ELSE 0 END)
      FROM account_move_line line
      JOIN account_account acc ON acc.id = line.account_id
     WHERE line.parent_state = 'posted'
       AND line.cae_activity_id = ANY(%(ids)s)
       AND line.date <= %(end)s
     GROUP BY line.cae_activity_id
"""


def sql_floor(env, activities, start, end):
    company = activities.company_id[:1]
    env.cr.execute(
        SQL_FLOOR.replace("acc.code", f"(acc.code_store->>'{company.root_id.id}')"),
        {"ids": activities.ids, "start": start, "end": end},
    )
    return {row[0]: row[1:] for row in env.cr.fetchall()}


def sql_floor_all(env, activities, start, end):
    """Every figure of the état des comptes (``STATEMENT_COLUMNS``), written
    out by hand: a conditional sum a figure over each journal item, the
    company's prefixes spelled in the query."""
    from odoo.addons.cae_member.models.cae_account_statement import (
        FIGURES,
        STATEMENT_COLUMNS,
    )

    company = activities.company_id[:1]
    code = f"(acc.code_store->>'{company.root_id.id}')"

    def matches(spec):
        parts = [p.strip() for p in (spec or "").split(",") if p.strip()]
        included = [p for p in parts if not p.startswith("-")]
        excluded = [p[1:] for p in parts if p.startswith("-")]
        sql = " OR ".join(f"{code} LIKE '{p}%%'" for p in included) or "FALSE"
        if excluded:
            skipped = " OR ".join(f"{code} LIKE '{p}%%'" for p in excluded)
            sql = f"({sql}) AND NOT ({skipped})"
        return f"({sql})"

    spec = {name: company[field] for name, (field, _s, _k) in FIGURES.items()}
    pnl = "SPLIT_PART(acc.account_type, '_', 1) IN ('income', 'expense')"
    charges = " OR ".join(
        matches(spec[n]) for n in ("purchases", "salaries", "contribution")
    )
    conditions = {
        "revenue": f"{pnl} AND {code} LIKE '7%%' AND {matches(spec['revenue'])}",
        "other_income": f"{pnl} AND {code} LIKE '7%%' "
        f"AND NOT {matches(spec['revenue'])}",
        "other_charges": f"{pnl} AND {code} NOT LIKE '7%%' AND NOT ({charges})",
        "contribution_total": matches(spec["contribution"]),
    }
    for name in ("purchases", "salaries", "contribution"):
        conditions[name] = f"{pnl} AND {code} NOT LIKE '7%%' AND {matches(spec[name])}"
    for name, (_field, _sign, kind) in FIGURES.items():
        if kind == "bs":
            conditions[name] = (
                f"LEFT({code}, 1) NOT IN ('6', '7') AND {matches(spec[name])}"
            )
    sign = {name: FIGURES.get(name, (0, 1))[1] for name in STATEMENT_COLUMNS}
    sign["other_income"] = -1
    period = {"revenue", "other_income", "purchases", "other_charges", "salaries"}
    period.add("contribution")
    sums = ", ".join(
        f"SUM(CASE WHEN {conditions[name]}"
        + (" AND line.date >= %(start)s" if name in period else "")
        + f" THEN line.balance ELSE 0 END) * {sign[name]}"
        for name in STATEMENT_COLUMNS
    )
    env.cr.execute(
        f"""SELECT line.cae_activity_id, {sums}
              FROM account_move_line line
              JOIN account_account acc ON acc.id = line.account_id
             WHERE line.parent_state = 'posted'
               AND line.cae_activity_id = ANY(%(ids)s)
               AND line.date <= %(end)s
             GROUP BY line.cae_activity_id""",
        {"ids": activities.ids, "start": start, "end": end},
    )
    return {
        row[0]: dict(zip(STATEMENT_COLUMNS, map(float, row[1:]), strict=True))
        for row in env.cr.fetchall()
    }


def statement_rows(env, label, activities, start, end):
    """The rows of the états des comptes of ``activities`` against both SQL
    floors (three figures, all 13), and the number of figures that differ
    from them."""
    compute = env["cae.account.statement"]._cae_compute_statements
    mine = measure(env, label, lambda: compute(activities, start, end), repeat=3)
    three = measure(
        env, "floor: SQL", lambda: sql_floor(env, activities, start, end), repeat=3
    )
    every = measure(
        env,
        "floor: the same figures in SQL",
        lambda: sql_floor_all(env, activities, start, end),
        repeat=3,
    )
    rows = [
        (dict(mine, label=f"{label} (floor: 3 figures)"), three),
        (dict(mine, label=f"{label} (floor: all 13 figures)"), every),
    ]
    figures = mine["result"]
    mismatches = sum(
        1
        for activity_id, floors in every["result"].items()
        for name, amount in floors.items()
        if abs(figures[activity_id][name] - amount) > 0.005
    )
    for activity_id, (revenue, cash, salaries_due) in three["result"].items():
        for name, floor in (
            ("revenue", revenue),
            ("cash", cash),
            ("salaries_to_pay", salaries_due),
        ):
            if abs(figures[activity_id][name] - float(floor)) > 0.005:
                mismatches += 1
    return rows, mismatches


def contribution_rows(env, company):
    """The rows of the contribution run of December: the run, its floor and
    its grouped twin; and the problems and notes of the run."""
    from odoo import Command
    from odoo.tools import split_every

    rows, problems, notes = [], [], []
    # contribution run of December, and its floor
    month_end = date(YEAR, 12, 31)
    preview = env["cae.contribution.run"]._cae_preview_vals(company, month_end)
    env.invalidate_all()
    to_levy = [vals for vals in preview if vals["amount"]]
    threshold = company.cae_contribution_job_threshold
    background = bool(threshold) and len(preview) > threshold
    run_m = measure(
        env,
        f"contribution run (1 month, {len(to_levy)} activities"
        + (", background job" if background else "")
        + ")",
        lambda: contribution_run(env, company, month_end),
        check=lambda result: check_contribution(env, company, result["run"], preview),
    )
    entries, jobs = run_m["result"]["entries"], run_m["result"]["jobs"]
    journal = company.cae_contribution_journal_id
    expense = company.cae_contribution_expense_account_id
    income = company.cae_contribution_income_account_id

    structure = company._cae_structure_account()
    levied = env["cae.activity"].browse([vals["activity_id"] for vals in to_levy])

    def expense_line(activity, analytic):
        vals = {"account_id": expense.id, "cae_activity_id": activity.id}
        if analytic:
            vals["analytic_distribution"] = {str(activity.analytic_account_id.id): 100}
        return Command.create(dict(vals, debit=10.0))

    def income_line(amount):
        return Command.create(
            {
                "account_id": income.id,
                "analytic_distribution": {str(structure.id): 100},
                "credit": amount,
            }
        )

    def bare():
        # the entries of one activity each (accounts, activity, analytic
        # accounts), without any of the run's logic: what the platform
        # needs to post them
        env["account.move"].create(
            [
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": month_end,
                    "line_ids": [expense_line(a, False), income_line(10.0)],
                }
                for a in levied
            ]
        )._post(soft=False)

    def bare_grouped(chunk):
        # the run's own grouped entries (an expense line an activity on
        # its analytic account, one income line), bare
        env["account.move"].create(
            [
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": month_end,
                    "line_ids": [expense_line(a, True) for a in part]
                    + [income_line(10.0 * len(part))],
                }
                for part in split_every(chunk, levied)
            ]
        )._post(soft=False)

    floor_m = measure(
        env,
        f"floor: {len(levied)} two-line entries, bare create+post",
        bare,
    )
    rows.append((run_m, floor_m))
    size = company.cae_contribution_chunk_size
    rows.append(
        (
            measure(
                env,
                f"bare create+post of the same {entries} grouped "
                f"entries ({size} activities each)",
                lambda: bare_grouped(size),
            ),
            floor_m,
        )
    )
    problems += [f"contribution run: {p}" for p in run_m["problems"]]
    if background:
        notes.append(
            f"contribution run: queued as {jobs} queue_job jobs, performed one "
            "after the other as the job runner performs them"
        )

    return rows, problems, notes


def run(db, n_activities, job_lines=0):
    import odoo_env

    with odoo_env.superuser_env(db) as (env, company):
        # after the addons path is set: the generator imports cae_demo's
        from generator import generate

        cr = env.cr
        if not env["cae.activity"].search_count([("code", "=like", "B%")]):
            print(
                f"bench: generating {n_activities} activities x 12 months ...",
                flush=True,
            )
            start = time.perf_counter()
            generate(
                env, company, n_activities=n_activities, year=YEAR, heavy_lines=10000
            )
            cr.commit()
            print(
                f"bench: generated in {time.perf_counter() - start:.0f} s", flush=True
            )
            # as after any bulk load: the statistics and the visibility map
            # (index-only scans) that autovacuum keeps on a live database
            subprocess.run(
                ["psql", "-d", db, "-qc", "VACUUM ANALYZE account_move_line"],
                check=True,
            )
        activities = env["cae.activity"].search([("code", "=like", "B%")])
        if len(activities) != n_activities:
            raise SystemExit(
                f"bench: {db} holds {len(activities)} generated activities, not "
                f"{n_activities}: RESET=1 rebuilds it"
            )
        if "cae.appointment" in env and not env["cae.appointment"].search_count([]):
            # a dataset generated before the journey modules: add their records
            import random

            from generator import generate_journey

            partners = activities.member_ids
            customers = env["res.partner"].search([("name", "=like", "Client %")])
            generate_journey(
                env, company, activities, partners, customers, YEAR, random.Random(42)
            )
            cr.commit()
        heavy = activities.filtered(lambda a: a.code == "B0000")
        lines = env["account.move.line"].search_count(
            [("cae_activity_id", "=", heavy.id)]
        )
        total_lines = env["account.move.line"].search_count(
            [("cae_activity_id", "!=", False)]
        )
        start, end = date(YEAR, 1, 1), date(YEAR, 12, 31)

        rows, problems, notes = contribution_rows(env, company)
        mismatches = 0
        for label, of in (
            (f"état des comptes, 1 activity ({lines} lines)", heavy),
            (f"états des comptes, {len(activities)} activities", activities),
        ):
            statement, figure_mismatches = statement_rows(env, label, of, start, end)
            rows += statement
            mismatches += figure_mismatches
        rows.append(
            (
                measure(
                    env,
                    "payroll export (1 month)",
                    lambda: len(
                        env["cae.payroll.export"]
                        ._cae_generate(date(YEAR, 12, 31), company)
                        .line_ids
                    ),
                ),
                None,
            )
        )
        if "cae.migration.import" in env:
            import migration_bench

            n_migrated = max(n_activities // 5, 1)
            opening = date(YEAR + 1, 1, 1)
            migrated = migration_bench.measure_import(env, company, n_migrated, opening)
            per_line = migrated["seconds"] * 1000 / migrated["lines"]
            migrated["label"] = (
                f"migration import ({n_migrated} activities, {migrated['lines']} "
                f"lines: {per_line:.1f} ms and "
                f"{migrated['queries'] / migrated['lines']:.1f} queries a line)"
            )
            migration_floor = migration_bench.measure_floor(
                env, company, n_migrated, opening
            )
            migration_floor["label"] = "floor: the same records, bare batch creates"
            rows.append((migrated, migration_floor))
        if "cae.funder.statistics" in env:
            stats = env["cae.funder.statistics"]
            rows.append(
                (
                    measure(
                        env,
                        "funder statistics (1 year)",
                        lambda: stats._cae_bench(start, end),
                    ),
                    None,
                )
            )
        if "cae.training.bpf" in env:
            bpf = env["cae.training.bpf"]
            rows.append(
                (
                    measure(
                        env,
                        "BPF (1 year)",
                        lambda: bpf.create({"year": YEAR}).action_compute(),
                    ),
                    None,
                )
            )
        if job_lines and "cae.migration.import" in env:
            import migration_bench

            job = migration_bench.run_as_job(env, company, job_lines)
            rows.append(
                (
                    {
                        "label": f"migration import as a background job "
                        f"({job['lines']} lines, {job['progress_writes']} progress "
                        f"updates, ended {job['state']})",
                        "seconds": job["seconds"],
                        "queries": "-",
                    },
                    None,
                )
            )
        cr.rollback()

    print()
    machine = f"{platform.machine()}, {os.cpu_count()} cores"
    print(
        f"Machine: {machine}, Python {platform.python_version()}, "
        f"{total_lines} journal items with an activity"
    )
    print()
    print("| operation | seconds | SQL queries | floor seconds | ratio |")
    print("|---|---:|---:|---:|---:|")
    for measured, floor in rows:
        ratio = (
            f"{measured['seconds'] / floor['seconds']:.2f}"
            if floor and floor["seconds"]
            else "-"
        )
        floor_s = f"{floor['seconds']:.3f}" if floor else "-"
        label, seconds = measured["label"], measured["seconds"]
        print(
            f"| {label} | {seconds:.3f} | {measured['queries']} | {floor_s} | {ratio} |"
        )
    print()
    for note in notes:
        print(note)
    verdict = "yes" if not mismatches else f"NO ({mismatches})"
    print(f"figures of the états des comptes equal to the SQL floor: {verdict}")
    verdict = "yes" if not problems else "NO: " + "; ".join(problems[:20])
    print(f"contribution equal to its SQL recomputation and its preview: {verdict}")
    return 1 if mismatches or problems else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=500)
    parser.add_argument(
        "--db", help="default: cae_bench (500 activities), else cae_bench_<N>"
    )
    parser.add_argument("--reset", action="store_true")
    parser.add_argument(
        "--job-lines",
        type=int,
        default=0,
        help="also import a set of that many lines as the background job runs it",
    )
    opts = parser.parse_args()
    if not opts.db:
        opts.db = (
            "cae_bench" if opts.activities == 500 else f"cae_bench_{opts.activities}"
        )
    import odoo_env
    from run_tests import dropdb

    odoo_env.load_odoo()
    exists = subprocess.run(
        [
            "psql",
            "-d",
            "postgres",
            "-Atqc",
            f"select 1 from pg_database where datname = '{opts.db}'",
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if opts.reset and exists:
        dropdb(opts.db)
        exists = False
    if not exists:
        subprocess.run(
            [
                sys.executable,
                os.path.join(ROOT, "tools", "demo_db.py"),
                "--db",
                opts.db,
                "--modules",
                MODULES,
                "--without-demo",
            ],
            check=True,
        )
    sys.exit(run(opts.db, opts.activities, opts.job_lines))


if __name__ == "__main__":
    main()
