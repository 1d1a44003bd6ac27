"""A generated CAE: N activities, their entrepreneurs, employees and
contracts, then a year of accounting written by the suite's one generator
(``odoo.addons.cae_demo.generator``, also the demo's). Used by the benchmark
(``make bench``) and by the scaling tests of ``tests/``.

Batched ORM calls (one ``create`` per model, one post per batch of entries),
reproducible from a seed. The accounting of a few template activities goes
through the generator (``TEMPLATES``: every kind of activity and contract);
the other activities get a copy of the history of a template of their kind,
made in SQL (``INSERT ... SELECT``, see ``clone_history``): the same posted
entries, items, taxes, reconciliations, payments and analytic lines, with
their own partners, analytic account and entry numbers.
"""

import random
from collections import defaultdict
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from odoo import Command

from odoo.addons.cae_demo.generator import generator_env, history

# activities whose accounting the generator writes through the ORM (the
# first 12 hold the four kinds: training or not, CESA or CAPE)
TEMPLATES = 12


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
    templates = activities[:TEMPLATES]
    moves = history(
        env,
        company,
        templates,
        date(year, 1, 1),
        months=months,
        seed=seed,
        contracts=contracts[:TEMPLATES],
        customers=customers,
    )
    others = activities[TEMPLATES:]
    if others:
        # the suppliers the generator creates for its activities
        suppliers = env["res.partner"].create(
            [
                {
                    "name": f"Fournisseur de {activity.name}",
                    "is_company": True,
                    "supplier_rank": 1,
                    "cae_customer_activity_ids": [Command.set(activity.ids)],
                }
                for activity in others
            ]
        )
        kind = {
            activity: (activity.activity_type, contract.contract_type)
            for activity, contract in zip(activities, contracts, strict=True)
        }
        of_kind = defaultdict(list)
        for activity in templates:
            of_kind[kind[activity]].append(activity)
        pairs = []
        for i, (activity, supplier) in enumerate(zip(others, suppliers, strict=True)):
            same = of_kind[kind[activity]] or list(templates)
            pairs.append((same[i % len(same)], activity, supplier))
        moves |= clone_history(env, pairs, moves)
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


def _columns(cr, table):
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = %s
              AND column_name != 'id'
            ORDER BY ordinal_position""",
        [table],
    )
    return [name for (name,) in cr.fetchall()]


def _copy(cr, table, mapping, source, overrides):
    """INSERT INTO ``table`` a copy of each of its rows ``o`` joined with
    ``source`` (SQL of the rows ``m`` of the temporary table ``mapping``,
    whose ``new`` is the copy's id); ``overrides``: column -> SQL of its
    value, the other columns are copied."""
    columns = _columns(cr, table)
    values = [overrides.get(column, f"o.{column}") for column in columns]
    names = ", ".join(f'"{column}"' for column in columns)
    cr.execute(
        f"""INSERT INTO {table} (id, {names})
            SELECT m.new, {", ".join(values)}
              FROM {mapping} m JOIN {table} o ON o.id = m.old {source}"""
    )
    return cr.rowcount


# the activity of a copied row: the target's, where the template's was
ACTIVITY = "CASE WHEN o.cae_activity_id IS NOT NULL THEN m.target END"


def _partner(column):
    return f"""COALESCE((SELECT p.new FROM h_partner p
                          WHERE p.old = o.{column} AND p.target = m.target),
                        o.{column})"""


def clone_history(env, pairs, moves):
    """Copy to other activities the history of template activities.

    ``pairs``: (template activity, activity, its supplier); ``moves``: the
    posted entries of the templates. An entry of one template is copied
    whole for each of the template's activities; an entry of several (the
    payroll, the VAT of a month) gives each activity a balanced entry of the
    template's items. The copies are posted, numbered in their journal's
    sequence, with the activity's analytic account, partners and
    reconciliations; returns them."""
    env.flush_all()
    cr = env.cr
    templates = env["cae.activity"].browse({template.id for template, _a, _s in pairs})
    supplier_of = {}
    for partner in env["res.partner"].search(
        [
            ("cae_customer_activity_ids", "in", templates.ids),
            ("name", "=like", "Fournisseur de %"),
        ]
    ):
        for template in partner.cae_customer_activity_ids & templates:
            supplier_of[template] = partner
    cr.execute(
        """CREATE TEMP TABLE h_target (
               target int PRIMARY KEY, template int, code varchar,
               template_code varchar, analytic int, template_analytic int
           ) ON COMMIT DROP;
           CREATE TEMP TABLE h_partner (
               old int, target int, new int, old_name varchar, new_name varchar,
               PRIMARY KEY (old, target)
           ) ON COMMIT DROP"""
    )
    targets, partners = [], []
    for template, activity, supplier in pairs:
        targets.append(
            (
                activity.id,
                template.id,
                activity.code,
                template.code,
                activity.analytic_account_id.id,
                template.analytic_account_id.id,
            )
        )
        members = zip(template.member_ids, activity.member_ids, strict=False)
        for old, new in [*members, (supplier_of[template], supplier)]:
            partners.append((old.id, activity.id, new.id, old.name, new.name))
    cr.execute_values("INSERT INTO h_target VALUES %s", targets)
    cr.execute_values("INSERT INTO h_partner VALUES %s", partners)
    # the entries to copy for each activity: those of its template alone
    # (whole), those of several templates (its template's items)
    cr.execute(
        """CREATE TEMP TABLE h_source ON COMMIT DROP AS
           SELECT line.move_id AS old,
                  ARRAY_AGG(DISTINCT line.cae_activity_id)
                      FILTER (WHERE line.cae_activity_id IS NOT NULL) AS templates,
                  SUM(line.debit) AS debit
             FROM account_move_line line
            WHERE line.move_id = ANY(%s)
            GROUP BY line.move_id""",
        [moves.ids],
    )
    cr.execute(
        """CREATE TEMP TABLE h_move ON COMMIT DROP AS
           SELECT s.old, t.target, t.template, CARDINALITY(s.templates) > 1 AS split,
                  NEXTVAL('account_move_id_seq') AS new,
                  1.0 AS ratio, NULL::int AS number, NULL::varchar AS name
             FROM h_source s JOIN h_target t ON t.template = ANY(s.templates);
           CREATE UNIQUE INDEX ON h_move (old, target);
           CREATE TEMP TABLE h_line ON COMMIT DROP AS
           SELECT line.id AS old, m.target, m.new AS move,
                  NEXTVAL('account_move_line_id_seq') AS new
             FROM h_move m JOIN account_move_line line ON line.move_id = m.old
            WHERE NOT m.split OR line.cae_activity_id = m.template;
           CREATE UNIQUE INDEX ON h_line (old, target);
           -- an entry of several activities: the amounts of the items copied
           UPDATE h_move m
              SET ratio = part.debit / NULLIF(s.debit, 0)
             FROM h_source s,
                  (SELECT m.old, m.target, SUM(line.debit) AS debit
                     FROM h_move m
                     JOIN account_move_line line
                       ON line.move_id = m.old AND line.cae_activity_id = m.template
                    WHERE m.split GROUP BY m.old, m.target) part
            WHERE m.split AND s.old = m.old
              AND part.old = m.old AND part.target = m.target;
           -- the next numbers of each journal's sequences, in date order
           UPDATE h_move m
              SET number = last.number + numbered.rank,
                  name = numbered.sequence_prefix || LPAD(
                      (last.number + numbered.rank)::text,
                      GREATEST(numbered.width,
                               LENGTH((last.number + numbered.rank)::text)),
                      '0')
             FROM (SELECT m.old, m.target, o.journal_id, o.sequence_prefix,
                          LENGTH(o.name) - LENGTH(o.sequence_prefix) AS width,
                          ROW_NUMBER() OVER (
                              PARTITION BY o.journal_id, o.sequence_prefix
                              ORDER BY o.date, o.id, m.target) AS rank
                     FROM h_move m JOIN account_move o ON o.id = m.old) numbered,
                  (SELECT journal_id, sequence_prefix,
                          MAX(sequence_number) AS number
                     FROM account_move GROUP BY journal_id, sequence_prefix) last
            WHERE numbered.old = m.old AND numbered.target = m.target
              AND last.journal_id = numbered.journal_id
              AND last.sequence_prefix = numbered.sequence_prefix;
           CREATE TEMP TABLE h_payment ON COMMIT DROP AS
           SELECT payment.id AS old, m.target, m.new AS move, m.name,
                  NEXTVAL('account_payment_id_seq') AS new
             FROM h_move m JOIN account_payment payment ON payment.move_id = m.old;
           CREATE UNIQUE INDEX ON h_payment (old, target);
           CREATE TEMP TABLE h_full ON COMMIT DROP AS
           SELECT full_reconcile_id AS old, target,
                  NEXTVAL('account_full_reconcile_id_seq') AS new
             FROM (SELECT DISTINCT line.full_reconcile_id, l.target
                     FROM h_line l JOIN account_move_line line ON line.id = l.old
                    WHERE line.full_reconcile_id IS NOT NULL) reconciled;
           CREATE UNIQUE INDEX ON h_full (old, target);
           CREATE TEMP TABLE h_partial ON COMMIT DROP AS
           SELECT partial.id AS old, debit.target, debit.new AS debit,
                  credit.new AS credit,
                  NEXTVAL('account_partial_reconcile_id_seq') AS new
             FROM account_partial_reconcile partial
             JOIN h_line debit ON debit.old = partial.debit_move_id
             JOIN h_line credit
               ON credit.old = partial.credit_move_id AND credit.target = debit.target;
           CREATE UNIQUE INDEX ON h_partial (old, target);
           CREATE TEMP TABLE h_analytic ON COMMIT DROP AS
           SELECT analytic.id AS old, l.target, l.new AS line,
                  NEXTVAL('account_analytic_line_id_seq') AS new
             FROM h_line l JOIN account_analytic_line analytic
               ON analytic.move_line_id = l.old;
           ANALYZE h_target, h_partner, h_move, h_line, h_payment, h_full,
                   h_partial, h_analytic"""
    )
    target = "JOIN h_target t ON t.target = m.target"
    move_name = """(SELECT mm.name FROM h_move mm
                     WHERE mm.old = o.move_id AND mm.target = m.target)"""
    amounts = {
        column: f"ROUND(o.{column} * m.ratio, 2)"
        for column in _columns(cr, "account_move")
        if column.startswith("amount_")
    }
    _copy(
        cr,
        "account_move",
        "h_move",
        target,
        {
            **amounts,
            "name": "m.name",
            "sequence_number": "m.number",
            "cae_activity_id": ACTIVITY,
            "partner_id": _partner("partner_id"),
            "commercial_partner_id": _partner("commercial_partner_id"),
            "ref": "REPLACE(o.ref, t.template_code, t.code)",
            "payment_reference": "CASE WHEN o.payment_reference = o.name THEN m.name "
            "ELSE o.payment_reference END",
            "origin_payment_id": "NULL",
            "access_token": "NULL",
            "inalterable_hash": "NULL",
            "secure_sequence_number": "NULL",
        },
    )
    _copy(
        cr,
        "account_payment",
        "h_payment",
        "",
        {
            "move_id": "m.move",
            "name": "m.name",
            "partner_id": _partner("partner_id"),
            "cae_activity_id": ACTIVITY,
            "paired_internal_transfer_payment_id": "NULL",
            "source_payment_id": "NULL",
        },
    )
    cr.execute(
        """INSERT INTO account_move__account_payment (invoice_id, payment_id)
           SELECT invoice.new, payment.new
             FROM account_move__account_payment rel
             JOIN h_payment payment ON payment.old = rel.payment_id
             JOIN h_move invoice
               ON invoice.old = rel.invoice_id AND invoice.target = payment.target"""
    )
    _copy(cr, "account_full_reconcile", "h_full", "", {"exchange_move_id": "NULL"})
    _copy(
        cr,
        "account_move_line",
        "h_line",
        target,
        {
            "move_id": "m.move",
            "move_name": move_name,
            "partner_id": _partner("partner_id"),
            "cae_activity_id": ACTIVITY,
            "analytic_distribution": """REPLACE(o.analytic_distribution::text,
                '"' || t.template_analytic || '"', '"' || t.analytic || '"')::jsonb""",
            "full_reconcile_id": """(SELECT f.new FROM h_full f
                WHERE f.old = o.full_reconcile_id AND f.target = m.target)""",
            "payment_id": """(SELECT p.new FROM h_payment p
                WHERE p.old = o.payment_id AND p.target = m.target)""",
            "name": """COALESCE((SELECT REPLACE(o.name, p.old_name, p.new_name)
                FROM h_partner p WHERE p.target = m.target
                 AND p.old = o.partner_id), o.name)""",
        },
    )
    cr.execute(
        """INSERT INTO account_move_line_account_tax_rel
                  (account_move_line_id, account_tax_id)
           SELECT l.new, rel.account_tax_id
             FROM account_move_line_account_tax_rel rel
             JOIN h_line l ON l.old = rel.account_move_line_id;
           INSERT INTO account_account_tag_account_move_line_rel
                  (account_move_line_id, account_account_tag_id)
           SELECT l.new, rel.account_account_tag_id
             FROM account_account_tag_account_move_line_rel rel
             JOIN h_line l ON l.old = rel.account_move_line_id"""
    )
    _copy(
        cr,
        "account_partial_reconcile",
        "h_partial",
        "",
        {
            "debit_move_id": "m.debit",
            "credit_move_id": "m.credit",
            "full_reconcile_id": """(SELECT f.new FROM h_full f
                WHERE f.old = o.full_reconcile_id AND f.target = m.target)""",
            "exchange_move_id": "NULL",
        },
    )
    # the matching numbers: the full reconciliation's, or P and the partial's
    cr.execute(
        """UPDATE account_move_line line
              SET matching_number = CASE
                      WHEN line.full_reconcile_id IS NOT NULL
                      THEN line.full_reconcile_id::text
                      ELSE 'P' || partial.new END
             FROM h_line l
             JOIN account_move_line o ON o.id = l.old
             LEFT JOIN h_partial partial
               ON 'P' || partial.old = o.matching_number
              AND partial.target = l.target
            WHERE line.id = l.new AND o.matching_number IS NOT NULL;
           UPDATE account_move move
              SET origin_payment_id = payment.new
             FROM h_move m
             JOIN account_move o ON o.id = m.old
             JOIN h_payment payment
               ON payment.old = o.origin_payment_id AND payment.target = m.target
            WHERE move.id = m.new"""
    )
    plans = [
        column
        for column in _columns(cr, "account_analytic_line")
        if column == "account_id" or column.startswith("x_plan")
    ]
    _copy(
        cr,
        "account_analytic_line",
        "h_analytic",
        target,
        {
            **{
                column: f"""CASE WHEN o.{column} = t.template_analytic
                                 THEN t.analytic ELSE o.{column} END"""
                for column in plans
            },
            "move_line_id": "m.line",
            "partner_id": _partner("partner_id"),
            "cae_activity_id": ACTIVITY,
        },
    )
    cr.execute("SELECT new FROM h_move")
    copies = env["account.move"].browse([new for (new,) in cr.fetchall()])
    cr.execute(
        "DROP TABLE h_target, h_partner, h_source, h_move, h_line, h_payment, "
        "h_full, h_partial, h_analytic"
    )
    env.invalidate_all()
    # the numbers given above bypass account's cache of the sequences this
    # transaction holds (sequence.mixin._get_sequence_cache): an entry posted
    # by the ORM afterwards would take a number already given to a copy
    cr.precommit.data.pop("sequence.mixin", None)
    return copies
