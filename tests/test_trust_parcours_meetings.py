"""Issue 14, acceptance 1 (journey: calendar and appointment reports):
each hostile call of the issue on the appointments, replayed through real
JSON-RPC and XML-RPC as the role named, is refused or returns nothing, and
the database is unchanged (read back as the admin); the allowed paths still
work. The status and journey fields are in ``test_trust_parcours.py``."""

from odoo.tests import tagged

from .trust_parcours_common import TrustParcoursCase

REPORT_FIELDS = [
    "report_objectives",
    "report_points",
    "report_action_plan",
    "report_documents",
]


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustParcoursMeetings(TrustParcoursCase):
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
