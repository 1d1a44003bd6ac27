"""The cooperative's directory: activities, entrepreneurs, their contracts
(the status history), customers and suppliers."""

from odoo import Command, fields

from ..migration_parser import LineError, split_codes
from .base import MigrationHandler, activity_code

ACTIVITY_TYPES = {
    "standard": "standard",
    "training": "training",
    "formation": "training",
    "skills_assessment": "skills_assessment",
    "bilan": "skills_assessment",
    "bilan de compétences": "skills_assessment",
}
PARTNER_KINDS = ("customer", "client", "supplier", "fournisseur", "both", "")


class ActivitiesHandler(MigrationHandler):
    kind = "activities"
    columns = (("ref", "code", "name"), ("trade_name", "type", "date_start"))

    def __init__(self, run):
        super().__init__(run)
        # (ref, activity) created by this run: each needs an entrepreneur
        self.created = []
        self.Activity = self.env["cae.activity"].with_context(
            active_test=False, cae_migration_pending=True
        )

    def prepare_one(self, number, row):
        kind = ACTIVITY_TYPES.get((row.get("type") or "standard").lower())
        if not kind:
            raise LineError(
                self.env._(
                    "unknown activity type %(type)s (standard, training, "
                    "skills_assessment)",
                    type=row["type"],
                )
            )
        vals = {
            "code": activity_code(row["code"]),
            "name": row["name"],
            "trade_name": row.get("trade_name") or False,
            "activity_type": kind,
            "company_id": self.company.id,
        }
        if row.get("date_start"):
            vals["date_start"] = self.date(row, "date_start")
        return vals

    def create_batch(self, items):
        existing = self.run.activities_by_code()
        new = {}
        for _number, _row, vals in items:
            if vals["code"] not in existing:
                new.setdefault(vals["code"], vals)
        activities = self.Activity.create(list(new.values()))
        by_code = dict(existing, **{a.code: a for a in activities})
        pairs = [(row["ref"], by_code[vals["code"]]) for _n, row, vals in items]
        self.created += [
            (row["ref"], by_code[vals["code"]])
            for _n, row, vals in items
            if vals["code"] in new
        ]
        self.run.add_activities(activities)
        self.remember_many(pairs)

    def final_errors(self):
        # a line whose savepoint was rolled back left its activity behind
        alive = self.Activity.browse([a.id for _ref, a in self.created]).exists()
        lonely = {a.id: a.display_name for a in alive if a.active and not a.member_ids}
        return [
            self.env._(
                "%(file)s, %(ref)s: activity %(name)s has no entrepreneur "
                "(give its code in the activity_codes of a member)",
                file=self.wizard._cae_file_label(self.kind),
                ref=ref,
                name=lonely[activity.id],
            )
            for ref, activity in self.created
            if activity.id in lonely
        ]


class MembersHandler(MigrationHandler):
    kind = "members"
    columns = (
        ("ref", "name"),
        (
            "email",
            "phone",
            "activity_codes",
            "associate_date",
            "exit_date",
            "payroll_ref",
        ),
    )

    def handle(self, rows):
        self.payroll_refs = {}
        refs = [row["payroll_ref"] for _n, row in rows if row.get("payroll_ref")]
        # sudo: the payroll reference is an HR field; only its use is read
        self.used_payroll_refs = set(
            self.env["hr.employee"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("company_id", "=", self.company.id),
                    ("cae_payroll_ref", "in", refs),
                ]
            )
            .mapped("cae_payroll_ref")
            if refs
            else ()
        )
        return super().handle(rows)

    def prepare_one(self, number, row):
        activities = self.run.activities(split_codes(row.get("activity_codes")))
        payroll_ref = row.get("payroll_ref") or False
        if payroll_ref:
            other = self.payroll_refs.setdefault(payroll_ref, number)
            if payroll_ref in self.used_payroll_refs or other != number:
                raise LineError(
                    self.env._(
                        "the payroll reference %(ref)s is already used",
                        ref=payroll_ref,
                    )
                )
        return {
            "name": row["name"],
            "email": row.get("email") or False,
            "phone": row.get("phone") or False,
            "is_cae_member": True,
            "company_id": False,
            "cae_associate_date": self.date(row, "associate_date"),
            "cae_exit_date": self.date(row, "exit_date"),
            "cae_activity_ids": [Command.set(activities.ids)],
        }

    def create_batch(self, items):
        partners = self.env["res.partner"].create([vals for _n, _r, vals in items])
        # their employee records (expense sheets, pay variables); their type
        # follows the contracts imported next; one create for the batch
        # sudo: the migration import (admin team) creates the employee
        # records, which needs the HR officer's rights it does not have; the
        # partners were just created as members of the cooperative
        Employee = self.env["hr.employee"]
        Employee.sudo().create(
            [
                Employee._cae_employee_vals(
                    partner, self.company, row.get("payroll_ref")
                )
                for (_n, row, _v), partner in zip(items, partners, strict=True)
            ]
        )
        self.remember_many(
            [
                (row["ref"], partner)
                for (_n, row, _v), partner in zip(items, partners, strict=True)
            ]
        )


class ContractsHandler(MigrationHandler):
    kind = "contracts"
    columns = (
        ("ref", "member_ref", "type", "date_start"),
        ("date_end", "activity_code", "signature_date"),
    )

    def handle(self, rows):
        self.members = self.run.lookup(
            "members", [row["member_ref"] for _n, row in rows]
        )
        self.today = fields.Date.context_today(self.wizard)
        return super().handle(rows)

    def prepare_one(self, number, row):
        partner = self.members.get(row["member_ref"])
        if not partner:
            raise LineError(
                self.env._(
                    "unknown entrepreneur reference %(ref)s", ref=row["member_ref"]
                )
            )
        contract_type = (row["type"] or "").lower()
        if contract_type not in ("cape", "cesa"):
            raise LineError(
                self.env._(
                    "the contract type is cape or cesa, not %(type)s",
                    type=row["type"],
                )
            )
        activity = (
            self.run.activities([row["activity_code"]])
            if row.get("activity_code")
            else self.env["cae.activity"]
        )
        date_start = self.date(row, "date_start", required=True)
        date_end = self.date(row, "date_end")
        return {
            "partner_id": partner.id,
            "contract_type": contract_type,
            "activity_id": activity.id,
            "date_start": date_start,
            "date_end": date_end,
            "date_signature": self.date(row, "signature_date") or date_start,
            "company_id": self.company.id,
        }

    def create_batch(self, items):
        contracts = (
            self.env["cae.contract"]
            .with_context(cae_history=True)
            .create([vals for _n, _r, vals in items])
        )
        contracts.action_start()
        contracts.filtered(
            lambda c: c.date_end and c.date_end < self.today
        ).action_end()
        self.remember_many(
            [
                (row["ref"], contract)
                for (_n, row, _v), contract in zip(items, contracts, strict=True)
            ]
        )


class PartnersHandler(MigrationHandler):
    kind = "partners"
    columns = (
        ("ref", "name", "activity_codes"),
        (
            "kind",
            "is_company",
            "vat",
            "siret",
            "email",
            "phone",
            "street",
            "zip",
            "city",
            "country",
        ),
    )

    def handle(self, rows):
        self.countries = {
            c.code: c for c in self.env["res.country"].search([]) if c.code
        }
        return super().handle(rows)

    def prepare_one(self, number, row):
        activities = self.run.activities(split_codes(row["activity_codes"]))
        if not activities:
            raise LineError(self.env._("give the activity codes"))
        kind = (row.get("kind") or "").lower()
        if kind not in PARTNER_KINDS:
            raise LineError(
                self.env._(
                    "the kind is customer, supplier or both, not %(kind)s",
                    kind=row["kind"],
                )
            )
        country = self.countries.get((row.get("country") or "FR").upper())
        if not country:
            raise LineError(
                self.env._("unknown country code %(code)s", code=row["country"])
            )
        is_company = (row.get("is_company") or "1").lower() not in (
            "0",
            "no",
            "non",
            "false",
        )
        vals = {
            "name": row["name"],
            "is_company": is_company,
            "vat": row.get("vat") or False,
            "email": row.get("email") or False,
            "phone": row.get("phone") or False,
            "street": row.get("street") or False,
            "zip": row.get("zip") or False,
            "city": row.get("city") or False,
            "country_id": country.id,
            "cae_customer_activity_ids": [Command.set(activities.ids)],
        }
        if row.get("siret"):
            vals["company_registry"] = row["siret"]
        if kind in ("customer", "client", "both"):
            vals["customer_rank"] = 1
        if kind in ("supplier", "fournisseur", "both"):
            vals["supplier_rank"] = 1
        return vals

    def create_batch(self, items):
        partners = self.env["res.partner"].create([vals for _n, _r, vals in items])
        self.remember_many(
            [
                (row["ref"], partner)
                for (_n, row, _v), partner in zip(items, partners, strict=True)
            ]
        )
