"""The accounting history of a CAE, generated: the one generator of the demo
data (``cae.activity._cae_demo_history``) and of the benchmark and scaling
tests (``tests/benchmark/generator.py``).

For each month and each activity whose entrepreneurs are under contract:
invoices and a vendor bill, their payments, the payroll entry of the
salaried entrepreneurs (CESA) with the payment of the net salaries and of
the social charges, and the VAT of the month paid the month after.

Batched (one ``create`` and one post per kind of entry and month),
reproducible (seeded), independent of the chart of accounts (accounts found
by type, the French codes preferred). A plain module: it needs the models of
cae_member and cae_payroll (the salary journal), none of cae_demo's, and can
be imported wherever ``addons/`` is in the addons path::

    from odoo.addons.cae_demo.generator import history
"""

import random
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import Command, fields

LABELS = {
    "standard": [
        "Prestation du mois",
        "Création sur commande",
        "Intervention sur site",
        "Conception et réalisation",
        "Accompagnement du projet",
    ],
    "training": [
        "Formation inter-entreprises",
        "Journée de formation",
        "Atelier pratique",
    ],
    "skills_assessment": [
        "Bilan de compétences - séance",
        "Entretien de restitution",
    ],
}
PURCHASES = [
    "Fournitures",
    "Matériel et outillage",
    "Abonnement logiciel",
    "Déplacements",
    "Location de salle",
]


def generator_env(env, company):
    """``env`` without tracking nor chatter messages, in ``company``."""
    return env(
        context=dict(
            env.context,
            tracking_disable=True,
            mail_create_nolog=True,
            mail_notrack=True,
            allowed_company_ids=[company.id],
        )
    )


def payroll_accounts(env, company):
    """The payroll accounts: the French codes (641, 645, 421, 431) when the
    chart has them, otherwise accounts of the right type (by name first),
    the social charges and their debt on the salaries' accounts as a last
    resort."""
    Account = env["account.account"].with_company(company)
    base = [("company_ids", "in", company.ids), ("deprecated", "=", False)]

    def find(prefix, account_type, name, fallback=None):
        for domain in (
            [("code", "=like", f"{prefix}%")],
            [("account_type", "=", account_type), ("name", "ilike", name)],
        ):
            account = Account.search([*base, *domain], order="code", limit=1)
            if account:
                return account
        return fallback or Account.search(
            [*base, ("account_type", "=", account_type)], order="code", limit=1
        )

    salaries = find("6411", "expense", "salar")
    salaries_due = find("421", "liability_current", "salar")
    return {
        "salaries": salaries,
        "charges": find("645", "expense", "social", salaries),
        "salaries_due": salaries_due,
        "social_due": find("431", "liability_current", "payroll", salaries_due),
    }


def _tax(env, company, use):
    return env["account.tax"].search(
        [
            ("company_id", "=", company.id),
            ("type_tax_use", "=", use),
            ("amount", "=", 20),
            ("amount_type", "=", "percent"),
            ("price_include", "=", False),
        ],
        limit=1,
    )


def _partners(env, activities, customers):
    """activity -> its customers, activity -> its supplier (created)."""
    Partner = env["res.partner"]
    if customers is not None:
        of_activity = {activity: customers for activity in activities}
    else:
        of_activity = defaultdict(lambda: Partner)
        for partner in Partner.search(
            [("cae_customer_activity_ids", "in", activities.ids)]
        ):
            for activity in partner.cae_customer_activity_ids & activities:
                of_activity[activity] |= partner
        lonely = activities.filtered(lambda a: not of_activity[a])
        created = Partner.create(
            [
                {
                    "name": f"Clientèle particulière - {activity.name}",
                    "cae_customer_activity_ids": [Command.set(activity.ids)],
                }
                for activity in lonely
            ]
        )
        of_activity.update(zip(lonely, created, strict=True))
    suppliers = Partner.create(
        [
            {
                "name": f"Fournisseur de {activity.name}",
                "is_company": True,
                "supplier_rank": 1,
                "cae_customer_activity_ids": [Command.set(activity.ids)],
            }
            for activity in activities
        ]
    )
    return of_activity, dict(zip(activities, suppliers, strict=True))


def _covering(activities, contracts):
    """activity -> the contracts of its entrepreneurs that cover it (those of
    the activity, and those of no activity in particular)."""
    of_partner = defaultdict(list)
    for contract in contracts:
        of_partner[contract.partner_id].append(contract)
    return {
        activity: [
            contract
            for member in activity.member_ids
            for contract in of_partner[member]
            if not contract.activity_id or contract.activity_id == activity
        ]
        for activity in activities
    }


def _line(name, amount, tax):
    return Command.create(
        {
            "name": name,
            "quantity": 1,
            "price_unit": amount,
            "tax_ids": [Command.set(tax.ids)],
        }
    )


def _entry(env, journal, date, ref, lines):
    """One posted entry of ``lines`` (account, debit, credit, name, activity,
    partner)."""
    entry = env["account.move"].create(
        {
            "move_type": "entry",
            "journal_id": journal.id,
            "date": date,
            "ref": ref,
            "line_ids": [
                Command.create(
                    {
                        "account_id": account.id,
                        "name": name,
                        "debit": debit,
                        "credit": credit,
                        "partner_id": partner.id,
                        "cae_activity_id": activity.id,
                    }
                )
                for account, debit, credit, name, activity, partner in lines
            ],
        }
    )
    entry.action_post()
    return entry


def history(
    env,
    company,
    activities,
    start,
    months=12,
    seed=2026,
    contracts=None,
    customers=None,
    today=None,
):
    """The accounting of ``activities`` for ``months`` months from ``start``
    (a first day of a month), as far as their contracts cover them.

    ``contracts``: those that count (by default the counted contracts of the
    activities' entrepreneurs); ``customers``: the customers of every
    activity (by default each activity's own, a private clientele created
    for those without); ``today``: nothing is paid on or after that day.
    The invoices of the last two months stay partly unpaid. Returns the
    entries created.
    """
    rng = random.Random(seed)
    env = generator_env(env, company)
    activities = activities.with_env(env)
    today = today or fields.Date.context_today(activities)
    if contracts is None:
        contracts = activities.member_ids._cae_counted_contracts()
    covering = _covering(activities, contracts.with_env(env))
    customers, suppliers = _partners(env, activities, customers)
    accounts = payroll_accounts(env, company)
    journal = company.with_env(env)._cae_salary_journal()
    Journal = env["account.journal"]
    bank = Journal.search(
        [("company_id", "=", company.id), ("type", "=", "bank")], limit=1
    )
    misc = Journal.search(
        [
            ("company_id", "=", company.id),
            ("type", "=", "general"),
            ("id", "!=", journal.id),
        ],
        limit=1,
    )
    tax_sale, tax_purchase = _tax(env, company, "sale"), _tax(env, company, "purchase")
    moves = env["account.move"]
    for n in range(months, 0, -1):
        month_start = start + relativedelta(months=months - n)
        month_end = month_start + relativedelta(months=1, days=-1)
        period = f"{month_start:%m/%Y}"
        documents, payroll, net_pay = [], [], []
        for activity in activities:
            under_contract = [
                c
                for c in covering[activity]
                if c.date_start <= month_end
                and (not c.date_end or c.date_end >= month_start)
            ]
            if not under_contract:
                continue
            labels = LABELS.get(activity.activity_type, LABELS["standard"])
            revenue = 0.0
            for _i in range(rng.randint(1, 3)):
                day = month_start + relativedelta(days=rng.randint(0, 24))
                amount = rng.randrange(300, 2600, 10)
                revenue += amount
                documents.append(
                    {
                        "move_type": "out_invoice",
                        "partner_id": rng.choice(customers[activity]).id,
                        "cae_activity_id": activity.id,
                        "invoice_date": day,
                        "date": day,
                        "invoice_line_ids": [
                            _line(rng.choice(labels), amount, tax_sale)
                        ],
                    }
                )
            day = month_start + relativedelta(days=rng.randint(0, 24))
            documents.append(
                {
                    "move_type": "in_invoice",
                    "partner_id": suppliers[activity].id,
                    "cae_activity_id": activity.id,
                    "invoice_date": day,
                    "date": day,
                    "ref": f"F-{activity.code}-{month_start:%Y%m}",
                    "invoice_line_ids": [
                        _line(
                            rng.choice(PURCHASES),
                            rng.randrange(40, 400, 5),
                            tax_purchase,
                        )
                    ],
                }
            )
            cesa = [c for c in under_contract if c.contract_type == "cesa"]
            for contract in cesa:
                # the employer cost is about half the month's revenue
                share = revenue * 0.5 / 1.45 / len(cesa)
                gross = min(max(round(share / 50) * 50, 600), 2500)
                charges = round(gross * 0.45, 2)
                employee = round(gross * 0.22, 2)
                net = round(gross - employee, 2)
                who = contract.partner_id
                name = f"Paie {period} - {who.name}"
                payroll += [
                    (accounts["salaries"], gross, 0.0, name, activity, who),
                    (accounts["charges"], charges, 0.0, name, activity, who),
                    (
                        accounts["social_due"],
                        0.0,
                        charges + employee,
                        name,
                        activity,
                        who,
                    ),
                    (accounts["salaries_due"], 0.0, net, name, activity, who),
                ]
                net_pay.append((activity, who, net, charges + employee))
        invoices = env["account.move"].create(documents)
        invoices.action_post()
        moves |= invoices
        if payroll:
            moves |= _entry(env, journal, month_end, f"Paie {period}", payroll)
        pay_date = month_end + relativedelta(days=rng.randint(5, 40))
        if net_pay and bank and pay_date < today:
            moves |= _entry(
                env,
                journal,
                month_end + relativedelta(days=3),
                f"Salaires et cotisations {period}",
                [
                    (account, amount if debit else 0.0, 0.0 if debit else amount)
                    + (f"{label} {period} - {who.name}", activity, who)
                    for activity, who, net, social in net_pay
                    for account, debit, amount, label in (
                        (accounts["salaries_due"], True, net, "Salaire"),
                        (accounts["social_due"], True, social, "Cotisations"),
                        (bank.default_account_id, False, net + social, "Paie"),
                    )
                ],
            )
        # the VAT of the month is paid the month after, activity by activity
        vat_date = month_end + relativedelta(days=20)
        if misc and bank and vat_date < today:
            moves |= _vat(env, invoices, misc, bank, vat_date, period)
        # customers pay within one to two months, suppliers are paid at once;
        # the invoices of the last two months stay partly unpaid
        to_pay = invoices.filtered(
            lambda m, n=n: m.move_type == "in_invoice" or n > 2 or rng.random() < 0.4
        )
        for batch in (
            to_pay.filtered(lambda m: m.move_type == "out_invoice"),
            to_pay.filtered(lambda m: m.move_type == "in_invoice"),
        ):
            if batch and bank and pay_date < today:
                payments = (
                    env["account.payment.register"]
                    .with_context(active_model="account.move", active_ids=batch.ids)
                    .create(
                        {
                            "payment_date": pay_date,
                            "journal_id": bank.id,
                            "group_payment": False,
                        }
                    )
                    ._create_payments()
                )
                moves |= payments.move_id
    return moves


def _vat(env, invoices, misc, bank, vat_date, period):
    """The entry paying the VAT of ``invoices``, activity by activity."""
    vat = defaultdict(float)
    for tax_line in invoices.line_ids.filtered("tax_line_id"):
        vat[tax_line.cae_activity_id, tax_line.account_id] += tax_line.balance
    due = defaultdict(float)
    lines = []
    for (activity, account), balance in vat.items():
        due[activity] += balance
        lines.append((activity, account, -balance))
    lines += [
        (activity, bank.default_account_id, balance)
        for activity, balance in due.items()
    ]
    lines = [line for line in lines if round(line[2], 2)]
    if not lines:
        return env["account.move"]
    label = f"TVA {period}"
    return _entry(
        env,
        misc,
        vat_date,
        label,
        [
            (
                account,
                max(balance, 0.0),
                max(-balance, 0.0),
                label,
                activity,
                env["res.partner"],
            )
            for activity, account, balance in lines
        ],
    )
