"""Issue 21, acceptance 5 (ORM side): an entrepreneur sees her own visits
and acknowledgements only, never a visit's result, notes or messages, and
creates no visit and edits no risk assessment; support staff have no access
to health data."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import HealthCommon


@tagged("post_install", "-at_install")
class TestHealthAccess(HealthCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit_a = cls._visit()
        cls.visit_b = cls._visit(cls.employee_b)
        (cls.visit_a | cls.visit_b).with_user(cls.user_admin).write(
            {"result": "fit_adjusted", "notes": "Poste assis recommandé"}
        )
        cls.visit_a.with_user(cls.user_admin).message_post(
            body="Échange avec le médecin du travail", subtype_xmlid="mail.mt_note"
        )
        cls.assessment = (
            cls.env["cae.risk.assessment"].with_user(cls.user_admin).create({})
        )

    def test_entrepreneur_sees_her_own_visits_only(self):
        Visit = self.env["cae.health.visit"].with_user(self.user_a)
        self.assertEqual(Visit.search([]), self.visit_a)
        own = self.visit_a.with_user(self.user_a)
        self.assertEqual(own.date_due, self.visit_a.date_due)
        self.assertEqual(own.state, "planned")
        with self.assertRaises(AccessError):
            self.visit_b.with_user(self.user_a).read(["date_due"])

    def test_entrepreneur_cannot_read_results_notes_or_messages(self):
        own = self.visit_a.with_user(self.user_a)
        for fname in ("result", "notes", "bill_ids"):
            with self.subTest(field=fname), self.assertRaises(AccessError):
                own.read([fname])
        self.assertNotIn("notes", own.fields_get())
        self.assertFalse(
            own.search_read([], ["name", "date_due"])[0].get("notes"),
        )
        messages = (
            self.env["mail.message"]
            .with_user(self.user_a)
            .search([("model", "=", "cae.health.visit"), ("res_id", "=", own.id)])
        )
        self.assertFalse(messages)
        self.assertTrue(
            self.env["mail.message"]
            .with_user(self.user_admin)
            .search([("model", "=", "cae.health.visit"), ("res_id", "=", own.id)])
        )

    def test_entrepreneur_cannot_create_or_edit_visits(self):
        Visit = self.env["cae.health.visit"].with_user(self.user_a)
        with self.assertRaises(AccessError):
            Visit.create({"employee_id": self.employee_a.id})
        with self.assertRaises(AccessError):
            self.visit_a.with_user(self.user_a).write({"date_done": self.today})
        with self.assertRaises(AccessError):
            self.visit_a.with_user(self.user_a).action_done()
        self.assertFalse(self.visit_a.date_done)

    def test_entrepreneur_cannot_edit_the_risk_assessment(self):
        current = self.assessment.with_user(self.user_a)
        self.assertTrue(current.name)
        with self.assertRaises(AccessError):
            current.write({"notes": "<p>Rien</p>"})
        with self.assertRaises(AccessError):
            current.create({})
        self.assertFalse(self.assessment.notes)

    def test_entrepreneur_sees_her_own_acknowledgements_only(self):
        self.assessment.with_user(self.user_a).action_acknowledge()
        self.assessment.with_user(self.user_b).action_acknowledge()
        Ack = self.env["cae.risk.assessment.ack"]
        self.assertEqual(
            Ack.with_user(self.user_a).search([]).partner_id, self.partner_a
        )
        self.assertEqual(len(Ack.with_user(self.user_admin).search([])), 2)
        # acknowledging for someone else, or at another date: refused
        v2 = self.env["cae.risk.assessment"].with_user(self.user_admin).create({})
        with self.assertRaises(AccessError):
            Ack.with_user(self.user_a).create(
                {"assessment_id": v2.id, "partner_id": self.partner_b.id}
            )
        with self.assertRaises(AccessError):
            Ack.with_user(self.user_a).create(
                {"assessment_id": v2.id, "date": "2020-01-01 00:00:00"}
            )
        self.assertFalse(Ack.search([("assessment_id", "=", v2.id)]))

    def test_support_has_no_access_to_health_data(self):
        with self.assertRaises(AccessError):
            self.env["cae.health.visit"].with_user(self.user_support).search([])
        with self.assertRaises(AccessError):
            self.visit_a.with_user(self.user_support).read(["date_due"])
        # the risk assessment is everyone's: read and acknowledged
        current = self.assessment.with_user(self.user_support)
        current.action_acknowledge()
        self.assertTrue(current.acknowledged)
        with self.assertRaises(AccessError):
            current.write({"notes": "<p>Rien</p>"})

    def test_admin_team_reads_the_results(self):
        visit = self.visit_b.with_user(self.user_admin)
        self.assertEqual(visit.result, "fit_adjusted")
        self.assertEqual(visit.notes, "Poste assis recommandé")

    def _open(self, user, record):
        """What the web client reads to open ``record``'s form as ``user``."""
        Model = self.env[record._name].with_user(user)
        views = Model.get_views([(False, "list"), (False, "form")])
        fields_ = views["models"][record._name]["fields"]
        spec = {
            fname: {"fields": {"display_name": {}}}
            if field["type"] == "many2one"
            else {}
            for fname, field in fields_.items()
        }
        return views["views"]["form"]["arch"], Model.browse(record.id).web_read(spec)

    def test_entrepreneur_opens_her_screens(self):
        arch, [row] = self._open(self.user_a, self.visit_a)
        for hidden in ('name="notes"', 'name="result"', 'name="employee_id"'):
            self.assertNotIn(hidden, arch)
        self.assertNotIn("notes", row)
        self.assertEqual(row["partner_id"]["id"], self.partner_a.id)
        arch, [row] = self._open(self.user_a, self.assessment)
        self.assertIn("action_acknowledge", arch)
        self.assertNotIn("pending_partner_ids", arch)
        self.assertFalse(row["acknowledged"])
        # the admin team sees everything
        arch, [row] = self._open(self.user_admin, self.visit_a)
        self.assertIn('name="notes"', arch)
        self.assertEqual(row["result"], "fit_adjusted")
        arch, [row] = self._open(self.user_admin, self.assessment)
        self.assertIn("pending_partner_ids", arch)

    def test_other_company_visits_are_not_seen(self):
        other = self.env["res.company"].create({"name": "Autre CAE"})
        outsider = self.env["hr.employee"].create(
            {"name": "Olivier Ailleurs", "company_id": other.id}
        )
        visit = (
            self.env["cae.health.visit"]
            .with_company(other)
            .create({"employee_id": outsider.id, "company_id": other.id})
        )
        self.assertEqual(len(other.cae_health_rule_ids), 32, "default rules")
        Visit = self.env["cae.health.visit"].with_user(self.user_admin)
        self.assertNotIn(visit, Visit.search([]))
        with self.assertRaises(AccessError):
            visit.with_user(self.user_admin).read(["date_due"])
