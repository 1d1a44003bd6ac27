"""A generated CAE: N activities, their entrepreneurs, employees and
contracts, then a year of accounting written by the suite's one generator
(``odoo.addons.cae_demo.generator``, also the demo's). Used by the benchmark
(``make bench``) and by the scaling tests of ``tests/``.

Batched ORM calls (one ``create`` per model, one post per batch of entries),
reproducible from a seed.
"""

import random
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from odoo import Command

from odoo.addons.cae_demo.generator import generator_env, history


def _account(env, company, code):
    return (
        env["account.account"]
        .with_company(company)
        .search([("company_ids", "in", company.ids), ("code", "=", code)], limit=1)
    )


def generate(
    env,
    company,
    n_activities=500,
    months=12,
    year=2025,
    seed=42,
    heavy_lines=0,
    prefix="B",
):
    """Build the dataset in ``company`` (with the French chart of accounts)
    from January of ``year``.

    Returns a dict of what was created. ``heavy_lines``: extra journal items
    on the first activity (for the "one activity over 10 000 lines" figure).
    """
    rng = random.Random(seed)
    env = generator_env(env, company)
    if hasattr(company, "_cae_contribution_setup"):
        company._cae_contribution_setup()
    partners = env["res.partner"].create(
        [
            {"name": f"Entrepreneur·e {prefix}{i:04d}", "is_cae_member": True}
            for i in range(n_activities)
        ]
    )
    customers = env["res.partner"].create(
        [
            {"name": f"Client {i:04d}", "is_company": True}
            for i in range(max(10, n_activities // 5))
        ]
    )
    activities = env["cae.activity"].create(
        [
            {
                "name": f"Activité {i:04d}",
                "code": f"{prefix}{i:04d}",
                "company_id": company.id,
                "activity_type": "training" if i % 10 == 0 else "standard",
                "member_ids": [Command.link(partners[i].id)],
            }
            for i in range(n_activities)
        ]
    )
    employees = env["hr.employee"].create(
        [
            {
                "name": partners[i].name,
                "work_contact_id": partners[i].id,
                "company_id": company.id,
                "cae_payroll_ref": f"{prefix}P{i:05d}",
            }
            for i in range(n_activities)
        ]
    )
    contracts = env["cae.contract"].create(
        [
            {
                "partner_id": partners[i].id,
                "activity_id": activities[i].id,
                "contract_type": "cesa" if i % 3 else "cape",
                # CESA since the year before; CAPE: the 12 months of the year
                "date_start": date(year - 1, 1, 1) if i % 3 else date(year, 1, 1),
                "date_end": False if i % 3 else date(year, 12, 31),
                "fixed_monthly_amount": 800.0 + (i % 7) * 100,
                "monthly_hours": 151.67,
                "company_id": company.id,
            }
            for i in range(n_activities)
        ]
    )
    contracts.with_context(cae_history=True).action_start()
    moves = history(
        env,
        company,
        activities,
        date(year, 1, 1),
        months=months,
        seed=seed,
        contracts=contracts,
        customers=customers,
    )
    if heavy_lines:
        moves |= _heavy(env, company, activities[0], heavy_lines, months, year)
    generate_journey(env, company, activities, partners, customers, year, rng)
    env.flush_all()
    return {
        "activities": activities,
        "partners": partners,
        "employees": employees,
        "contracts": contracts,
        "moves": moves,
    }


def _heavy(env, company, activity, heavy_lines, months, year):
    """About ``heavy_lines`` cash sales of ``activity``, 100 lines an entry."""
    bank = _account(env, company, "512100")
    revenue = _account(env, company, "706000")
    misc = env["account.journal"].search(
        [("company_id", "=", company.id), ("type", "=", "general")], limit=1
    )
    heavy = env["account.move"].create(
        [
            {
                "move_type": "entry",
                "journal_id": misc.id,
                "date": date(year, 1, 1) + relativedelta(months=(k % months), day=10),
                "cae_activity_id": activity.id,
                "line_ids": [
                    Command.create(
                        {"account_id": bank.id, "debit": 10.0, "name": "Caisse"}
                    ),
                    Command.create(
                        {"account_id": revenue.id, "credit": 10.0, "name": "Vente"}
                    ),
                ]
                * 50,
            }
            for k in range(max(1, heavy_lines // 2 // 50))
        ]
    )
    heavy._post(soft=False)
    return heavy


def generate_journey(env, company, activities, partners, customers, year, rng):
    """Appointments, workshops with attendance, training actions (when the
    modules that hold them are installed), in batches."""
    if "cae.appointment" in env:
        env["cae.appointment"].create(
            [
                {
                    "name": "Entretien de suivi",
                    "kind": "individual",
                    "appointment_type": "follow_up",
                    "state": "done",
                    "date_start": datetime(year, 1 + quarter * 3, 10, 9, 0),
                    "partner_ids": [Command.set(partner.ids)],
                    "report_points": "<p>Point d'étape</p>",
                    "company_id": company.id,
                }
                for partner in partners
                for quarter in range(2)
            ]
        )
        sessions = env["event.event"].create(
            [
                {
                    "name": f"Atelier socle {month + 1:02d}",
                    "event_type_id": env.ref(
                        "cae_parcours.event_type_base_workshop"
                    ).id,
                    "date_begin": datetime(year, month + 1, 5, 9, 0),
                    "date_end": datetime(year, month + 1, 5, 12, 30),
                    "company_id": company.id,
                }
                for month in range(12)
            ]
        )
        env["cae.attendance"].create(
            [
                {
                    "event_id": session.id,
                    "partner_id": partner.id,
                    "state": rng.choice(["present", "present", "absent", "excused"]),
                    "company_id": company.id,
                }
                for session in sessions
                for partner in rng.sample(list(partners), min(15, len(partners)))
            ]
        )
        exits = partners[: max(1, len(partners) // 20)]
        env["cae.member.exit"].create(
            [
                {
                    "partner_id": partner.id,
                    "date": date(year, 11, 30),
                    "exit_type": rng.choice(
                        ["company_creation", "other_job", "end_of_test"]
                    ),
                    "company_id": company.id,
                }
                for partner in exits
            ]
        )
    if "cae.training.action" in env:
        training = activities.filtered(lambda a: a.activity_type == "training")
        programs = env["cae.training.program"].create(
            [
                {
                    "name": f"Programme {activity.code}",
                    "activity_id": activity.id,
                    "duration_hours": 7.0,
                    "price": 700.0,
                    "min_interest": 1,
                    "company_id": company.id,
                }
                for activity in training
            ]
        )
        # published as the superuser (the button checks the Qualiopi content)
        programs.write({"state": "published"})
        # one interested person a programme: enough for its sessions to run
        env["cae.training.interest"].create(
            [
                {"program_id": program.id, "partner_id": rng.choice(customers).id}
                for program in programs
            ]
        )
        funders = ["opco", "cpf", "company", "self"]
        actions = env["cae.training.action"].create(
            [
                {
                    "program_id": program.id,
                    "customer_id": rng.choice(customers).id,
                    "company_id": company.id,
                    "slot_ids": [
                        Command.create(
                            {
                                "date": date(year, month, 12),
                                "time_start": 9.0,
                                "time_end": 12.5,
                            }
                        ),
                        Command.create(
                            {
                                "date": date(year, month, 12),
                                "time_start": 13.5,
                                "time_end": 17.0,
                            }
                        ),
                    ],
                    "trainee_ids": [
                        Command.create(
                            {
                                "partner_id": customer.id,
                                "funder_type": rng.choice(funders),
                                "amount": 350.0,
                            }
                        )
                        for customer in rng.sample(list(customers), 2)
                    ],
                }
                for program in programs
                for month in (3, 9)
            ]
        )
        actions.action_confirm()
        actions.attendance_ids.write({"state": "present", "countersigned": True})
