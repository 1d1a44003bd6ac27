"""Create the demo database: a French CAE with the four modules and their
demo data, French everywhere.

1. ``base`` with French loaded;
2. the main company becomes a French CAE (name, address, SIRET, VAT, EUR), so
   that the accounting installs the French chart of accounts for it;
3. the four modules with their demo data;
4. French on every user, the NDA when cae_training provides the field.
"""

import argparse
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import odoo_env
from run_tests import Odoo, createdb, error_lines, show_errors

COMPANY = {
    "name": "Coopérative Démo",
    "street": "12 rue Nationale",
    "zip": "37000",
    "city": "Tours",
    "email": "contact@cooperative-demo.example",
    "phone": "+33 2 47 00 00 00",
    "siret": "90123456700018",
    "vat": "FR40901234567",
}
NDA = {"cae_nda_number": "24370000037", "cae_nda_region": "Centre-Val de Loire"}


def db_exists(name):
    out = subprocess.run(
        [
            "psql",
            "-d",
            "postgres",
            "-Atqc",
            f"select 1 from pg_database where datname = '{name}'",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip() == "1"


def configure(db, stage):
    """Runs inside Odoo (a child process) to write the company and users."""
    with odoo_env.superuser_env(db) as (env, company):
        if stage == "pre":
            france = env.ref("base.fr")
            company.write(
                {
                    **{k: v for k, v in COMPANY.items() if k in company._fields},
                    "country_id": france.id,
                    "currency_id": env.ref("base.EUR").id,
                }
            )
            company.partner_id.write(
                {k: v for k, v in COMPANY.items() if k in company.partner_id._fields}
            )
            env.ref("base.EUR").active = True
        else:
            nda = {k: v for k, v in NDA.items() if k in company._fields}
            if nda:
                company.write(nda)
        lang = env["res.lang"]._activate_lang("fr_FR")
        users = env["res.users"].with_context(active_test=False).search([])
        users.write({"lang": lang.code, "tz": "Europe/Paris"})
        env["ir.default"].set("res.partner", "lang", lang.code)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="cae_demo")
    parser.add_argument("--modules", required=True)
    parser.add_argument("--reset", action="store_true")
    parser.add_argument(
        "--without-demo", action="store_true", help="the modules without demo data"
    )
    parser.add_argument("--configure", choices=["pre", "post"], help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.configure:
        configure(opts.db, opts.configure)
        return
    odoo_env.load_odoo()
    if db_exists(opts.db) and not opts.reset:
        print(
            f"demo: database {opts.db} exists already (make setup RESET=1 recreates it)"
        )
        return
    odoo = Odoo(tempfile.mkdtemp(prefix="cae-demo-"), odoo_env.addons_path())
    odoo.data_dir = None
    createdb(opts.db)
    steps = [
        (
            "base",
            [
                "-i",
                "base",
                "--load-language=fr_FR",
                *(["--without-demo=all"] if opts.without_demo else []),
            ],
        ),
        ("configure-pre", None),
        # the French chart of accounts is loaded at the end of this run, before
        # the modules' demo invoices need its journals
        (
            "accounting",
            [
                "-i",
                "account,l10n_fr_account",
                *(["--without-demo=all"] if opts.without_demo else []),
            ],
        ),
        (
            "modules",
            [
                "-i",
                opts.modules,
                *(["--without-demo=all"] if opts.without_demo else []),
            ],
        ),
        ("configure-post", None),
    ]
    for label, args in steps:
        if args is None:
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--db",
                    opts.db,
                    "--modules",
                    opts.modules,
                    "--configure",
                    label.split("-")[1],
                ],
                check=True,
            )
            continue
        rc, logfile = odoo.run(opts.db, label, args)
        if rc or error_lines(logfile):
            show_errors(label, logfile)
            sys.exit(f"demo: step {label} failed, see {logfile}")
    print(f"demo: database {opts.db} ready - log in as admin / admin")


if __name__ == "__main__":
    main()
