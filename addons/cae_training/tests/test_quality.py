from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CaeTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingQuality(CaeTrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Survey = cls.env["survey.survey"]
        cls.survey_needs, cls.survey_hot, cls.survey_cold = Survey.create(
            [
                {"title": title, "access_mode": "public"}
                for title in ("Analyse du besoin", "Satisfaction à chaud", "À froid")
            ]
        )
        cls.company.write(
            {
                "cae_training_needs_survey_id": cls.survey_needs.id,
                "cae_training_hot_survey_id": cls.survey_hot.id,
                "cae_training_cold_survey_id": cls.survey_cold.id,
            }
        )
        cls.action = cls._action(agreement_date_signed="2025-03-01")

    def _evidence(self, action, code):
        return action.evidence_ids.filtered(lambda e: e.code == code)

    def _answer_all(self, action, kind):
        getattr(action, f"action_send_{kind}_survey")()
        inputs = action.trainee_ids[f"{kind}_input_id"]
        self.assertEqual(len(inputs), len(action.trainee_ids))
        inputs.write({"state": "done"})

    def test_missing_satisfaction_is_shown(self):
        """Acceptance 6: no satisfaction results: that indicator is missing
        and the score is below 100 %."""
        hot = self._evidence(self.action, "hot_survey")
        self.assertEqual(hot.state, "missing")
        self.assertEqual(hot.indicators, "2, 30")
        self.assertLess(self.action.evidence_score, 100.0)
        self.assertEqual(len(self.action.evidence_ids), 11)
        score = self.action.evidence_score
        self._answer_all(self.action, "hot")
        self.assertEqual(hot.state, "done")
        self.assertGreater(self.action.evidence_score, score)

    def test_complete_action_scores_100(self):
        action = self.action
        self._fill(action.attendance_ids)
        for kind in ("needs", "hot", "cold"):
            self._answer_all(action, kind)
        action.trainee_ids.write({"objectives_assessment": "achieved"})
        action.action_mark_convocation_sent()
        missing = action.evidence_ids.filtered(lambda e: e.state == "missing")
        self.assertFalse(missing, missing.mapped("code"))
        self.assertEqual(action.evidence_score, 100.0)
        # an open complaint makes the complaints item missing again
        complaint = self.env["cae.training.complaint"].create(
            {
                "name": "Support de cours illisible",
                "description": "Les photocopies sont illisibles.",
                "action_id": action.id,
                "company_id": self.company.id,
            }
        )
        self.assertEqual(self._evidence(action, "complaints").state, "missing")
        with self.assertRaises(UserError):
            complaint.action_close()
        complaint.response = "Support renvoyé en PDF à chaque stagiaire."
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertTrue(complaint.response_date)
        self.assertEqual(action.evidence_score, 100.0)
        self.assertEqual(complaint.program_id, self.program)

    def test_manual_evidence(self):
        convocation = self._evidence(self.action, "convocation")
        self.assertEqual(convocation.state, "missing")
        convocation.manual_done = True
        self.assertEqual(convocation.state, "done")

    def test_satisfaction_from_scored_survey(self):
        self.survey_hot.scoring_type = "scoring_without_answers"
        self.action.action_send_hot_survey()
        answers = self.action.trainee_ids.hot_input_id
        answers.write({"state": "done"})
        # no question: the score stays at 0, entered by hand instead
        self.action.trainee_ids[0].satisfaction_score = 80.0
        self.action.trainee_ids[1].satisfaction_score = 100.0
        self.assertEqual(self.action.satisfaction_rate, 90.0)

    def test_dashboard(self):
        action = self.action
        self._answer_all(action, "hot")
        action.trainee_ids[0].satisfaction_score = 70.0
        action.trainee_ids[1].satisfaction_score = 90.0
        action.trainee_ids[1].action_drop_out()
        action.action_done()
        # the next session needs its own interested people (issue 15, item 16):
        # the interest of the trainee trained by the done session is served
        self.env["cae.training.interest"].create(
            {"program_id": self.program.id, "partner_id": self.trainee_2.id}
        )
        other = self._action()  # confirmed, not done: no completion yet
        self.assertEqual(other.state, "confirmed")
        self.env["cae.training.complaint"].create(
            [
                {
                    "name": name,
                    "description": name,
                    "action_id": action.id,
                    "date": "2025-03-12",
                    "company_id": self.company.id,
                }
                for name in ("Retard", "Salle froide")
            ]
        )
        dashboard = self.env["cae.training.dashboard"].create(
            {
                "date_from": "2025-01-01",
                "date_to": "2025-12-31",
                "company_id": self.company.id,
            }
        )
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=6):
            self.assertEqual(dashboard.action_count, 2)
            self.assertEqual(dashboard.trainee_count, 4)
            self.assertEqual(dashboard.satisfaction_rate, 80.0)
            self.assertEqual(dashboard.satisfaction_answers, 2)
            self.assertEqual(dashboard.completion_rate, 50.0)
            self.assertEqual(dashboard.dropout_count, 1)
            self.assertEqual(dashboard.complaint_count, 2)
            self.assertEqual(dashboard.open_complaint_count, 2)
        self.assertLess(dashboard.evidence_score, 100.0)

    def test_improvement_register(self):
        improvement = self.env["cae.training.improvement"].create(
            {
                "name": "Envoyer les supports en PDF",
                "origin": "survey",
                "action_id": self.action.id,
                "company_id": self.company.id,
            }
        )
        improvement.action_start()
        with self.assertRaises(UserError):
            improvement.action_done()
        improvement.result = "Supports envoyés la veille de chaque session."
        improvement.action_done()
        self.assertEqual(improvement.state, "done")
        with self.assertRaises(UserError):
            improvement.unlink()
        complaint = self.env["cae.training.complaint"].create(
            {"name": "X", "description": "Y", "company_id": self.company.id}
        )
        with self.assertRaises(UserError):
            complaint.unlink()
        complaint.active = False
        self.assertFalse(complaint.active)

    def test_qualiopi_expiry_alert(self):
        self.company.write(
            {"cae_qualiopi_expiry": "2000-01-01", "cae_qualiopi_alert_days": 90}
        )
        self.assertEqual(self.company.cae_qualiopi_state, "expired")
        before = self.env["mail.message"].search_count([])
        self.env["res.company"]._cron_cae_qualiopi_alert()
        message = self.env["mail.message"].search([], order="id desc", limit=1)
        self.assertGreater(self.env["mail.message"].search_count([]), before)
        self.assertIn("QUA-TEST-001", message.body)
        self.assertIn(self.user_training.partner_id, message.partner_ids)

    def test_programme_results(self):
        self._answer_all(self.action, "hot")
        self.action.trainee_ids.write({"satisfaction_score": 90.0})
        self.action.action_done()
        self.program.invalidate_recordset()
        self.assertEqual(self.program.result_satisfaction_rate, 90.0)
        self.assertEqual(self.program.result_completion_rate, 100.0)
        self.assertEqual(self.program.result_trainee_count, 2)

    def test_new_trainee_gets_evidence_checked(self):
        self._answer_all(self.action, "needs")
        self.assertEqual(self._evidence(self.action, "needs").state, "done")
        late = self.env["res.partner"].create({"name": "Nouvelle"})
        self.action.write({"trainee_ids": [Command.create({"partner_id": late.id})]})
        self.assertEqual(self._evidence(self.action, "needs").state, "missing")
