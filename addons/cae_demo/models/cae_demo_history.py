"""A year of history for the demo CAE (demo data only, never called by the
modules themselves): monthly invoices and vendor bills of each activity while
its entrepreneurs are under contract, their payments, and the monthly payroll
entries of the salaried entrepreneurs (CESA) with the payment of the net
salaries. Batched (one create and one post per month), reproducible (seeded),
and independent of the chart of accounts (accounts found by type, the French
codes preferred)."""

import random
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

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


class CaeActivity(models.Model):
    _inherit = "cae.activity"

    @api.model
    def _cae_demo_accounts(self, company):
        """The payroll accounts: the French codes (641, 645, 421, 431) when
        the chart has them, otherwise accounts of the right type (by name
        first), the social charges and their debt on the salaries' accounts
        as a last resort."""
        Account = self.env["account.account"].with_company(company)
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

    @api.model
    def _cae_demo_history(self, months=12, seed=2026):
        company = self.env.company
        rng = random.Random(seed)
        env = self.env(
            context=dict(
                self.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
            )
        )
        Move = env["account.move"]
        Partner = env["res.partner"]
        today = fields.Date.context_today(self)
        first = today.replace(day=1)
        activities = self.search(
            [("company_id", "=", company.id), ("member_ids", "!=", False)]
        )
        contracts = activities.member_ids._cae_counted_contracts()
        accounts = self._cae_demo_accounts(company)
        journal = company._cae_salary_journal()
        bank = env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "bank")], limit=1
        )
        misc = env["account.journal"].search(
            [
                ("company_id", "=", company.id),
                ("type", "=", "general"),
                ("id", "!=", journal.id),
            ],
            limit=1,
        )
        tax_sale = env["account.tax"].search(
            [
                ("company_id", "=", company.id),
                ("type_tax_use", "=", "sale"),
                ("amount", "=", 20),
                ("amount_type", "=", "percent"),
                ("price_include", "=", False),
            ],
            limit=1,
        )
        tax_purchase = env["account.tax"].search(
            [
                ("company_id", "=", company.id),
                ("type_tax_use", "=", "purchase"),
                ("amount", "=", 20),
                ("amount_type", "=", "percent"),
                ("price_include", "=", False),
            ],
            limit=1,
        )
        customers = defaultdict(lambda: Partner)
        for partner in Partner.search(
            [("cae_customer_activity_ids", "in", activities.ids)]
        ):
            for activity in partner.cae_customer_activity_ids & activities:
                customers[activity] |= partner
        suppliers = {}
        for activity in activities:
            if not customers[activity]:
                customers[activity] = Partner.create(
                    {
                        "name": f"Clientèle particulière - {activity.name}",
                        "cae_customer_activity_ids": [Command.set(activity.ids)],
                    }
                )
            suppliers[activity] = Partner.create(
                {
                    "name": f"Fournisseur de {activity.name}",
                    "is_company": True,
                    "supplier_rank": 1,
                    "cae_customer_activity_ids": [Command.set(activity.ids)],
                }
            )

        def line(name, amount, tax):
            return Command.create(
                {
                    "name": name,
                    "quantity": 1,
                    "price_unit": amount,
                    "tax_ids": [Command.set(tax.ids)],
                }
            )

        for n in range(months, 0, -1):
            month_start = first - relativedelta(months=n)
            month_end = month_start + relativedelta(months=1, days=-1)
            documents, payroll, net_pay = [], [], []
            revenue = defaultdict(float)
            for activity in activities:
                covering = contracts.filtered(
                    lambda c, a=activity, s=month_start, e=month_end: (
                        c.partner_id in a.member_ids
                        and (not c.activity_id or c.activity_id == a)
                        and c.date_start <= e
                        and (not c.date_end or c.date_end >= s)
                    )
                )
                if not covering:
                    continue
                labels = LABELS.get(activity.activity_type, LABELS["standard"])
                for _i in range(rng.randint(1, 3)):
                    day = month_start + relativedelta(days=rng.randint(0, 24))
                    amount = rng.randrange(300, 2600, 10)
                    revenue[activity] += amount
                    documents.append(
                        {
                            "move_type": "out_invoice",
                            "partner_id": rng.choice(customers[activity]).id,
                            "cae_activity_id": activity.id,
                            "invoice_date": day,
                            "date": day,
                            "invoice_line_ids": [
                                line(rng.choice(labels), amount, tax_sale)
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
                            line(
                                rng.choice(PURCHASES),
                                rng.randrange(40, 400, 5),
                                tax_purchase,
                            )
                        ],
                    }
                )
                cesa = covering.filtered(lambda c: c.contract_type == "cesa")
                for contract in cesa:
                    # the employer cost is about half the month's revenue
                    share = revenue[activity] * 0.5 / 1.45 / len(cesa)
                    gross = min(max(round(share / 50) * 50, 600), 2500)
                    charges = round(gross * 0.45, 2)
                    employee = round(gross * 0.22, 2)
                    net = round(gross - employee, 2)
                    who = contract.partner_id
                    payroll += [
                        (accounts["salaries"], gross, 0.0, activity, who),
                        (accounts["charges"], charges, 0.0, activity, who),
                        (
                            accounts["social_due"],
                            0.0,
                            charges + employee,
                            activity,
                            who,
                        ),
                        (accounts["salaries_due"], 0.0, net, activity, who),
                    ]
                    net_pay.append((activity, who, net, charges + employee))
            invoices = Move.create(documents)
            invoices.action_post()
            if payroll:
                entry = Move.create(
                    {
                        "move_type": "entry",
                        "journal_id": journal.id,
                        "date": month_end,
                        "ref": f"Paie {month_start:%m/%Y}",
                        "line_ids": [
                            Command.create(
                                {
                                    "account_id": account.id,
                                    "name": f"Paie {month_start:%m/%Y} - {who.name}",
                                    "debit": debit,
                                    "credit": credit,
                                    "partner_id": who.id,
                                    "cae_activity_id": activity.id,
                                }
                            )
                            for account, debit, credit, activity, who in payroll
                        ],
                    }
                )
                entry.action_post()
            pay_date = month_end + relativedelta(days=rng.randint(5, 40))
            if net_pay and bank and pay_date < today:
                salary_pay = Move.create(
                    {
                        "move_type": "entry",
                        "journal_id": journal.id,
                        "date": month_end + relativedelta(days=3),
                        "ref": f"Salaires et cotisations {month_start:%m/%Y}",
                        "line_ids": [
                            Command.create(
                                {
                                    "account_id": account.id,
                                    "name": f"{label} {month_start:%m/%Y} - {who.name}",
                                    "debit": amount if debit else 0.0,
                                    "credit": 0.0 if debit else amount,
                                    "partner_id": who.id,
                                    "cae_activity_id": activity.id,
                                }
                            )
                            for activity, who, net, social in net_pay
                            for account, debit, amount, label in (
                                (accounts["salaries_due"], True, net, "Salaire"),
                                (accounts["social_due"], True, social, "Cotisations"),
                                (bank.default_account_id, False, net + social, "Paie"),
                            )
                        ],
                    }
                )
                salary_pay.action_post()
            # the VAT of the month is paid the month after, activity by activity
            vat_date = month_end + relativedelta(days=20)
            if misc and bank and vat_date < today:
                self._cae_demo_vat(invoices, misc, bank, vat_date, month_start)
            # customers pay within one to two months, suppliers are paid at once;
            # the invoices of the last two months stay partly unpaid
            to_pay = invoices.filtered(
                lambda m, n=n: (
                    m.move_type == "in_invoice" or n > 2 or rng.random() < 0.4
                )
            )
            for batch in (
                to_pay.filtered(lambda m: m.move_type == "out_invoice"),
                to_pay.filtered(lambda m: m.move_type == "in_invoice"),
            ):
                if batch and pay_date < today:
                    env["account.payment.register"].with_context(
                        active_model="account.move", active_ids=batch.ids
                    ).create(
                        {"payment_date": pay_date, "group_payment": False}
                    )._create_payments()
        return True

    @api.model
    def _cae_demo_vat(self, invoices, misc, bank, vat_date, month_start):
        vat = defaultdict(float)
        for tax_line in invoices.line_ids.filtered("tax_line_id"):
            vat[tax_line.cae_activity_id, tax_line.account_id] += tax_line.balance
        due = defaultdict(float)
        vat_lines = []
        for (activity, account), balance in vat.items():
            due[activity] += balance
            vat_lines.append((activity, account, -balance))
        vat_lines += [
            (activity, bank.default_account_id, balance)
            for activity, balance in due.items()
        ]
        vat_lines = [line for line in vat_lines if round(line[2], 2)]
        if not vat_lines:
            return
        label = f"TVA {month_start:%m/%Y}"
        self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": misc.id,
                "date": vat_date,
                "ref": label,
                "line_ids": [
                    Command.create(
                        {
                            "account_id": account.id,
                            "name": label,
                            "debit": max(balance, 0.0),
                            "credit": max(-balance, 0.0),
                            "cae_activity_id": activity.id,
                        }
                    )
                    for activity, account, balance in vat_lines
                ],
            }
        ).action_post()
