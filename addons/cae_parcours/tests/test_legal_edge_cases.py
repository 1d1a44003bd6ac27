"""Issue 15, journey and contracts: the figures of the audit, item by item."""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..models.durations import period, total
from .common import CaeJourneyCommon


@tagged("post_install", "-at_install")
class TestLegalEdgeCases(CaeJourneyCommon):
    def _cesa(self, partner, start, **vals):
        return self.env["cae.contract"].create(
            {
                "partner_id": partner.id,
                "contract_type": "cesa",
                "date_start": start,
                "company_id": self.company.id,
                **vals,
            }
        )

    def _exit(self, partner, when, exit_type="end_of_test"):
        return self.env["cae.member.exit"].create(
            {"partner_id": partner.id, "date": when, "exit_type": exit_type}
        )

    def _renew(self, contract, date_end):
        return self.env["cae.contract.renewal"].create(
            {"contract_id": contract.id, "date_end": date_end}
        )

    def _recompute_deadlines(self, contracts):
        for fname in ("associate_deadline", "trial_max_months", "prior_months"):
            self.env.add_to_compute(contracts._fields[fname], contracts)
        contracts.flush_recordset()
        contracts.invalidate_recordset()

    # 1. only the current stay counts

    def test_1_only_the_current_stay_counts(self):
        """CAPE 2015, exit 2015-12-31, CAPE 2024-01-01 → 2024-06-30, CESA
        2024-07-01: deadline 2027-01-01 (was 2026-01-01), trial 2 months (was
        0); archiving the 2024 CAPE changes nothing (was 2027-07-01)."""
        self._contract(self.partner_a, "cape", "2015-01-01", "2015-12-31")
        self._exit(self.partner_a, "2015-12-31")
        cape = self._contract(self.partner_a, "cape", "2024-01-01", "2024-06-30")
        cesa = self._cesa(self.partner_a, "2024-07-01")
        self.assertEqual(cesa.associate_deadline, date(2027, 1, 1))
        self.assertEqual((cesa.trial_max_months, cesa.trial_max_days), (2, 0))
        self.assertEqual((cesa.prior_months, cesa.prior_days), (6, 0))
        cape.action_archive()
        self.assertEqual(cesa.associate_deadline, date(2027, 1, 1))
        self._recompute_deadlines(cesa)
        self.assertEqual(cesa.associate_deadline, date(2027, 1, 1))
        self.assertEqual((cesa.trial_max_months, cesa.trial_max_days), (2, 0))
        cesa.with_context(cae_history=True).action_start()
        self.assertEqual(self.partner_a.cae_associate_deadline, date(2027, 1, 1))

    def test_1_months_stay_months(self):
        """18 months under CAPE stay 18 months (not 1 year 6 months read as 6)."""
        self._attend(self.partner_b, self.type_base)
        cape = self._contract(self.partner_b, "cape", "2023-01-01", "2023-12-31")
        self._renew(cape, "2024-06-30")
        cesa = self._cesa(self.partner_b, "2024-07-01")
        self.assertEqual((cesa.prior_months, cesa.prior_days), (18, 0))
        self.assertEqual(cesa.associate_deadline, date(2026, 1, 1))
        self.assertEqual((cesa.trial_max_months, cesa.trial_max_days), (0, 0))

    def test_1_durations_as_the_law_counts_them(self):
        self.assertEqual(tuple(period(date(2024, 2, 29), date(2025, 2, 28))), (12, 0))
        self.assertEqual(tuple(period(date(2024, 1, 31), date(2024, 2, 29))), (1, 0))
        self.assertEqual(tuple(period(date(2024, 1, 15), date(2024, 4, 14))), (3, 0))
        self.assertEqual(tuple(period(date(2024, 1, 1), date(2025, 1, 31))), (13, 0))
        self.assertEqual(tuple(period(date(2024, 1, 10), date(2024, 2, 14))), (1, 5))
        self.assertEqual(
            tuple(
                total(
                    [
                        (date(2023, 1, 1), date(2023, 12, 31)),
                        (date(2024, 1, 1), date(2024, 6, 30)),
                    ]
                )
            ),
            (18, 0),
        )

    # 2. CAPE: 12 months a period, renewed twice, within the policy

    def test_2_cape_of_twelve_months_from_february_29(self):
        cape = self._contract(self.partner_a, "cape", "2024-02-29", "2025-02-28")
        self.assertEqual(cape.state, "running")

    def test_2_edited_renewal_and_end_date_hold_the_cap(self):
        """After one renewal, date_end = 2030-12-31 is refused (was accepted)."""
        self._attend(self.partner_a, self.type_base)
        cape = self._contract(self.partner_a, "cape", "2024-01-01", "2024-12-31")
        renewal = self._renew(cape, "2025-06-30")
        with self.assertRaisesRegex(ValidationError, "renewal"), self.cr.savepoint():
            cape.date_end = "2030-12-31"
        with (
            self.assertRaisesRegex(ValidationError, "12 months at most"),
            self.cr.savepoint(),
        ):
            renewal.date_end = "2030-12-31"
        self.env.invalidate_all()
        self.assertEqual(cape.date_end, date(2025, 6, 30))
        self.assertEqual(renewal.date_end, date(2025, 6, 30))
        renewal.date_end = "2025-12-31"
        self.assertEqual(cape.date_end, date(2025, 12, 31))
        self.assertEqual(cape.initial_date_end, date(2024, 12, 31))

    def test_2_a_new_cape_in_the_stay_counts_as_a_renewal(self):
        """A fourth CAPE period in the same stay is refused (was accepted, 48
        months); after an exit a new stay starts."""
        self._attend(self.partner_a, self.type_base)
        cape = self._contract(self.partner_a, "cape", "2022-01-01", "2022-12-31")
        self._renew(cape, "2023-12-31")
        second = self._contract(self.partner_a, "cape", "2024-01-01", "2024-12-31")
        with (
            self.assertRaisesRegex(ValidationError, "renewable twice"),
            self.cr.savepoint(),
        ):
            self._renew(second, "2025-12-31")
        with (
            self.assertRaisesRegex(ValidationError, "renewable twice"),
            self.cr.savepoint(),
        ):
            self._contract(self.partner_a, "cape", "2025-01-01", "2025-12-31")
        self.assertEqual(second.renewal_count, 0)
        self.assertEqual(
            self.env["cae.contract"].search_count(
                [("partner_id", "=", self.partner_a.id), ("contract_type", "=", "cape")]
            ),
            2,
        )
        # an exit ends the stay: a CAPE of a new stay is a first period
        self._exit(self.partner_a, "2024-12-31")
        again = self._contract(self.partner_a, "cape", "2026-01-01", "2026-12-31")
        self.assertEqual(again.state, "running")

    def test_2_policy_narrows_the_period(self):
        """Optéos: 1 to 6 months a period; the legal cap cannot be widened."""
        self.company.write({"cae_cape_min_months": 1, "cae_cape_max_months": 6})
        with self.assertRaisesRegex(ValidationError, "policy"), self.cr.savepoint():
            self._contract(self.partner_a, "cape", "2024-01-01", "2024-07-31")
        with self.assertRaisesRegex(ValidationError, "policy"), self.cr.savepoint():
            self._contract(self.partner_a, "cape", "2024-01-01", "2024-01-20")
        self._attend(self.partner_a, self.type_base)
        cape = self._contract(self.partner_a, "cape", "2024-01-01", "2024-06-30")
        with self.assertRaisesRegex(ValidationError, "policy"), self.cr.savepoint():
            self._renew(cape, "2025-01-31")
        self._renew(cape, "2024-12-31")
        self.assertEqual(cape.date_end, date(2024, 12, 31))
        with self.assertRaisesRegex(ValidationError, "12 months"), self.cr.savepoint():
            self.company.cae_cape_max_months = 13
        with self.assertRaisesRegex(ValidationError, "12 months"), self.cr.savepoint():
            self.company.cae_cape_min_months = 7

    def test_2_policy_and_early_end(self):
        self.company.write({"cae_cape_min_months": 3, "cae_cape_max_months": 6})
        cape = self._contract(self.partner_b, "cape", "2026-01-01", "2026-06-30")
        with freeze_time("2026-01-20"):
            cape.action_end()
        self.assertEqual(cape.state, "ended")
        self.assertEqual(cape.date_end, date(2026, 1, 20))

    # 3. an overdue associate deadline is an alert

    @freeze_time("2026-06-15")
    def test_3_overdue_associate_deadline(self):
        """A CESA started 2021-01-01 with no associate date: listed, a to-do
        for the support advisor, shown on the contract (was silent)."""
        self.partner_b.cae_support_user_id = self.user_support
        cesa = self._contract(self.partner_b, "cesa", "2021-01-01")
        on_time = self._contract(self.partner_a, "cesa", "2025-01-01")
        self.assertEqual(cesa.associate_deadline, date(2024, 1, 1))
        self.assertEqual(self.partner_b.cae_status, "cesa")
        self.assertTrue(cesa.associate_overdue)
        self.assertFalse(on_time.associate_overdue)
        Contract = self.env["cae.contract"]
        action = self.env.ref("cae_parcours.cae_contract_action_associate_overdue")
        listed = Contract.search([("associate_overdue", "=", True)])
        self.assertEqual(listed, cesa)
        self.assertIn(on_time, Contract.search([("associate_overdue", "=", False)]))
        self.assertEqual(
            Contract.with_user(self.user_support).search(
                [("associate_overdue", "=", True)]
            ),
            cesa,
        )
        Contract._cron_journey_alerts()
        todo = self.env["mail.activity"].search(
            [("res_model", "=", "cae.contract"), ("res_id", "=", cesa.id)]
        )
        self.assertEqual(todo.summary, "Associate deadline passed")
        self.assertEqual(todo.user_id, self.user_support)
        self.assertEqual(todo.date_deadline, date(2026, 6, 15))
        self.assertEqual(Contract._cron_journey_alerts(), 0)
        arch = Contract.get_view(
            self.env.ref("cae_member.cae_contract_view_form").id, "form"
        )["arch"]
        self.assertIn("Associate deadline passed", arch)
        self.assertIn("associate_overdue", arch)
        self.assertIn("associate_overdue", str(action.domain))
        # an associate now: no longer overdue
        self.partner_b.cae_associate_date = "2026-06-01"
        cesa.invalidate_recordset()
        self.assertFalse(cesa.associate_overdue)
        self.assertFalse(Contract.search([("associate_overdue", "=", True)]))

    # 4. decision before contract; the base workshops

    def test_4_decision_before_the_cape(self):
        partner = self.partner_a
        with self.assertRaisesRegex(ValidationError, "reason"), self.cr.savepoint():
            partner.cae_decision = "refused"
        cape = self.env["cae.contract"].create(
            {
                "partner_id": partner.id,
                "contract_type": "cape",
                "date_start": "2026-01-01",
                "date_end": "2026-06-30",
                "company_id": self.company.id,
            }
        )
        with self.assertRaisesRegex(UserError, "no admission decision"):
            cape.action_start()
        partner.write(
            {"cae_decision": "refused", "cae_decision_reason": "Projet non viable"}
        )
        with self.assertRaisesRegex(UserError, "refused.*Projet non viable"):
            cape.action_start()
        self.assertEqual(cape.state, "draft")
        partner.write({"cae_decision": "admitted", "cae_decision_reason": False})
        cape.action_start()
        self.assertEqual(cape.state, "running")

    def test_4_base_workshops_where_the_journey_requires_them(self):
        """A second CAPE of the stay, a renewal and a CESA need the base
        workshops; the types are configured on the workshop types."""
        partner = self.partner_b
        partner.cae_decision = "admitted"
        first = self._contract(partner, "cape", "2025-01-01", "2025-06-30")
        with (
            self.assertRaisesRegex(UserError, "must attend.*Base workshop"),
            self.cr.savepoint(),
        ):
            self._renew(first, "2025-12-31")
        second = self.env["cae.contract"].create(
            {
                "partner_id": partner.id,
                "contract_type": "cape",
                "date_start": "2025-07-01",
                "date_end": "2025-12-31",
                "company_id": self.company.id,
            }
        )
        with self.assertRaisesRegex(UserError, "must attend.*Base workshop"):
            second.action_start()
        cooperative = self.env["event.type"].create(
            {
                "name": "Vie coopérative",
                "cae_is_workshop": True,
                "cae_required_for": "journey",
            }
        )
        self._attend(partner, self.type_base)
        with self.assertRaisesRegex(UserError, "must attend.*Vie coopérative"):
            second.action_start()
        self._attend(partner, cooperative)
        second.action_start()
        self.assertEqual(second.state, "running")
        cesa = self._cesa(partner, "2026-01-01")
        with self.assertRaisesRegex(UserError, "must attend") as caught:
            cesa.action_start()
        self.assertNotIn("Vie coopérative", str(caught.exception))
        self.assertIn(self.type_prepare_cesa.name, str(caught.exception))
        # a contract of the past is recorded as it was
        cesa.with_context(cae_history=True).action_start()
        self.assertEqual(cesa.state, "running")

    # 5. interviews count with their report

    @freeze_time("2026-06-15")
    def test_5_interviews_count_with_their_report(self):
        self._contract(self.partner_b, "cesa", "2025-01-01")
        Appointment = self.env["cae.appointment"].with_user(self.user_support)

        def interview(when, report, kind="individual", state="done"):
            return Appointment.create(
                {
                    "name": "Entretien annuel",
                    "kind": kind,
                    "date_start": when,
                    "partner_ids": [Command.set(self.partner_b.ids)],
                    "report_points": report,
                    "state": state,
                }
            )

        interview("2026-02-10 10:00:00", "<p>Objectifs atteints</p>")
        interview("2026-03-10 10:00:00", "<p><br></p>")  # empty report
        interview("2026-04-10 10:00:00", False)
        interview("2026-04-12 10:00:00", "<p>Réunion</p>", kind="collective")
        interview("2026-05-10 10:00:00", "<p>Prévu</p>", state="planned")
        self.partner_b.invalidate_recordset()
        self.assertEqual(self.partner_b.cae_interview_count, 1)
        self.assertTrue(self.partner_b.cae_missing_interviews)
        Partner = self.env["res.partner"]
        self.assertIn(
            self.partner_b, Partner.search([("cae_missing_interviews", "=", True)])
        )
        late = interview("2026-06-01 10:00:00", False)
        self.partner_b.invalidate_recordset()
        self.assertEqual(self.partner_b.cae_interview_count, 1)
        late.report_action_plan = "<p>Relancer deux clients</p>"
        self.assertTrue(late.has_report)
        self.partner_b.invalidate_recordset()
        self.assertEqual(self.partner_b.cae_interview_count, 2)
        self.assertFalse(self.partner_b.cae_missing_interviews)
        self.assertNotIn(
            self.partner_b, Partner.search([("cae_missing_interviews", "=", True)])
        )

    # issue 14: renewals and exits are evidence

    def test_renewals_and_exits_of_a_contract_that_has_run_stay(self):
        self._attend(self.partner_a, self.type_base)
        cape = self._contract(self.partner_a, "cape", "2024-01-01", "2024-06-30")
        renewal = self._renew(cape, "2024-12-31")
        exit_ = self._exit(self.partner_a, "2024-12-31")
        with self.assertRaisesRegex(UserError, "evidence"), self.cr.savepoint():
            renewal.unlink()
        with self.assertRaisesRegex(UserError, "evidence"), self.cr.savepoint():
            exit_.unlink()
        with self.assertRaisesRegex(UserError, "another contract"):
            renewal.contract_id = self._contract(
                self.partner_b, "cape", "2024-01-01", "2024-06-30"
            )
        self.assertTrue(renewal.exists())
        self.assertTrue(exit_.exists())
        # a draft CAPE's renewal may go: the CAPE ends where it did before
        draft = self.env["cae.contract"].create(
            {
                "partner_id": self.partner_b.id,
                "contract_type": "cape",
                "date_start": "2025-01-01",
                "date_end": "2025-06-30",
                "company_id": self.company.id,
            }
        )
        self._attend(self.partner_b, self.type_base)
        self._renew(draft, "2025-12-31").unlink()
        self.assertEqual(draft.date_end, date(2025, 6, 30))
        self.assertFalse(draft.initial_date_end)
        # a mistaken exit of a candidate who never signed may go
        candidate = self.env["res.partner"].create(
            {"name": "Chloé Candidate", "is_cae_member": True}
        )
        self._exit(candidate, "2025-03-01").unlink()
        self.assertFalse(candidate.cae_exit_date)
