from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import CaeTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainerTour(CaeTrainingCommon, HttpCase):
    """A real browser: the trainer's attendance and the certificate."""

    # the CAE app's sections of an entrepreneur who trains do not all fit in the
    # default 1366 px: a trainer's wide screen shows the Formation menu unfolded
    browser_size = "1920x1080"

    def test_trainer_attendance_and_certificate(self):
        action = self._action(
            trainees=self.trainee_1, days=1, start=fields.Date.today()
        )
        self.start_tour("/odoo", "cae_trainer_tour", login="ent_a")
        self.assertEqual(set(action.attendance_ids.mapped("state")), {"present"})
        self.assertTrue(all(action.attendance_ids.mapped("countersigned")))
        trainee = action.trainee_ids
        self.assertEqual(trainee.hours_attended, 7.0)
