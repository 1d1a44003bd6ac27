"""The migration import's cost a line, and a large import as a background job.

    python3 tests/benchmark/migration_bench.py --db <db> [--activities 100]
        [--job-lines 50000] [--profile] [--commit]

``measure_import`` imports the bench's file set (``migration_files``) of N
activities (12 lines an activity) and gives its wall time, SQL queries and
lines; ``run_as_job`` builds a set of at least ``n_lines`` lines, queues it
with the wizard's own method and performs the job as queue_job's runner does
(``Job.load``, started, ``perform``, done), then checks that the job ended
done, the report has no error and its counts equal the lines. Everything is
rolled back afterwards unless ``--commit``. ``--profile`` prints the
functions that take the most time (cProfile) and the SQL queries of each
handler.
"""

import argparse
import base64
import cProfile
import io
import os
import pstats
import sys
import time
from datetime import date

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))

YEAR = 2025
LINES_AN_ACTIVITY = 12


def migration_files(n, prefix="MG"):
    """A migration file set for n activities: one entrepreneur and two
    contracts each, two customers and a supplier, opening balances, an open
    quote, an unpaid invoice of two lines and a bill (12 lines an activity).
    ``prefix`` starts the activity codes and refs (two sets of different
    prefixes do not overlap)."""
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
    p = "" if prefix == "MG" else prefix.lower()
    for i in range(n):
        code = f"{prefix}{i:04d}"
        files["activities"].append(f"{p}a{i};{code};Activité reprise {i};standard")
        files["members"].append(
            f"{p}m{i};Entrepreneur Repris {i};{p}m{i}@example.fr;{code};"
            + ("2024-01-01" if i % 3 == 0 else "")
        )
        files["contracts"].append(f"{p}c{i}a;{p}m{i};cape;{code};2023-01-01;2023-12-31")
        files["contracts"].append(f"{p}c{i}b;{p}m{i};cesa;{code};2024-01-01;")
        for kind, suffix in (("customer", "c1"), ("customer", "c2"), ("supplier", "s")):
            files["partners"].append(
                f"{p}p{i}{suffix};Tiers {i} {suffix};{code};{kind}"
            )
        files["balances"].append(f"{p}b{i};{code};{1000 + i};500;200;100")
        files["documents"] += [
            f"{p}q{i};quote;D{i};{code};{p}p{i}c1;{YEAR}-12-01;Devis;1;900;20",
            f"{p}f{i};invoice;F{i};{code};{p}p{i}c2;{YEAR}-12-05;Prestation;2;300;20",
            f"{p}f{i};invoice;F{i};{code};{p}p{i}c2;{YEAR}-12-05;Déplacement;1;40;20",
            f"{p}h{i};bill;H{i};{code};{p}p{i}s;{YEAR}-12-07;Fournitures;1;120;20",
        ]
    return {kind: "\n".join(lines) + "\n" for kind, lines in files.items()}


def wizard_values(company, files, opening_date):
    vals = {"company_id": company.id, "opening_date": opening_date}
    for kind, text in files.items():
        vals[f"{kind}_file"] = base64.b64encode(text.encode())
        vals[f"{kind}_filename"] = f"{kind}.csv"
    return vals


def count_lines(files):
    return sum(len(text.strip().splitlines()) - 1 for text in files.values())


class HandlerQueries:
    """Counts the SQL queries and seconds of each handler's ``process``."""

    def __init__(self):
        self.rows = []

    def __enter__(self):
        import odoo

        from odoo.addons.cae_migration.wizards.migration_handlers import HANDLERS

        self.patched = []
        for handler in HANDLERS:
            original = handler.process

            def process(handler_self, rows, _original=original):
                queries = odoo.sql_db.sql_counter
                start = time.perf_counter()
                result = _original(handler_self, rows)
                handler_self.env.flush_all()
                self.rows.append(
                    (
                        handler_self.kind,
                        len(rows),
                        odoo.sql_db.sql_counter - queries,
                        time.perf_counter() - start,
                    )
                )
                return result

            handler.process = process
            self.patched.append((handler, original))
        return self

    def __exit__(self, *exc):
        for handler, original in self.patched:
            handler.process = original

    def print(self):
        header = ("handler", "lines", "queries", "q/line", "ms/line")
        print("{:<12} {:>6} {:>8} {:>7} {:>8}".format(*header))
        for kind, lines, queries, seconds in self.rows:
            print(
                f"{kind:<12} {lines:>6} {queries:>8} {queries / max(lines, 1):>7.2f} "
                f"{1000 * seconds / max(lines, 1):>8.2f}"
            )


def measure_import(env, company, n_activities, opening_date, prefix="MG", profile=None):
    """{seconds, queries, lines, report} of importing the bench's set of
    ``n_activities`` (flushed at the end), in a savepoint rolled back
    afterwards. ``profile``: a cProfile.Profile enabled around the import."""
    import odoo

    files = migration_files(n_activities, prefix)
    lines = count_lines(files)
    wizard = env["cae.migration.import"].create(
        wizard_values(company, files, opening_date)
    )
    env.flush_all()
    env.invalidate_all()
    with env.cr.savepoint(flush=False) as savepoint:
        queries = odoo.sql_db.sql_counter
        start = time.perf_counter()
        if profile:
            profile.enable()
        wizard._cae_process(commit=True)
        env.flush_all()
        if profile:
            profile.disable()
        elapsed = time.perf_counter() - start
        queries = odoo.sql_db.sql_counter - queries
        state, errors, report = wizard.state, wizard.error_count, wizard.report
        savepoint.rollback()
    env.invalidate_all()
    if state != "done" or errors:
        raise AssertionError(f"the import failed: {report}")
    return {"seconds": elapsed, "queries": queries, "lines": lines, "report": report}


def measure_floor(env, company, n_activities, opening_date):
    """{seconds, queries} of what the platform needs to write the same
    records without the import: bare batch creates of the activities, the
    entrepreneurs (partner and employee), their contracts (started), the
    customers and suppliers, the opening entry (posted), the quotes and the
    invoices and bills (posted), with the values the import gives them."""
    import odoo
    from odoo import Command

    wizard = env["cae.migration.import"].new({"company_id": company.id})
    taxes = {
        use: env["account.tax"].search(
            [
                ("company_id", "=", company.id),
                ("type_tax_use", "=", use),
                ("amount_type", "=", "percent"),
                ("amount", "=", 20),
                ("price_include", "=", False),
            ],
            limit=1,
        )
        for use in ("sale", "purchase")
    }
    env.flush_all()
    env.invalidate_all()
    ctx = {"tracking_disable": True, "active_test": False}
    pending = {"cae_migration_pending": True}
    with env.cr.savepoint(flush=False) as savepoint:
        queries = odoo.sql_db.sql_counter
        start = time.perf_counter()
        env = env(context=dict(env.context, **ctx))
        activities = (
            env["cae.activity"]
            .with_context(**pending)
            .create(
                [
                    {
                        "code": f"FL{i:04d}",
                        "name": f"Activité {i}",
                        "activity_type": "standard",
                        "company_id": company.id,
                    }
                    for i in range(n_activities)
                ]
            )
        )
        members = env["res.partner"].create(
            [
                {
                    "name": f"Entrepreneur {i}",
                    "email": f"fl{i}@example.fr",
                    "is_cae_member": True,
                    "company_id": False,
                    "cae_associate_date": date(2024, 1, 1) if i % 3 == 0 else False,
                    "cae_activity_ids": [Command.set(activity.ids)],
                }
                for i, activity in enumerate(activities)
            ]
        )
        Employee = env["hr.employee"]
        Employee.create(
            [Employee._cae_employee_vals(member, company) for member in members]
        )
        contracts = (
            env["cae.contract"]
            .with_context(cae_history=True)
            .create(
                [
                    {
                        "partner_id": member.id,
                        "contract_type": kind,
                        "activity_id": activity.id,
                        "date_start": date_start,
                        "date_end": date_end,
                        "date_signature": date_start,
                        "company_id": company.id,
                    }
                    for member, activity in zip(members, activities, strict=True)
                    for kind, date_start, date_end in (
                        ("cape", date(2023, 1, 1), date(2023, 12, 31)),
                        ("cesa", date(2024, 1, 1), False),
                    )
                ]
            )
        )
        contracts.action_start()
        contracts.filtered("date_end").action_end()
        partners = env["res.partner"].create(
            [
                {
                    "name": f"Tiers {i} {suffix}",
                    "is_company": True,
                    "country_id": company.country_id.id,
                    "cae_customer_activity_ids": [Command.set(activity.ids)],
                    rank: 1,
                }
                for i, activity in enumerate(activities)
                for suffix, rank in (
                    ("c1", "customer_rank"),
                    ("c2", "customer_rank"),
                    ("s", "supplier_rank"),
                )
            ]
        )
        accounts = [
            (wizard.cash_account_id, 1000),
            (wizard.customer_account_id, 500),
            (wizard.supplier_account_id, -200),
            (wizard.tax_account_id, -100),
            (wizard.counterpart_account_id, -1200),
        ]
        opening = env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": wizard.opening_journal_id.id,
                "date": opening_date,
                "company_id": company.id,
                "line_ids": [
                    Command.create(
                        {
                            "account_id": account.id,
                            "name": activity.code,
                            "debit": max(amount, 0.0),
                            "credit": max(-amount, 0.0),
                            "cae_activity_id": activity.id,
                        }
                    )
                    for activity in activities
                    for account, amount in accounts
                ],
            }
        )
        opening._post(soft=False)
        product = env["product.product"].create({"name": "Reprise", "type": "service"})
        env["sale.order"].create(
            [
                {
                    "partner_id": partners[3 * i].id,
                    "cae_activity_id": activity.id,
                    "date_order": date(YEAR, 12, 1),
                    "company_id": company.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "name": "Devis",
                                "product_uom_qty": 1,
                                "price_unit": 900,
                                "tax_id": [Command.set(taxes["sale"].ids)],
                            }
                        )
                    ],
                }
                for i, activity in enumerate(activities)
            ]
        )

        def move(kind, partner, activity, day, lines, tax):
            return {
                "move_type": kind,
                "partner_id": partner.id,
                "cae_activity_id": activity.id,
                "invoice_date": date(YEAR, 12, day),
                "date": date(YEAR, 12, day),
                "company_id": company.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": name,
                            "quantity": qty,
                            "price_unit": price,
                            "tax_ids": [Command.set(tax.ids)],
                        }
                    )
                    for name, qty, price in lines
                ],
            }

        moves = env["account.move"].create(
            [
                vals
                for i, activity in enumerate(activities)
                for vals in (
                    move(
                        "out_invoice",
                        partners[3 * i + 1],
                        activity,
                        5,
                        [("Prestation", 2, 300), ("Déplacement", 1, 40)],
                        taxes["sale"],
                    ),
                    move(
                        "in_invoice",
                        partners[3 * i + 2],
                        activity,
                        7,
                        [("Fournitures", 1, 120)],
                        taxes["purchase"],
                    ),
                )
            ]
        )
        moves._post(soft=False)
        env.flush_all()
        elapsed = time.perf_counter() - start
        queries = odoo.sql_db.sql_counter - queries
        savepoint.rollback()
    env.invalidate_all()
    return {"seconds": elapsed, "queries": queries}


def run_as_job(env, company, n_lines, opening_date=None, prefix="JB"):
    """Imports a set of at least ``n_lines`` lines as the background job
    really runs: queued by the wizard's ``action_import``, then loaded and
    performed as queue_job's runner does (``RunJobController._try_perform_job``
    without its commit). Returns {seconds, lines, progress_writes, state};
    raises AssertionError when the job did not end done with every line
    created."""
    from odoo.addons.queue_job.controllers.main import _prevent_commit
    from odoo.addons.queue_job.job import DONE, Job

    opening_date = opening_date or date(YEAR + 1, 1, 1)
    n_activities = -(-n_lines // LINES_AN_ACTIVITY)
    files = migration_files(n_activities, prefix)
    lines = count_lines(files)
    params = env["ir.config_parameter"].sudo()
    # one file of the set is a third of it: above the default limit a file
    max_lines = max(len(text.splitlines()) for text in files.values())
    if int(params.get_param("cae_migration.max_lines", 5000)) < max_lines:
        params.set_param("cae_migration.max_lines", str(max_lines))
    # a small set (a check of this function) runs as a job too
    if int(params.get_param("cae_migration.background_lines", 5000)) >= lines:
        params.set_param("cae_migration.background_lines", str(lines - 1))
    wizard = env["cae.migration.import"].create(
        wizard_values(company, files, opening_date)
    )
    wizard.action_import()
    assert wizard.state == "queued", wizard.report
    job_record = env["queue.job"].search(
        [("model_name", "=", wizard._name), ("method_name", "=", "_cae_job_run")],
        order="id desc",
        limit=1,
    )
    assert job_record and job_record.records == wizard, job_record
    env.flush_all()
    env.invalidate_all()
    # the job writes its progress through a cursor of its own (committed at
    # once): in test mode that cursor is this one, rolled back at the end
    writes = []
    original = type(wizard)._cae_write_progress

    def write_progress(self, progress, done):
        writes.append((time.perf_counter(), done))
        return original(self, progress, done)

    type(wizard)._cae_write_progress = write_progress
    env.registry.enter_test_mode(env.cr)
    try:
        start = time.perf_counter()
        job = Job.load(env, job_record.uuid)
        job.set_started()
        job.store()
        with _prevent_commit(env.cr):
            job.perform()
            env.flush_all()
            job.set_done()
            job.store()
            env.flush_all()
        elapsed = time.perf_counter() - start
    finally:
        env.registry.leave_test_mode()
        type(wizard)._cae_write_progress = original
    env.invalidate_all()
    job_record = env["queue.job"].browse(job_record.id)
    wizard = env["cae.migration.import"].browse(wizard.id)
    assert job_record.state == DONE, job_record.exc_info
    assert wizard.state == "done" and not wizard.error_count, wizard.report
    assert wizard.line_count == lines, (wizard.line_count, lines)
    assert wizard.progress_ids.done == lines, wizard.progress_ids.done
    expected = {
        "activities": n_activities,
        "members": n_activities,
        "contracts": 2 * n_activities,
        "partners": 3 * n_activities,
        "balances": n_activities,
        "documents": 3 * n_activities,
    }
    for kind, count in expected.items():
        label = wizard._cae_file_label(kind)
        assert f"{label}: {count} created, 0 already imported" in wizard.report, (
            kind,
            wizard.report,
        )
    created = env["cae.activity"].search_count([("code", "=like", f"{prefix}%")])
    assert created == n_activities, created
    return {
        "seconds": elapsed,
        "lines": lines,
        "progress_writes": len(writes),
        "state": wizard.state,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--activities", type=int, default=100)
    parser.add_argument("--job-lines", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--commit", action="store_true", help="keep what the job imported"
    )
    args = parser.parse_args()

    import odoo_env

    with odoo_env.superuser_env(args.db) as (env, company):
        opening = date(YEAR + 1, 1, 1)
        # warm Odoo's caches (the registry, the first records of each kind)
        measure_import(env, company, 2, opening)
        print(f"load average: {os.getloadavg()[0]:.2f}", flush=True)
        for _i in range(args.repeat):
            m = measure_import(env, company, args.activities, opening)
            print(
                f"import of {m['lines']} lines: {m['seconds']:.2f} s, "
                f"{1000 * m['seconds'] / m['lines']:.2f} ms a line, "
                f"{m['queries']} queries ({m['queries'] / m['lines']:.2f} a line)",
                flush=True,
            )
        for _i in range(args.repeat):
            f = measure_floor(env, company, args.activities, opening)
            lines = args.activities * LINES_AN_ACTIVITY
            print(
                f"floor (bare creates of the same records): {f['seconds']:.2f} s, "
                f"{1000 * f['seconds'] / lines:.2f} ms a line, "
                f"{f['queries']} queries ({f['queries'] / lines:.2f} a line)",
                flush=True,
            )
        if args.profile:
            profile = cProfile.Profile()
            with HandlerQueries() as per_handler:
                measure_import(env, company, args.activities, opening, profile=profile)
            per_handler.print()
            profile.dump_stats("/tmp/migration_bench.prof")
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(60)
            print(out.getvalue())
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out).sort_stats("tottime")
            stats.print_stats(30)
            stats.sort_stats("cumulative").print_stats("cae_", 60)
            print(out.getvalue())
        if args.job_lines:
            print(f"load average: {os.getloadavg()[0]:.2f}", flush=True)
            j = run_as_job(env, company, args.job_lines, opening)
            print(
                f"job of {j['lines']} lines: {j['seconds']:.0f} s, "
                f"{1000 * j['seconds'] / j['lines']:.2f} ms a line, "
                f"{j['progress_writes']} progress writes, {j['state']}",
                flush=True,
            )
        if not args.commit:
            env.cr.rollback()


if __name__ == "__main__":
    main()
