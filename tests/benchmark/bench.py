"""make bench: month-end operations of a large CAE, against the platform's floor.

    python3 tests/benchmark/bench.py [--activities 500] [--db cae_bench] [--reset]

Builds (once) a database with the suite's addons (not the demo) and a
generated CAE of N activities with 12 months of accounting (the demo's
generator, ``cae_demo/generator.py``), then measures, each in a savepoint
rolled back afterwards: the contribution run of a month (floor: a bare batch
create and post of the same number of entries), the état des comptes of one
activity (over 10 000 journal items) and of all activities (floor: one
hand-written SQL aggregate, whose figures are checked equal), the payroll
export, the funder statistics and the BPF when their modules provide them.
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


def measure(env, label, func):
    import odoo

    env.flush_all()
    env.invalidate_all()
    with env.cr.savepoint(flush=False) as savepoint:
        queries = odoo.sql_db.sql_counter
        start = time.perf_counter()
        result = func()
        env.flush_all()
        elapsed = time.perf_counter() - start
        queries = odoo.sql_db.sql_counter - queries
        savepoint.rollback()
    env.invalidate_all()
    return {"label": label, "seconds": elapsed, "queries": queries, "result": result}


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


def migration_files(n):
    """A migration file set for n activities: one entrepreneur and two
    contracts each, two customers and a supplier, opening balances, an open
    quote, an unpaid invoice of two lines and a bill."""
    files = {
        "activities": ["ref;code;name;type"],
        "members": ["ref;name;email;activity_codes;associate_date"],
        "contracts": ["ref;member_ref;type;activity_code;date_start;date_end"],
        "partners": ["ref;name;activity_codes;kind"],
        "balances": ["ref;activity_code;cash;customers;suppliers;taxes_due"],
        "documents": [
            ";".join(
                ("ref", "kind", "number", "activity_code", "partner_ref", "date")
                + ("label", "quantity", "unit_price", "tax_rate")
            )
        ],
    }
    for i in range(n):
        code = f"MG{i:04d}"
        files["activities"].append(f"a{i};{code};Activité reprise {i};standard")
        files["members"].append(
            f"m{i};Entrepreneur Repris {i};m{i}@example.fr;{code};"
            + ("2024-01-01" if i % 3 == 0 else "")
        )
        files["contracts"].append(f"c{i}a;m{i};cape;{code};2023-01-01;2023-12-31")
        files["contracts"].append(f"c{i}b;m{i};cesa;{code};2024-01-01;")
        for kind, suffix in (("customer", "c1"), ("customer", "c2"), ("supplier", "s")):
            files["partners"].append(f"p{i}{suffix};Tiers {i} {suffix};{code};{kind}")
        files["balances"].append(f"b{i};{code};{1000 + i};500;200;100")
        files["documents"] += [
            f"q{i};quote;D{i};{code};p{i}c1;{YEAR}-12-01;Devis;1;900;20",
            f"f{i};invoice;F{i};{code};p{i}c2;{YEAR}-12-05;Prestation;2;300;20",
            f"f{i};invoice;F{i};{code};p{i}c2;{YEAR}-12-05;Déplacement;1;40;20",
            f"h{i};bill;H{i};{code};p{i}s;{YEAR}-12-07;Fournitures;1;120;20",
        ]
    return {kind: "\n".join(lines) + "\n" for kind, lines in files.items()}


def run(db, n_activities):
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
        activities = env["cae.activity"].search([("code", "=like", "B%")])
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
        Statement = env["cae.account.statement"]
        start, end = date(YEAR, 1, 1), date(YEAR, 12, 31)
        rows = []

        # contribution run of December, and its floor
        month_end = date(YEAR, 12, 31)
        run_m = measure(
            env,
            "contribution run (1 month)",
            lambda: len(
                env["cae.contribution.run"]._cae_run(company, month_end).move_id
            ),
        )
        posted = run_m["result"]
        journal = company.cae_contribution_journal_id
        expense = company.cae_contribution_expense_account_id
        income = company.cae_contribution_income_account_id

        structure = company._cae_structure_account()
        levied = activities[: posted or len(activities)]

        def bare():
            # the same entries (accounts, activity, analytic accounts), without
            # any of the run's logic: what the platform needs to post them
            moves = env["account.move"].create(
                [
                    {
                        "move_type": "entry",
                        "journal_id": journal.id,
                        "date": month_end,
                        "line_ids": [
                            (
                                0,
                                0,
                                {
                                    "account_id": expense.id,
                                    "cae_activity_id": activity.id,
                                    "debit": 10.0,
                                },
                            ),
                            (
                                0,
                                0,
                                {
                                    "account_id": income.id,
                                    "analytic_distribution": {str(structure.id): 100},
                                    "credit": 10.0,
                                },
                            ),
                        ],
                    }
                    for activity in levied
                ]
            )
            moves._post(soft=False)

        floor_m = measure(env, "floor: bare create+post", bare)
        rows.append((run_m, floor_m))

        one = measure(
            env,
            f"état des comptes, 1 activity ({lines} lines)",
            lambda: Statement._cae_compute_statements(heavy, start, end),
        )
        one_floor = measure(
            env, "floor: SQL", lambda: sql_floor(env, heavy, start, end)
        )
        rows.append((one, one_floor))
        every = measure(
            env,
            f"états des comptes, {len(activities)} activities",
            lambda: Statement._cae_compute_statements(activities, start, end),
        )
        every_floor = measure(
            env, "floor: SQL", lambda: sql_floor(env, activities, start, end)
        )
        rows.append((every, every_floor))
        # the figures of both are equal
        mismatches = 0
        for activity_id, (revenue, cash, salaries_due) in every_floor["result"].items():
            figures = every["result"][activity_id]
            for mine, floor in (
                (figures["revenue"], revenue),
                (figures["cash"], cash),
                (figures["salaries_to_pay"], salaries_due),
            ):
                if abs(mine - float(floor)) > 0.005:
                    mismatches += 1
        rows.append(
            (
                measure(
                    env,
                    "payroll export (1 month)",
                    lambda: len(
                        env["cae.payroll.export"]
                        ._cae_generate(month_end, company)
                        .line_ids
                    ),
                ),
                None,
            )
        )
        if "cae.migration.import" in env:
            import base64

            n_migrated = max(n_activities // 5, 1)
            vals = {"company_id": company.id, "opening_date": date(YEAR + 1, 1, 1)}
            for kind, text in migration_files(n_migrated).items():
                vals[f"{kind}_file"] = base64.b64encode(text.encode())
                vals[f"{kind}_filename"] = f"{kind}.csv"
            wizard = env["cae.migration.import"].create(vals)

            def migrate():
                wizard._cae_process(commit=True)
                assert not wizard.error_count, wizard.report
                return wizard.report

            rows.append(
                (
                    measure(
                        env,
                        f"migration import ({n_migrated} activities, "
                        f"{10 * n_migrated} lines)",
                        migrate,
                    ),
                    None,
                )
            )
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
    verdict = "yes" if not mismatches else f"NO ({mismatches})"
    print(f"figures equal to the SQL floor: {verdict}")
    return 1 if mismatches else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=500)
    parser.add_argument("--db", default="cae_bench")
    parser.add_argument("--reset", action="store_true")
    opts = parser.parse_args()
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
    sys.exit(run(opts.db, opts.activities))


if __name__ == "__main__":
    main()
