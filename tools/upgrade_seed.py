"""Data for the upgrade check, written with the OLD code (``tools/upgrade_check.py``).

Runs inside ``python3 -m odoo shell -d <db> < tools/upgrade_seed.py`` on a
database where the suite of commit 6208790 (before cae_member was split) is
installed without demo data: ``env`` is the shell's superuser environment.
Uses only what the code of that commit offers (read from its tests' common
classes). The folder of the migration samples (the archived
``cae_member/static/migration``) comes in ``CAE_SEED_MIGRATION_DIR``.

Writes everything or nothing: prints ``UPGRADE SEED OK`` after its commit.
"""
# ruff: noqa: F821 - ``env`` is given by odoo shell

import base64
import os
from datetime import date

from odoo import Command

MIGRATION_DIR = os.environ["CAE_SEED_MIGRATION_DIR"]
CONTRIBUTION_DIR = os.environ["CAE_SEED_CONTRIBUTION_DIR"]
MONTH = date(2026, 11, 1)  # the month of the invoices, the run, the payroll


def seed(env):
    env = env(context=dict(env.context, tracking_disable=True))
    company = env["res.company"].create(
        {
            "name": "Coopérative Migrée",
            "country_id": env.ref("base.fr").id,
            "currency_id": env.ref("base.EUR").id,
            "siret": "12345678900017",
            "vat": "FR23334175221",
            "street": "1 rue de la Coopération",
            "zip": "37000",
            "city": "Tours",
        }
    )
    env["account.chart.template"].try_loading("fr", company=company, install_demo=False)
    env.user.company_ids |= company
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    company = company.with_env(env)
    company._cae_contribution_setup()
    company.write(
        {
            "cae_nda_number": "24 37 99999 37",
            "cae_nda_region": "Centre-Val de Loire",
            "cae_qualiopi_number": "QUA-TEST-001",
            "cae_qualiopi_body": "Certificateur Test",
        }
    )

    Partner = env["res.partner"]
    members = Partner.create(
        [
            {
                "name": "Anne Artisan",
                "email": "anne@example.com",
                "is_cae_member": True,
            },
            {"name": "Bruno Boulanger", "is_cae_member": True},
            {"name": "Chloé Conseil", "is_cae_member": True},
        ]
    )
    anne, bruno, chloe = members
    Activity = env["cae.activity"]
    act_a = Activity.create(
        {"name": "Atelier A", "code": "ACTA", "member_ids": [Command.link(anne.id)]}
    )
    act_b = Activity.create(
        {
            "name": "Boulangerie B",
            "code": "ACTB",
            "trade_name": "Pains de Bruno",
            "member_ids": [Command.link(bruno.id)],
        }
    )
    act_t = Activity.create(
        {
            "name": "Formations de Chloé",
            "code": "FORMC",
            "activity_type": "training",
            "member_ids": [Command.link(chloe.id)],
        }
    )
    for partner, ref in (
        (anne, "PAY-A"),
        (bruno, "PAY-B"),
        (chloe, "PAY-C"),
    ):
        env["hr.employee"].create(
            {
                "name": partner.name,
                "work_contact_id": partner.id,
                "cae_payroll_ref": ref,
                "company_id": company.id,
            }
        )

    # contracts: a CAPE that ended, then a running CESA (Anne, Bruno); Chloé's CAPE
    Contract = env["cae.contract"].with_context(cae_history=True)

    def contract(partner, kind, start, end=False, **vals):
        record = Contract.create(
            {
                "partner_id": partner.id,
                "contract_type": kind,
                "date_start": start,
                "date_end": end,
                "company_id": company.id,
                **vals,
            }
        )
        record.action_start()
        return record

    for partner, activity, fixed in ((anne, act_a, 1200.0), (bruno, act_b, 900.0)):
        contract(partner, "cape", date(2025, 1, 1), date(2025, 6, 30)).action_end()
        contract(
            partner,
            "cesa",
            date(2025, 7, 1),
            activity_id=activity.id,
            fixed_monthly_amount=fixed,
            monthly_hours=151.67,
        )
    contract(chloe, "cape", date(2026, 6, 1), date(2026, 11, 30))

    # customer invoices posted on the activities
    account = env["account.account"]
    revenue = account.search(
        [("company_ids", "in", company.ids), ("code", "=like", "706%")], limit=1
    )
    tax = env["account.tax"].search(
        [
            ("company_id", "=", company.id),
            ("type_tax_use", "=", "sale"),
            ("amount", "=", 20),
            ("amount_type", "=", "percent"),
            ("price_include", "=", False),
        ],
        limit=1,
    )
    product = env["product.product"].create(
        {
            "name": "Prestation",
            "type": "service",
            "list_price": 100.0,
            "property_account_income_id": revenue.id,
            "taxes_id": [Command.set(tax.ids)],
            "company_id": False,
        }
    )
    customers = Partner.create(
        [
            {
                "name": f"Client de {activity.code}",
                "is_company": True,
                "cae_customer_activity_ids": [Command.link(activity.id)],
            }
            for activity in (act_a, act_b, act_t)
        ]
    )
    invoices = env["account.move"]
    for activity, customer, amounts in (
        (act_a, customers[0], (1000.0, 2500.0)),
        (act_b, customers[1], (800.0,)),
        (act_t, customers[2], (1400.0,)),
    ):
        for day, amount in enumerate(amounts, start=5):
            invoices |= env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": customer.id,
                    "cae_activity_id": activity.id,
                    "invoice_date": MONTH.replace(day=day),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": 1,
                                "price_unit": amount,
                            }
                        )
                    ],
                }
            )
    invoices.action_post()

    # a bank statement line (the first invoice paid)
    bank = env["account.journal"].search(
        [("company_id", "=", company.id), ("type", "=", "bank")], limit=1
    )
    env["account.bank.statement.line"].create(
        {
            "journal_id": bank.id,
            "date": MONTH.replace(day=20),
            "payment_ref": invoices[0].name,
            "partner_id": invoices[0].partner_id.id,
            "amount": invoices[0].amount_total,
        }
    )

    # the migration import (the documented samples of the old code)
    files = {
        kind: os.path.join(MIGRATION_DIR, f"{kind}.csv")
        for kind in ("activities", "members", "contracts", "partners", "balances")
    }
    files["documents"] = os.path.join(MIGRATION_DIR, "documents.csv")
    files["contributions"] = os.path.join(CONTRIBUTION_DIR, "contributions.csv")
    vals = {"company_id": company.id, "opening_date": date(2026, 6, 1)}
    for kind, path in files.items():
        with open(path, "rb") as fh:
            vals[f"{kind}_file"] = base64.b64encode(fh.read())
        vals[f"{kind}_filename"] = f"{kind}.csv"
    wizard = env["cae.migration.import"].create(vals)
    wizard.action_import()
    if wizard.state != "done" or wizard.error_count:
        raise RuntimeError(f"migration import failed:\n{wizard.report}")

    # the contribution run of the month
    run = env["cae.contribution.run"].create({"date_to": date(2026, 11, 30)})
    run.action_run()
    if not run.line_ids:
        raise RuntimeError("the contribution run created no line")

    # salary requests, then the payroll export of the month
    env["cae.salary.request"].create(
        [
            {
                "partner_id": anne.id,
                "activity_id": act_a.id,
                "month": MONTH,
                "requested_variable": 300.0,
                "leave_days": 2,
            },
            {
                "partner_id": bruno.id,
                "activity_id": act_b.id,
                "month": MONTH,
                "requested_variable": 150.0,
                "hours": 20,
            },
        ]
    )
    action = env["cae.payroll.export.wizard"].create({"month": MONTH}).action_export()
    export = env["cae.payroll.export"].browse(action["res_id"])
    if not export.line_ids:
        raise RuntimeError("the payroll export has no line")

    # cae_training: a published programme and a confirmed action
    chloe.cae_is_trainer = True
    trainee = Partner.create({"name": "Lucie Martin"})
    program = env["cae.training.program"].create(
        {
            "name": "Maîtriser le tableur",
            "activity_id": act_t.id,
            "trainer_ids": [Command.set(chloe.ids)],
            "objectives": "Construire un tableau de suivi",
            "prerequisites": "Aucun",
            "target_public": "Salariés",
            "duration_hours": 7.0,
            "content": "<p>Formules, graphiques</p>",
            "methods": "Exercices",
            "assessment": "Quiz final",
            "accessibility": "Salle accessible",
            "access_time": "15 jours",
            "price": 700.0,
            "min_interest": 1,
            "company_id": company.id,
        }
    )
    program.action_publish()
    env["cae.training.interest"].create(
        {"program_id": program.id, "partner_id": trainee.id}
    )
    training = env["cae.training.action"].create(
        {
            "program_id": program.id,
            "customer_id": customers[2].id,
            "product_id": product.id,
            "tz": "Europe/Paris",
            "company_id": company.id,
            "slot_ids": [
                Command.create(
                    {"date": date(2026, 11, 16), "time_start": s, "time_end": e}
                )
                for s, e in ((9.0, 12.5), (13.5, 17.0))
            ],
            "trainee_ids": [
                Command.create({"partner_id": trainee.id, "funder_type": "company"})
            ],
        }
    )
    training.action_confirm()

    # cae_parcours: an annual interview
    env["cae.appointment"].create(
        {
            "name": "Entretien annuel",
            "kind": "individual",
            "appointment_type": "annual",
            "date_start": "2026-11-10 10:00:00",
            "partner_ids": [Command.set(anne.ids)],
            "report_points": "<p>Chiffre d'affaires en hausse</p>",
            "state": "done",
        }
    )
    env.flush_all()
    env.cr.commit()
    print("UPGRADE SEED OK", flush=True)


seed(env)
