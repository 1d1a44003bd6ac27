"""Issue 14, acceptance 1 (journey): each hostile call of the issue on the
journey, replayed through real JSON-RPC and XML-RPC as the role named, is
refused or returns nothing, and the database is unchanged (read back as the
admin); the allowed paths still work.

The users' passwords are set to their logins, as ``trust_common`` expects for
XML-RPC."""

from odoo import Command
from odoo.tests import tagged

from .trust_parcours_common import JOURNEY_FIELDS, TrustParcoursCase


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustParcours(TrustParcoursCase):
    # ------------------------------------------------------------------
    # entrepreneurs: their own status

    def test_entrepreneur_does_not_write_her_status(self):
        """Her associate date, exit date and journey decision: refused; she
        stays under CAPE."""
        before = self._journey_of(self.partner_a)
        status = self.partner_a.cae_status
        for vals in (
            {"cae_associate_date": "2025-03-01"},
            {"cae_exit_date": "2025-03-01"},
            {"cae_decision": "admitted"},
            {"cae_decision_reason": "Moi"},
            {"cae_gender": "female"},
            {"cae_support_user_id": self.user_a.id},
        ):
            for call in self.both(
                "ent_a", "res.partner", "write", [self.partner_a.id], vals
            ):
                self.assertRefused(call, kinds=("AccessError",))
        for call in self.both(
            "ent_a",
            "cae.member.exit",
            "create",
            {
                "partner_id": self.partner_a.id,
                "date": "2025-03-01",
                "exit_type": "company_creation",
            },
        ):
            self.assertRefused(call, kinds=("AccessError",))
        for call in self.both(
            "ent_a",
            "cae.contract.renewal",
            "create",
            {"contract_id": self.cape_a.id, "date_end": "2025-12-31"},
        ):
            self.assertRefused(call, kinds=("AccessError",))
        self.env.invalidate_all()
        self.assertEqual(self._journey_of(self.partner_a), before)
        self.assertEqual(self.partner_a.cae_status, status)
        self.assertFalse(self.partner_a.cae_exit_ids)
        self.assertFalse(self.cape_a.renewal_ids)

    # ------------------------------------------------------------------
    # entrepreneurs: other members' journey and statistics

    def test_entrepreneur_does_not_read_journey_fields(self):
        for fname in JOURNEY_FIELDS:
            for call in self.both(
                "ent_a", "res.partner", "read", [self.partner_b.id], [fname]
            ):
                self.assertRefused(call, kinds=("AccessError",))
            for call in self.both(
                "ent_a",
                "res.partner",
                "search_read",
                [("id", "=", self.partner_b.id)],
                [fname],
            ):
                self.assertRefused(call, kinds=("AccessError",))
        # searching or grouping by them leaks them as much as reading them
        for domain in (
            [("cae_gender", "=", "male")],
            [("cae_decision_reason", "ilike", "solide")],
            [("cae_prescriber", "ilike", "France Travail")],
            [("cae_entry_status", "=", "minimum_income")],
            [("cae_missing_interviews", "=", True)],
        ):
            for call in self.both(
                "ent_a", "res.partner", "search_read", domain, ["name"]
            ):
                self.assertRefused(call, kinds=("AccessError",))
        for groupby in (
            "cae_gender",
            "cae_entry_status",
            "cae_decision",
            "cae_exit_type",
        ):
            for call in self.both(
                "ent_a", "res.partner", "read_group", [], ["name"], [groupby]
            ):
                self.assertRefused(call, kinds=("AccessError",))
        # what she may read of a member holds none of them
        for call in self.both(
            "ent_a", "res.partner", "search_read", [("id", "=", self.partner_b.id)], []
        ):
            records = call()
            self.assertEqual(len(records), 1)
            self.assertFalse(set(JOURNEY_FIELDS) & set(records[0]))
        described = self.jsonrpc("ent_a", "res.partner", "fields_get", [])
        self.assertFalse(set(JOURNEY_FIELDS) & set(described))
        # her own screens still load (the fields are left out of the arch)
        views = self.jsonrpc(
            "ent_a",
            "res.partner",
            "get_views",
            [[False, "form"], [False, "list"], [False, "search"]],
        )
        for view in views["views"].values():
            for fname in JOURNEY_FIELDS:
                self.assertNotIn(f'name="{fname}"', view["arch"])
        self.jsonrpc(
            "ent_a",
            "res.partner",
            "web_read",
            [self.partner_a.id],
            {"display_name": {}, "cae_status": {}, "cae_cape_since": {}},
        )
        self.jsonrpc(
            "ent_a",
            "cae.contract",
            "get_views",
            [[False, "form"], [False, "list"], [False, "search"]],
        )
        contract = self.jsonrpc(
            "ent_a",
            "cae.contract",
            "web_read",
            [self.cape_a.id],
            {
                "name": {},
                "associate_deadline": {},
                "associate_overdue": {},
                "renewal_ids": {"fields": {"date_start": {}, "date_end": {}}},
            },
        )
        self.assertEqual(contract[0]["name"], self.cape_a.name)

    def test_support_and_admin_read_and_write_the_journey(self):
        for login in ("support", "gestion", "cogerance"):
            for call in self.both(
                login, "res.partner", "read", [self.partner_b.id], JOURNEY_FIELDS
            ):
                record = call()[0]
                self.assertEqual(record["cae_prescriber"], "France Travail Tours")
                self.assertEqual(record["cae_entry_status"], "minimum_income")
            groups = self.jsonrpc(
                login,
                "res.partner",
                "read_group",
                [("id", "=", self.partner_b.id)],
                ["name"],
                ["cae_gender"],
            )
            self.assertEqual(groups[0]["cae_gender"], "male")
        self.jsonrpc(
            "support",
            "res.partner",
            "write",
            [self.partner_b.id],
            {"cae_prescriber": "Mission locale", "cae_gender": "other"},
        )
        self.xmlrpc(
            "gestion",
            "res.partner",
            "write",
            [self.partner_b.id],
            {"cae_associate_date": "2026-01-15"},
        )
        self.env.invalidate_all()
        self.assertEqual(self.partner_b.cae_prescriber, "Mission locale")
        self.assertEqual(self.partner_b.cae_gender, "other")
        self.assertEqual(self.partner_b.cae_status, "associate")

    # ------------------------------------------------------------------
    # evidence: renewals and exits of contracts that have run

    def test_renewals_and_exits_are_evidence(self):
        self.env["event.event"].create(
            {
                "name": "Atelier socle",
                "event_type_id": self.env.ref(
                    "cae_parcours.event_type_base_workshop"
                ).id,
                "date_begin": "2025-02-03 08:30:00",
                "date_end": "2025-02-03 12:00:00",
                "company_id": self.company.id,
                "cae_attendance_ids": [
                    Command.create(
                        {
                            "partner_id": self.partner_a.id,
                            "state": "present",
                            "company_id": self.company.id,
                        }
                    )
                ],
            }
        )
        renewal = self.jsonrpc(
            "support",
            "cae.contract.renewal",
            "create",
            {"contract_id": self.cape_a.id, "date_end": "2025-12-31"},
        )
        renewal = renewal[0] if isinstance(renewal, list) else renewal
        exit_ = self.env["cae.member.exit"].create(
            {
                "partner_id": self.partner_a.id,
                "date": "2025-12-31",
                "exit_type": "company_creation",
            }
        )
        for login in ("support", "gestion", "cogerance"):
            for call in self.both(login, "cae.contract.renewal", "unlink", [renewal]):
                self.assertRefused(call, kinds=("UserError", "AccessError"))
            for call in self.both(login, "cae.member.exit", "unlink", [exit_.id]):
                self.assertRefused(call, kinds=("UserError", "AccessError"))
        # a renewal past the legal cap is refused when edited, too
        for call in self.both(
            "support",
            "cae.contract.renewal",
            "write",
            [renewal],
            {"date_end": "2030-12-31"},
        ):
            self.assertRefused(call, kinds=("ValidationError", "UserError"))
        for call in self.both(
            "gestion",
            "cae.contract",
            "write",
            [self.cape_a.id],
            {"date_end": "2030-12-31"},
        ):
            self.assertRefused(call, kinds=("ValidationError", "UserError"))
        self.env.invalidate_all()
        renewal = self.env["cae.contract.renewal"].browse(renewal)
        self.assertTrue(renewal.exists())
        self.assertEqual(str(renewal.date_end), "2025-12-31")
        self.assertEqual(str(self.cape_a.date_end), "2025-12-31")
        self.assertTrue(exit_.exists())
        self.assertEqual(str(self.partner_a.cae_exit_date), "2025-12-31")
