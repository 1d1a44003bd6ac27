from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CaeTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainerWorkshops(CaeTrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        EventType = cls.env["event.type"]
        cls.type_initial = EventType.create({"name": "Je (re)deviens formateur·rice"})
        cls.type_followup = EventType.create({"name": "Suivi des formateurs"})
        cls.company.write(
            {
                "cae_trainer_initial_event_type_id": cls.type_initial.id,
                "cae_trainer_followup_event_type_id": cls.type_followup.id,
                "cae_trainer_check": "block",
            }
        )

    @classmethod
    def _workshop(cls, event_type, day, partner, state="present"):
        start = datetime.fromisoformat(f"{day} 09:00:00")
        event = cls.env["event.event"].create(
            {
                "name": event_type.name,
                "event_type_id": event_type.id,
                "date_begin": start,
                "date_end": start.replace(hour=12),
                "company_id": cls.company.id,
            }
        )
        return cls.env["cae.attendance"].create(
            {
                "partner_id": partner.id,
                "event_id": event.id,
                "state": state,
                "company_id": cls.company.id,
            }
        )

    @freeze_time("2025-03-01")
    def test_blocked_without_workshop(self):
        action = self._action(confirm=False)
        with self.assertRaises(ValidationError) as error:
            action.action_confirm()
        self.assertIn("Anne Artisan", str(error.exception))
        self.assertEqual(action.state, "draft")
        self._workshop(self.type_initial, "2024-11-15", self.partner_a)
        action.action_confirm()
        self.assertEqual(action.state, "confirmed")
        self.assertFalse(action.trainer_warning)
        # nobody untrained can be added to the confirmed action
        self.partner_b.cae_is_trainer = True
        with self.assertRaises(ValidationError):
            action.trainer_ids |= self.partner_b

    @freeze_time("2025-03-01")
    def test_absent_workshop_does_not_count(self):
        self._workshop(self.type_initial, "2024-11-15", self.partner_a, "absent")
        self.assertFalse(self.partner_a.cae_trainer_qualified)

    @freeze_time("2025-03-01")
    def test_yearly_follow_up(self):
        self._workshop(self.type_initial, "2023-06-01", self.partner_a)
        self.assertFalse(self.partner_a.cae_trainer_qualified)
        self._workshop(self.type_followup, "2024-09-20", self.partner_a)
        self.partner_a.invalidate_recordset(["cae_trainer_qualified"])
        self.assertTrue(self.partner_a.cae_trainer_qualified)

    @freeze_time("2025-03-01")
    def test_follow_up_alone_is_not_enough(self):
        self._workshop(self.type_followup, "2024-09-20", self.partner_a)
        self.assertFalse(self.partner_a.cae_trainer_qualified)

    @freeze_time("2025-03-01")
    def test_warning_setting(self):
        self.company.cae_trainer_check = "warning"
        action = self._action()
        self.assertEqual(action.state, "confirmed")
        self.assertIn("Anne Artisan", action.trainer_warning)
        trainers = action.evidence_ids.filtered(lambda e: e.code == "trainers")
        self.assertEqual(trainers.state, "missing")
        # the workshop is attended later: checking again proves the item
        self._workshop(self.type_initial, "2025-02-15", self.partner_a)
        action.action_refresh_evidence()
        self.assertEqual(trainers.state, "done")
        self.partner_a.invalidate_recordset(["cae_trainer_qualified"])
        self.assertTrue(self.partner_a.cae_trainer_qualified)

    def test_no_workshop_configured_no_check(self):
        self.company.cae_trainer_initial_event_type_id = False
        action = self._action()
        self.assertEqual(action.state, "confirmed")
        self.assertTrue(self.partner_a.cae_trainer_qualified)
