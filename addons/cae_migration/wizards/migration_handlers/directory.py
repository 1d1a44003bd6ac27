"""The cooperative's directory: activities, entrepreneurs, their contracts
(the status history), customers and suppliers."""

from odoo import Command, fields

from ..migration_parser import LineError, split_codes
from .base import MigrationHandler

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

    def create_one(self, number, row):
        kind = ACTIVITY_TYPES.get((row.get("type") or "standard").lower())
        if not kind:
            raise LineError(
                self.env._(
                    "unknown activity type %(type)s (standard, training, "
                    "skills_assessment)",
                    type=row["type"],
                )
            )
        activity = self.Activity.search(
            [("company_id", "=", self.company.id), ("code", "=", row["code"])],
            limit=1,
        )
        if not activity:
            vals = {
                "code": row["code"],
                "name": row["name"],
                "trade_name": row.get("trade_name") or False,
                "activity_type": kind,
                "company_id": self.company.id,
            }
            if row.get("date_start"):
                vals["date_start"] = self.date(row, "date_start")
            activity = self.Activity.create(vals)
            self.created.append((row["ref"], activity))
        self.remember(row["ref"], activity)

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

    def create_one(self, number, row):
        activities = self.run.activities(split_codes(row.get("activity_codes")))
        partner = self.env["res.partner"].create(
            {
                "name": row["name"],
                "email": row.get("email") or False,
                "phone": row.get("phone") or False,
                "is_cae_member": True,
                "company_id": False,
                "cae_associate_date": self.date(row, "associate_date"),
                "cae_exit_date": self.date(row, "exit_date"),
                "cae_activity_ids": [Command.set(activities.ids)],
            }
        )
        # her employee record (expense sheets, pay variables); its type
        # follows the contracts imported next
        self.env["hr.employee"]._cae_ensure_for(
            partner, company=self.company, payroll_ref=row.get("payroll_ref")
        )
        self.remember(row["ref"], partner)


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

    def create_one(self, number, row):
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
        contract = (
            self.env["cae.contract"]
            .with_context(cae_history=True)
            .create(
                {
                    "partner_id": partner.id,
                    "contract_type": contract_type,
                    "activity_id": activity.id,
                    "date_start": date_start,
                    "date_end": date_end,
                    "date_signature": self.date(row, "signature_date") or date_start,
                    "company_id": self.company.id,
                }
            )
        )
        contract.action_start()
        if date_end and date_end < self.today:
            contract.action_end()
        self.remember(row["ref"], contract)


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

    def create_one(self, number, row):
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
        partner = self.env["res.partner"].create(vals)
        self.remember(row["ref"], partner)
