from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CaeGovernanceCommon


@tagged("post_install", "-at_install")
class TestMeeting(CaeGovernanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_territory = cls.env["cae.territory"].create(
            {"name": "Berry", "company_id": cls.company.id}
        )
        cls.partner_b.cae_territory_id = cls.other_territory

    def _messages(self, meeting):
        return meeting.message_ids.filtered(lambda m: m.message_type == "comment")

    def test_co_convocation_late_refused_and_topic_sent(self):
        """Acceptance 3: a CO 5 days ahead is refused (7 required), nothing
        sent; a topic added by a member (as her user) is in the mail sent."""
        late = self._meeting("co", days=5, territory_id=self.territory.id)
        with self.refused(UserError, "at least 7 day"):
            late.action_convene()
        self.assertEqual(late.state, "draft")
        self.assertFalse(self._messages(late))
        self.assertFalse(late.calendar_event_id)

        meeting = self._meeting("co", days=8, territory_id=self.territory.id)
        self.assertEqual(meeting.invitee_ids, self.partner_a)
        topic = (
            self.env["cae.meeting.topic"]
            .with_user(self.user_a)
            .create(
                {
                    "meeting_id": meeting.id,
                    "name": "Mutualiser un local à Tours",
                    "description": "Un atelier partagé rue Colbert",
                }
            )
        )
        self.assertEqual(topic.partner_id, self.partner_a)
        self.env["cae.meeting.topic"].create(
            {"meeting_id": meeting.id, "name": "Tour de table", "sequence": 1}
        )
        meeting.action_convene()
        self.assertEqual(meeting.state, "convened")
        message = self._messages(meeting)
        self.assertEqual(len(message), 1)
        self.assertIn("Mutualiser un local à Tours", message.body)
        self.assertIn("Un atelier partagé rue Colbert", message.body)
        # ordered: the sequence first
        self.assertLess(
            message.body.index("Tour de table"),
            message.body.index("Mutualiser un local"),
        )
        self.assertEqual(message.partner_ids, self.partner_a)
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertIn("Mutualiser un local à Tours", mail.body_html)
        event = meeting.calendar_event_id
        self.assertEqual(event.partner_ids, self.partner_a)
        self.assertEqual(event.start, meeting.date_start)

    def test_convocation_in_french(self):
        """The convocation and the refusal speak French to a French CAE."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["cae_governance"], ["fr_FR"], overwrite=True
        )
        self.company.partner_id.lang = "fr_FR"
        late = self._meeting("co", days=3)
        with self.refused(UserError, "au moins 7 jour"):
            late.with_context(lang="fr_FR").action_convene()
        meeting = self._meeting("co", days=10)
        self.env["cae.meeting.topic"].create(
            {"meeting_id": meeting.id, "name": "Budget des formations"}
        )
        meeting.action_convene()
        body = self._messages(meeting).body
        self.assertIn("Ordre du jour", body)
        self.assertIn("Budget des formations", body)

    def test_notice_by_type(self):
        """The board and the AG follow their company delays."""
        self.company.write({"cae_board_notice_days": 10, "cae_ag_notice_days": 15})
        board_member = self._people(1, "Board", cae_board_member=True)
        board = self._meeting("board", days=9)
        self.assertEqual(board.invitee_ids, board_member)
        with self.refused(UserError, "at least 10 day"):
            board.action_convene()
        ag = self._meeting("ag", days=14)
        with self.refused(UserError, "at least 15 day"):
            ag.action_convene()
        self._meeting("ag", days=15).action_convene()

    def test_invitees_by_type(self):
        associates = self._people(2, "Associé")
        board = self._people(1, "Administratrice", cae_board_member=True)
        co = self._meeting("co", territory_id=self.territory.id)
        self.assertEqual(co.invitee_ids, self.partner_a)
        co_all = self._meeting("co")
        self.assertEqual(
            co_all.invitee_ids & (self.partner_a | self.partner_b | associates),
            self.partner_a | self.partner_b | associates,
        )
        ag = self._meeting("ag")
        self.assertEqual(ag.invitee_ids, associates | board)
        self.assertEqual(self._meeting("board").invitee_ids, board)
        # an associate who exits before the date is not invited
        associates[0].cae_exit_date = ag.date
        ag.action_refresh_invitees()
        self.assertEqual(ag.invitee_ids, associates[1] | board)

    def test_agenda_locked_after_convocation(self):
        meeting = self._meeting("co", territory_id=self.territory.id)
        topic = self.env["cae.meeting.topic"].create(
            {"meeting_id": meeting.id, "name": "Sujet"}
        )
        meeting.action_convene()
        with self.refused(UserError, "locked"):
            self.env["cae.meeting.topic"].with_user(self.user_a).create(
                {"meeting_id": meeting.id, "name": "Trop tard"}
            )
        with self.refused(UserError, "locked"):
            topic.name = "Autre"
        with self.refused(UserError, "locked"):
            topic.unlink()
        self.assertEqual(meeting.topic_ids.mapped("name"), ["Sujet"])

    def test_topic_only_on_invited_meetings(self):
        """Bruno (Berry) is not invited to the Touraine committee."""
        meeting = self._meeting("co", territory_id=self.territory.id)
        with self.assertRaises(AccessError):
            self.env["cae.meeting.topic"].with_user(self.user_b).create(
                {"meeting_id": meeting.id, "name": "Intrus"}
            )
        self.assertFalse(meeting.topic_ids)

    def test_state_and_evidence(self):
        meeting = self._meeting("co")
        with self.refused(UserError, "buttons"):
            meeting.state = "closed"
        meeting.action_convene()
        with self.refused(UserError, "cannot change"):
            meeting.date_start = meeting.date_start.replace(year=2030)
        with self.refused(UserError, "evidence"):
            meeting.unlink()
        meeting.action_hold()
        meeting.action_close()
        self.assertEqual(meeting.state, "closed")
        with self.refused(UserError, "archive"):
            meeting.location = "Ailleurs"
        with self.refused(UserError, "kept"):
            meeting.action_cancel()

    def test_plan_next_committee(self):
        """Committees are monthly: the next one is a draft a month later, same
        territory and place, its invitees computed, its agenda empty."""
        co = self._meeting("co", days=10, territory_id=self.territory.id)
        self.env["cae.meeting.topic"].create(
            {"meeting_id": co.id, "name": "Budget des formations"}
        )
        co.action_convene()
        action = co.with_user(self.user_support).action_plan_next_committee()
        following = self.env["cae.meeting"].browse(action["res_id"])
        self.assertEqual(following.state, "draft")
        self.assertEqual(following.territory_id, self.territory)
        self.assertEqual(following.date_start, co.date_start + relativedelta(months=1))
        self.assertEqual(following.location, co.location)
        self.assertEqual(following.invitee_ids, self.partner_a)
        self.assertFalse(following.topic_ids)
        self.assertIn("Touraine", following.name)
        ag = self._meeting("ag")
        with self.refused(UserError, "Only an orientation committee"):
            ag.action_plan_next_committee()

    def test_cancel_archives_the_event(self):
        meeting = self._meeting("co")
        meeting.action_convene()
        event = meeting.calendar_event_id
        meeting.action_cancel()
        self.assertEqual(meeting.state, "cancelled")
        self.assertFalse(event.active)
