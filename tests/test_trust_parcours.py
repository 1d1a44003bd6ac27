"""Issue 14, acceptance 1 (journey): each hostile call of the issue on the
journey, replayed through real JSON-RPC and XML-RPC as the role named, is
refused or returns nothing, and the database is unchanged (read back as the
admin); the allowed paths still work.

The users' passwords are set to their logins, as ``trust_common`` expects for
XML-RPC."""

from datetime import datetime

from odoo import Command
from odoo.tests import tagged

from .trust_common import TrustRpcCase

JOURNEY_FIELDS = [
    "cae_info_meeting_date",
    "cae_application_date",
    "cae_application_complete",
    "cae_diagnostic_date",
    "cae_decision",
    "cae_decision_reason",
    "cae_sponsor_id",
    "cae_support_user_id",
    "cae_exit_ids",
    "cae_exit_type",
    "cae_gender",
    "cae_birthdate",
    "cae_prescriber",
    "cae_entry_status",
    "cae_associate_deadline",
    "cae_interview_count",
    "cae_missing_interviews",
]
REPORT_FIELDS = [
    "report_objectives",
    "report_points",
    "report_action_plan",
    "report_documents",
]


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustParcours(TrustRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # XML-RPC logs in with the password, the login (trust_common)
        for user in (
            cls.user_a,
            cls.user_b,
            cls.user_support,
            cls.user_admin,
            cls.user_manager,
        ):
            user.password = user.login
        cls.partner_b.write(
            {
                "cae_info_meeting_date": "2024-09-16",
                "cae_application_date": "2024-10-01",
                "cae_application_complete": True,
                "cae_diagnostic_date": "2024-10-15",
                "cae_decision": "admitted",
                "cae_decision_reason": "Projet solide, marché local identifié",
                "cae_sponsor_id": cls.partner_a.id,
                "cae_support_user_id": cls.user_support.id,
                "cae_gender": "male",
                "cae_birthdate": "1984-05-02",
                "cae_prescriber": "France Travail Tours",
                "cae_entry_status": "minimum_income",
            }
        )
        cls.cesa_b = cls._contract(cls.partner_b, "cesa", "2025-01-01")
        cls.cape_a = cls._contract(cls.partner_a, "cape", "2025-01-01", "2025-06-30")
        cls.appointment_b = (
            cls.env["cae.appointment"]
            .with_user(cls.user_support)
            .create(
                {
                    "name": "Entretien annuel - Bruno",
                    "kind": "individual",
                    "appointment_type": "annual",
                    "date_start": datetime(2026, 2, 10, 10, 0),
                    "partner_ids": [Command.set(cls.partner_b.ids)],
                    "report_points": "<p>Dettes fournisseurs à régulariser</p>",
                    "state": "done",
                }
            )
        )
        cls.event_b = cls.appointment_b.calendar_event_id

    def _journey_of(self, partner):
        return partner.read(JOURNEY_FIELDS + ["cae_associate_date", "cae_exit_date"])

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
    # entrepreneurs: the calendar

    def test_entrepreneur_reads_only_her_events(self):
        """Bruno's appointment (title, attendees) is not in Anne's calendar;
        hers is, and Bruno reads his."""
        own = self.jsonrpc(
            "ent_a",
            "calendar.event",
            "create",
            {
                "name": "Rendez-vous client",
                "start": "2026-03-02 09:00:00",
                "stop": "2026-03-02 10:00:00",
            },
        )
        own = own[0] if isinstance(own, list) else own
        self.jsonrpc(
            "ent_a",
            "calendar.event",
            "get_views",
            [[False, "calendar"], [False, "list"], [False, "form"]],
        )
        for call in self.both(
            "ent_a", "calendar.event", "read", [self.event_b.id], ["name"]
        ):
            self.assertRefused(call, kinds=("AccessError",))
        for call in self.both(
            "ent_a",
            "calendar.event",
            "search_read",
            [],
            ["name", "partner_ids", "attendee_ids"],
        ):
            records = call()
            self.assertEqual([r["id"] for r in records], [own])
        for call in self.both(
            "ent_a",
            "calendar.event",
            "read_group",
            [],
            ["name"],
            ["name"],
            lazy=False,
        ):
            groups = call()
            self.assertEqual([g["name"] for g in groups], ["Rendez-vous client"])
        for call in self.both(
            "ent_a",
            "calendar.event",
            "search_count",
            [("name", "ilike", "Bruno")],
        ):
            self.assertEqual(call(), 0)
        for call in self.both(
            "ent_a",
            "calendar.attendee",
            "search_read",
            [("event_id", "=", self.event_b.id)],
            ["partner_id", "event_id"],
        ):
            self.assertEqual(call(), [])
        for call in self.both(
            "ent_a",
            "calendar.event",
            "write",
            [self.event_b.id],
            {"name": "Annulé"},
        ):
            self.assertRefused(call, kinds=("AccessError",))
        self.env.invalidate_all()
        self.assertEqual(self.event_b.name, "Entretien annuel - Bruno")
        # the participant and the support team read the appointment's event
        for login in ("ent_b", "support"):
            for call in self.both(
                login, "calendar.event", "read", [self.event_b.id], ["name"]
            ):
                self.assertEqual(call()[0]["name"], "Entretien annuel - Bruno")
        # her own calendar works: read, move, delete her event
        self.jsonrpc(
            "ent_a",
            "calendar.event",
            "write",
            [own],
            {"stop": "2026-03-02 11:00:00"},
        )
        self.assertEqual(
            self.xmlrpc("ent_a", "calendar.event", "read", [own], ["name"])[0]["name"],
            "Rendez-vous client",
        )
        self.xmlrpc("ent_a", "calendar.event", "unlink", [own])
        self.assertFalse(self.env["calendar.event"].browse(own).exists())

    # ------------------------------------------------------------------
    # appointment reports: participants and the support team only

    def test_admin_team_does_not_read_reports(self):
        for call in self.both(
            "gestion",
            "cae.appointment",
            "read",
            [self.appointment_b.id],
            REPORT_FIELDS[1:2],
        ):
            self.assertRefused(call, kinds=("AccessError",))
        for call in self.both(
            "gestion",
            "cae.appointment",
            "search_read",
            [("report_points", "ilike", "Dettes")],
            ["name"],
        ):
            self.assertRefused(call, kinds=("AccessError",))
        for call in self.both(
            "gestion",
            "cae.appointment",
            "read_group",
            [],
            ["name"],
            ["report_points"],
        ):
            self.assertRefused(call, kinds=("AccessError",))
        for call in self.both(
            "gestion",
            "cae.appointment",
            "search_read",
            [("id", "=", self.appointment_b.id)],
            [],
        ):
            records = call()
            self.assertEqual(len(records), 1)
            self.assertFalse(set(REPORT_FIELDS) & set(records[0]))
        for call in self.both(
            "gestion", "cae.appointment", "action_print", [self.appointment_b.id]
        ):
            self.assertRefused(call, kinds=("AccessError",))
        for call in self.both(
            "gestion",
            "cae.appointment",
            "write",
            [self.appointment_b.id],
            {"report_points": "<p>Effacé</p>"},
        ):
            self.assertRefused(call, kinds=("AccessError",))
        # nor through the report's own route
        self.authenticate("gestion", "gestion")
        self._rpc_session = "gestion"
        response = self.url_open(
            f"/report/html/cae_parcours.report_appointment/{self.appointment_b.id}"
        )
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("Dettes fournisseurs", response.text)
        self.env.invalidate_all()
        self.assertIn("Dettes fournisseurs", self.appointment_b.report_points)

    def test_entrepreneur_reads_only_her_reports(self):
        for call in self.both(
            "ent_a",
            "cae.appointment",
            "read",
            [self.appointment_b.id],
            ["name", "report_points"],
        ):
            self.assertRefused(call, kinds=("AccessError",))
        for call in self.both(
            "ent_a",
            "cae.appointment",
            "search_read",
            [],
            ["name", "report_points"],
        ):
            self.assertEqual(call(), [])
        for call in self.both(
            "ent_a", "cae.appointment", "read_group", [], ["name"], ["state"]
        ):
            self.assertEqual(call(), [])
        self.authenticate("ent_a", "ent_a")
        self._rpc_session = "ent_a"
        response = self.url_open(
            f"/report/html/cae_parcours.report_appointment/{self.appointment_b.id}"
        )
        self.assertNotIn("Dettes fournisseurs", response.text)

    def test_participant_and_support_read_the_report(self):
        for login in ("ent_b", "support", "cogerance"):
            for call in self.both(
                login,
                "cae.appointment",
                "read",
                [self.appointment_b.id],
                REPORT_FIELDS,
            ):
                self.assertIn("Dettes fournisseurs", call()[0]["report_points"])
        self.jsonrpc(
            "support",
            "cae.appointment",
            "write",
            [self.appointment_b.id],
            {"report_action_plan": "<p>Échéancier avec le fournisseur</p>"},
        )
        self.env.invalidate_all()
        self.assertIn("Échéancier", self.appointment_b.report_action_plan)
        self.authenticate("ent_b", "ent_b")
        self._rpc_session = "ent_b"
        response = self.url_open(
            f"/report/html/cae_parcours.report_appointment/{self.appointment_b.id}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Dettes fournisseurs", response.text)

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
