from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CaeTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingProgram(CaeTrainingCommon):
    def test_minimum_interest(self):
        """Acceptance 3: 5 needed, 4 registered: refused; 5: confirmed."""
        program = self._program(name="Programme à 5", min_interest=1)
        program.min_interest = 5
        people = self.env["res.partner"].create(
            [{"name": f"Intéressé {index}"} for index in range(4)]
        )
        self.env["cae.training.interest"].create(
            [{"program_id": program.id, "partner_id": p.id} for p in people[:3]]
        )
        self.assertEqual(program.interest_count, 4)
        action = self._action(program=program, confirm=False)
        with self.assertRaises(UserError) as error:
            action.action_confirm()
        self.assertIn("needs 5 interested people", str(error.exception))
        self.assertIn("4 registered", str(error.exception))
        self.assertEqual(action.state, "draft")
        self.assertFalse(action.attendance_ids)
        self.env["cae.training.interest"].create(
            {"program_id": program.id, "partner_id": people[3].id}
        )
        self.assertEqual(program.interest_count, 5)
        action.action_confirm()
        self.assertEqual(action.state, "confirmed")

    def test_withdrawn_interest_does_not_count(self):
        program = self._program(name="Programme", min_interest=2)
        self.assertEqual(program.interest_count, 2)
        program.interest_ids[0].state = "withdrawn"
        self.assertEqual(program.interest_count, 1)

    def test_entrepreneur_proposes_training_manager_publishes(self):
        program = (
            self.env["cae.training.program"]
            .with_user(self.user_a)
            .create(
                {
                    "name": "Initiation à la couture",
                    "activity_id": self.activity_t.id,
                    "trainer_ids": [Command.set(self.partner_a.ids)],
                    "company_id": self.company.id,
                }
            )
        )
        with self.assertRaises(UserError) as error:
            program.action_propose()
        self.assertIn("Objectives", str(error.exception))
        program.write(
            {
                "objectives": "Coudre un sac",
                "prerequisites": "Aucun",
                "target_public": "Tout public",
                "duration_hours": 7,
                "content": "<p>Patron, coupe, couture</p>",
                "methods": "Atelier",
                "assessment": "Sac réalisé",
                "accessibility": "Accessible",
                "access_time": "1 semaine",
                "price": 150,
            }
        )
        program.action_propose()
        self.assertEqual(program.state, "proposed")
        with self.assertRaises(AccessError):
            program.action_publish()
        program.with_user(self.user_training).action_publish()
        self.assertEqual(program.state, "published")
        # B registers interest in the published programme
        program.with_user(self.user_b).action_register_interest()
        self.assertEqual(program.interest_ids.partner_id, self.partner_b)
        program.with_user(self.user_b).action_register_interest()
        self.assertEqual(len(program.interest_ids), 1)

    def test_skills_assessment_needs_co_management(self):
        activity = self.env["cae.activity"].create(
            {
                "name": "Bilans",
                "code": "BILANT",
                "activity_type": "skills_assessment",
                "company_id": self.company.id,
                "member_ids": [Command.link(self.partner_b.id)],
            }
        )
        program = self.program.copy({"activity_id": activity.id, "state": "proposed"})
        with self.assertRaises(AccessError):
            program.with_user(self.user_training).action_publish()
        program.with_user(self.user_manager).action_publish()
        self.assertEqual(program.state, "published")

    def test_unpublished_programme_cannot_be_confirmed(self):
        self.program.action_reset_draft()
        action = self._action(confirm=False)
        with self.assertRaises(UserError):
            action.action_confirm()

    def test_attendance_follows_late_trainees_and_half_days(self):
        action = self._action()
        self.assertEqual(len(action.attendance_ids), 8)
        late = self.env["res.partner"].create({"name": "Retardataire"})
        action.write(
            {
                "trainee_ids": [
                    Command.create({"partner_id": late.id, "funder_type": "company"})
                ]
            }
        )
        self.assertEqual(len(action.attendance_ids), 12)
        action.write(
            {
                "slot_ids": [
                    Command.create(
                        {"date": "2025-03-12", "time_start": 9.0, "time_end": 12.0}
                    )
                ]
            }
        )
        self.assertEqual(len(action.attendance_ids), 15)
        self.assertEqual(action.hours, 17.0)

    def test_evidence_cannot_be_deleted(self):
        action = self._action()
        attendance = action.attendance_ids[0]
        self._fill(attendance)
        with self.assertRaises(UserError):
            attendance.training_slot_id.unlink()
        with self.assertRaises(UserError):
            attendance.training_trainee_id.unlink()
        with self.assertRaises(UserError):
            action.unlink()

    def test_trainer_fills_attendance(self):
        action = self._action()
        attendance = action.attendance_ids[0]
        attendance.with_user(self.user_a).action_training_absent()
        self.assertEqual(attendance.state, "absent")
        action.with_user(self.user_a).action_countersign()
        self.assertTrue(attendance.countersigned)
        self.assertEqual(attendance.countersigned_by_id, self.user_a)
        with self.assertRaises(Exception):  # noqa: B017 - access or user error
            attendance.with_user(self.user_b).action_training_present()
        self.assertEqual(attendance.state, "absent")

    def test_drop_out_and_done(self):
        action = self._action()
        dropped = action.trainee_ids[1]
        dropped.action_drop_out()
        self.assertEqual(dropped.state, "dropped")
        action.action_done()
        self.assertEqual(action.trainee_ids[0].state, "completed")
        self.assertEqual(action.completion_rate, 50.0)
        self.assertEqual(action.dropout_count, 1)
