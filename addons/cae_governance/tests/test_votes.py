from datetime import timedelta

from freezegun import freeze_time
from lxml import etree

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CaeGovernanceCommon


@tagged("post_install", "-at_install")
class TestVotes(CaeGovernanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"cae_ag_quorum": 25.0, "cae_max_proxies": 2})
        cls.associates = cls._people(12, "Associée")
        cls.others = cls._people(5, "Salarié", associate=False)

    def _held_ag(self, present=None, represented=None, holder=None):
        ag = self._meeting("ag", name="Assemblée générale 2026")
        resolution = self._resolution(ag, "Approbation des comptes 2025")
        ag.action_convene()
        self._attendance(ag, present if present is not None else self.associates)
        if represented:
            self._attendance(ag, represented, "represented", proxy=holder)
        ag.action_hold()
        return ag, resolution

    def _fr(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["cae_governance"], ["fr_FR"], overwrite=True
        )

    def _minutes_rows(self, meeting):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("cae_governance.report_meeting_minutes", meeting.ids)[0]
            .decode()
        )
        tree = etree.fromstring(html, etree.HTMLParser())
        rows = [
            tuple(" ".join(cell.itertext()).strip() for cell in row.iterfind("td"))
            for row in tree.iterfind(".//tr[@class='cae_resolution_row']")
        ]
        return html, rows

    def test_ag_adopted_non_associate_refused_minutes(self):
        """Acceptance 2, as written: an AG with 12 associates and 5
        non-associates present, quorum one quarter (the company's setting): a
        resolution gets 8 for, 3 against, 1 abstention and is adopted; a
        non-associate's vote is refused (in French, nothing written); the
        minutes list the resolutions and their results."""
        self._fr()
        self.assertEqual(self.company.cae_ag_quorum, 25.0)
        ag, resolution = self._held_ag(self.associates | self.others)
        self.assertEqual(ag.present_count, 17)
        self.assertEqual(ag.represented_count, 0)
        self.assertEqual(ag.voter_count, 12)
        self._votes(resolution, self.associates[:8], "for")
        self._votes(resolution, self.associates[8:11], "against")
        self._votes(resolution, self.associates[11], "abstain")
        for other in self.others:
            with self.refused(ValidationError, "Seul·es les associé·es"):
                self.env["cae.meeting.vote"].with_context(lang="fr_FR").create(
                    {
                        "resolution_id": resolution.id,
                        "partner_id": other.id,
                        "cast_by_id": other.id,
                        "choice": "for",
                    }
                )
        self.assertEqual(len(resolution.vote_ids), 12)
        self.assertFalse(resolution.vote_ids.partner_id & self.others)
        self.assertEqual(
            (resolution.vote_for, resolution.vote_against, resolution.vote_abstain),
            (8, 3, 1),
        )
        rejected = self._resolution(ag, "Changement de siège")
        self._votes(rejected, self.associates[:3], "for")
        self._votes(rejected, self.associates[3:8], "against")
        self.assertEqual(resolution.result, "pending")
        ag.action_close()
        self.assertTrue(ag.quorum_reached)
        self.assertEqual(resolution.result, "adopted")
        self.assertEqual(rejected.result, "rejected")
        with self.refused(UserError, "computed when the meeting"):
            resolution.result = "rejected"
        with self.refused(UserError, "cannot change"):
            resolution.name = "Autre"
        with self.refused(UserError, "cannot change"):
            self._resolution(ag, "Après coup")
        html, rows = self._minutes_rows(ag)
        self.assertIn(
            ("Approbation des comptes 2025", "Ordinary", "8", "3", "1", "Adopted"),
            rows,
        )
        self.assertIn(
            ("Changement de siège", "Ordinary", "3", "5", "0", "Rejected"), rows
        )
        self.assertEqual(len(rows), 2)
        self.assertIn("Coopérative Test", html)
        self.assertIn("12345678900017", html)
        self.assertIn('cae_present_count">17<', html)
        self.assertIn('cae_represented_count">0<', html)
        # the archive of decisions: adopted resolutions across meetings
        decisions = self.env["cae.meeting.resolution"].search(
            [("result", "=", "adopted"), ("meeting_type", "=", "ag")]
        )
        self.assertEqual(decisions, resolution)
        # the PDF action of the minutes prints this report
        action = ag.with_context(discard_logo_check=True).action_print_minutes()
        self.assertEqual(action["report_name"], "cae_governance.report_meeting_minutes")

    def test_ag_with_proxies(self):
        """12 associates (2 by proxy) and 5 non-associates: the proxy holder
        votes for each person she represents."""
        holder = self.associates[0]
        ag, resolution = self._held_ag(
            self.associates[:10] | self.others,
            represented=self.associates[10:],
            holder=holder,
        )
        self.assertEqual(ag.present_count, 15)
        self.assertEqual(ag.represented_count, 2)
        self.assertEqual(ag.voter_count, 12)
        self._votes(resolution, self.associates[10:], "for", cast_by=holder)
        self._votes(resolution, self.associates[:6], "for")
        self._votes(resolution, self.associates[6:9], "against")
        self._votes(resolution, self.associates[9], "abstain")
        self.assertEqual(
            (resolution.vote_for, resolution.vote_against, resolution.vote_abstain),
            (8, 3, 1),
        )
        ag.action_close()
        self.assertEqual(resolution.result, "adopted")
        __, rows = self._minutes_rows(ag)
        self.assertEqual(
            rows,
            [("Approbation des comptes 2025", "Ordinary", "8", "3", "1", "Adopted")],
        )

    def test_no_quorum(self):
        """2 associates of 12 present: under a quarter, no decision."""
        ag, resolution = self._held_ag(self.associates[:2])
        self._votes(resolution, self.associates[:2], "for")
        ag.action_close()
        self.assertFalse(ag.quorum_reached)
        self.assertEqual(resolution.result, "no_quorum")

    def test_quorum_counts_online_votes(self):
        """2 present and 1 online vote: 3 of 12 is a quarter."""
        ag = self._meeting("ag")
        resolution = self._resolution(ag, "Budget")
        ag.action_convene()
        self.env["cae.meeting.vote"].create(
            {
                "resolution_id": resolution.id,
                "partner_id": self.associates[2].id,
                "choice": "for",
                "channel": "online",
            }
        )
        self._attendance(ag, self.associates[:2])
        ag.action_hold()
        self._votes(resolution, self.associates[:2], "for")
        ag.action_close()
        self.assertTrue(ag.quorum_reached)
        self.assertEqual(resolution.result, "adopted")

    def test_extraordinary_two_thirds(self):
        ag, resolution = self._held_ag()
        resolution.kind = "extraordinary"
        short = self._resolution(ag, "Modification des statuts", "extraordinary")
        # 8 for, 4 against: exactly two thirds
        self._votes(resolution, self.associates[:8], "for")
        self._votes(resolution, self.associates[8:], "against")
        # 7 for, 4 against, 1 abstention: 7/11 < 2/3
        self._votes(short, self.associates[:7], "for")
        self._votes(short, self.associates[7:11], "against")
        self._votes(short, self.associates[11], "abstain")
        ag.action_close()
        self.assertEqual(resolution.result, "adopted")
        self.assertEqual(short.result, "rejected")

    def test_simple_majority_tie_rejected(self):
        ag, resolution = self._held_ag()
        self._votes(resolution, self.associates[:5], "for")
        self._votes(resolution, self.associates[5:10], "against")
        ag.action_close()
        self.assertEqual(resolution.result, "rejected")

    def test_one_person_one_vote(self):
        _ag, resolution = self._held_ag()
        self._votes(resolution, self.associates[0], "for")
        with self.refused(ValidationError, "already voted"):
            self._votes(resolution, self.associates[0], "against")
        vote = resolution.vote_ids
        with self.refused(UserError, "kept as it was cast"):
            vote.choice = "against"
        with self.refused(UserError, "kept as it was cast"):
            vote.unlink()
        self.assertEqual(resolution.vote_for, 1)

    def test_vote_needs_presence_or_proxy(self):
        _ag, resolution = self._held_ag(
            self.associates[:4],
            represented=self.associates[4],
            holder=self.associates[0],
        )
        with self.refused(ValidationError, "not marked present"):
            self._votes(resolution, self.associates[5], "for")
        with self.refused(ValidationError, "does not hold the proxy"):
            self._votes(
                resolution, self.associates[4], "for", cast_by=self.associates[1]
            )
        self._votes(resolution, self.associates[4], "for", cast_by=self.associates[0])
        self.assertEqual(resolution.vote_for, 1)

    def test_proxy_maximum(self):
        ag = self._meeting("ag")
        ag.action_convene()
        holder = self.associates[0]
        self._attendance(ag, holder)
        self._attendance(ag, self.associates[1:3], "represented", proxy=holder)
        with self.refused(ValidationError, "already holds the maximum of 2"):
            self._attendance(ag, self.associates[3], "represented", proxy=holder)
        self._fr()
        with self.refused(ValidationError, "détient déjà le maximum de 2 pouvoir"):
            self.env["cae.meeting.attendance"].with_context(lang="fr_FR").create(
                {
                    "meeting_id": ag.id,
                    "partner_id": self.associates[3].id,
                    "state": "represented",
                    "proxy_id": holder.id,
                }
            )
        self.assertEqual(
            self.env["cae.meeting.attendance"].search_count(
                [("meeting_id", "=", ag.id)]
            ),
            3,
        )
        # a proxy to a non-associate, or to someone absent, is refused
        self._attendance(ag, self.others[0])
        with self.refused(ValidationError, "not an associate"):
            self._attendance(
                ag, self.associates[4], "represented", proxy=self.others[0]
            )
        self._attendance(ag, self.associates[5], "absent")
        with self.refused(ValidationError, "only when present"):
            self._attendance(
                ag, self.associates[6], "represented", proxy=self.associates[5]
            )
        with self.refused(ValidationError, "holds proxies"):
            ag.attendance_ids.filtered(
                lambda a: a.partner_id == holder
            ).state = "absent"

    def test_online_vote(self):
        """An associate votes online for herself until the meeting starts;
        a non-associate cannot."""
        self.partner_a.cae_associate_date = fields.Date.today() - timedelta(days=30)
        ag = self._meeting("ag")
        # Bruno, not an associate, is invited as a guest
        ag.invitee_ids |= self.partner_b
        resolution = self._resolution(ag, "Programme d'accompagnement")
        ag.action_convene()
        self.assertIn(self.partner_b, ag.invitee_ids)
        vote_id = resolution.with_user(self.user_a).cae_vote_online("for")
        vote = self.env["cae.meeting.vote"].browse(vote_id)
        self.assertEqual(
            (vote.partner_id, vote.cast_by_id, vote.channel),
            (self.partner_a, self.partner_a, "online"),
        )
        with self.refused(ValidationError, "already voted"):
            resolution.with_user(self.user_a).cae_vote_online("against")
        self.partner_b.cae_associate_date = False
        with self.refused(ValidationError, "Only the associates"):
            resolution.with_user(self.user_b).cae_vote_online("for")
        second = self._resolution(ag, "Mandat des gérants")
        with (
            freeze_time(ag.date_start + timedelta(minutes=1)),
            self.refused(ValidationError, "close when"),
        ):
            second.with_user(self.user_a).cae_vote_online("for")
        ag.action_hold()
        with self.refused(ValidationError, "close when"):
            second.with_user(self.user_a).cae_vote_online("for")
        self.assertEqual(len(ag.resolution_ids.vote_ids), 1)

    def test_board_votes_board_members(self):
        board_members = self.associates[:3]
        board_members.cae_board_member = True
        board = self._meeting("board")
        resolution = self._resolution(board, "Arbitrage budgétaire")
        board.action_convene()
        self.assertEqual(board.invitee_ids, board_members)
        self._attendance(board, board_members | self.associates[3])
        board.action_hold()
        self._votes(resolution, board_members[:2], "for")
        with self.refused(ValidationError, "board members"):
            self._votes(resolution, self.associates[3], "for")
        board.action_close()
        self.assertEqual(resolution.result, "adopted")

    def test_co_takes_no_decision(self):
        co = self._meeting("co")
        with self.refused(UserError, "no binding decision"):
            self._resolution(co, "Décision")
