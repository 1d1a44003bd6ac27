"""Issue 15, items 13 to 17: the training organisation's legal edge cases,
each with the figures of the issue."""

from datetime import date

import polib
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools.misc import file_path

from .common import CaeTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingLegalEdgeCases(CaeTrainingCommon):
    def _invoice_of(self, result):
        return self.env["account.move"].browse(result["res_id"])

    def _bpf(self, year=2025):
        bpf = self.env["cae.training.bpf"].search(
            [("company_id", "=", self.company.id), ("year", "=", year)]
        ) or self.env["cae.training.bpf"].create(
            {"year": year, "company_id": self.company.id}
        )
        bpf.action_compute()
        return bpf

    @staticmethod
    def _line(bpf, code):
        return bpf.line_ids.filtered(lambda line: line.code == code)

    # ------------------------------------------------------ 13. withdrawal period
    def test_13_final_invoice_of_a_contract_waits_for_the_withdrawal_period(self):
        """Today a final invoice dated two days after signature posts 700 €:
        no invoice of an individual contract before the 10 days end."""
        with freeze_time("2025-03-10"):
            action = self._action(
                trainees=self.trainee_1,
                funder="self",
                agreement_date_signed="2025-03-08",
            )
            self.assertEqual(action.agreement_type, "contract")
            self.assertEqual(str(action.withdrawal_end_date), "2025-03-18")
            self._fill(action.attendance_ids)
            final = self._invoice_of(action.action_create_final_invoice())
            final.invoice_date = "2025-03-10"
            self.assertAlmostEqual(final.amount_untaxed, 700.0)
            with self.assertRaises(UserError) as error:
                final.action_post()
            self.assertIn("withdrawal period", str(error.exception))
            self.assertEqual(final.state, "draft")
        with freeze_time("2025-03-19"):
            final.invoice_date = "2025-03-19"
            final.action_post()
            self.assertEqual(final.state, "posted")

    @freeze_time("2025-03-05")
    def test_13_deposit_cap_is_the_individual_contracts(self):
        """A company convention invoices a 50 % deposit; an individual
        contract stays within 30 %."""
        convention = self._action(funder="company")
        self.assertEqual(convention.agreement_type, "convention")
        deposit = self._invoice(self.activity_t, self.customer_t, 700.0)
        deposit.write(
            {"cae_training_action_id": convention.id, "cae_training_deposit": True}
        )
        deposit.action_post()
        self.assertEqual(deposit.state, "posted")
        self.assertAlmostEqual(deposit.amount_untaxed, 700.0)  # 50 % of 1 400
        # beyond the price, even a convention is refused
        extra = self._invoice(self.activity_t, self.customer_t, 800.0)
        extra.write(
            {"cae_training_action_id": convention.id, "cae_training_deposit": True}
        )
        with self.assertRaises(UserError) as error:
            extra.action_post()
        self.assertIn("exceed its price", str(error.exception))

        contract = self._action(
            funder="self", agreement_date_signed="2025-02-01", start=date(2025, 4, 7)
        )
        self.assertEqual(contract.agreement_type, "contract")
        half = self._invoice(self.activity_t, self.customer_t, 700.0)
        half.write(
            {"cae_training_action_id": contract.id, "cae_training_deposit": True}
        )
        with self.assertRaises(UserError) as error:
            half.action_post()
        self.assertIn("exceed 30 %", str(error.exception))
        self.assertEqual(half.state, "draft")

    def test_13_a_convention_is_not_a_contract_in_disguise(self):
        with self.assertRaises(ValidationError):
            self._action(
                trainees=self.trainee_1,
                funder="self",
                agreement_type="convention",
                confirm=False,
            )

    # ---------------------------------------------------- 14. credit notes, quote
    @freeze_time("2025-03-20")
    def test_14_full_credit_note_nets_the_bpf_to_zero(self):
        """Today a full credit note leaves BPF income at 700 instead of 0."""
        action = self._action(
            trainees=self.trainee_1, agreement_date_signed="2025-03-01"
        )
        self._fill(action.attendance_ids)
        invoice = self._invoice_of(action.action_create_final_invoice())
        invoice.action_post()
        self.assertEqual(self._line(self._bpf(), "C-total").amount, 700.0)
        wizard = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "date": "2025-03-20"})
        )
        wizard.refund_moves()
        credit_note = invoice.reversal_move_ids
        self.assertEqual(credit_note.cae_training_action_id, action)
        self.assertIn(credit_note, action.invoice_ids)
        credit_note.action_post()
        bpf = self._bpf()
        self.assertEqual(self._line(bpf, "C-total").amount, 0.0)
        self.assertEqual(self._line(bpf, "C-2h").amount, 0.0)
        self.assertEqual(bpf.income_total, 0.0)

    @freeze_time("2025-03-20")
    def test_14_credit_note_never_refunds_more_than_invoiced(self):
        action = self._action(
            trainees=self.trainee_1, agreement_date_signed="2025-03-01"
        )
        self._fill(action.attendance_ids)
        self._invoice_of(action.action_create_final_invoice()).action_post()
        refund = self._invoice(
            self.activity_t, self.customer_t, 800.0, move_type="out_refund"
        )
        refund.cae_training_action_id = action
        with self.assertRaises(UserError) as error:
            refund.action_post()
        self.assertIn("exceeds what was invoiced", str(error.exception))
        self.assertEqual(refund.state, "draft")

    @freeze_time("2025-03-20")
    def test_14_invoice_from_the_quotation_is_the_actions(self):
        """Today an invoice made from the quotation posts with no attendance
        and is left out of the BPF."""
        action = self._action(
            trainees=self.trainee_1, agreement_date_signed="2025-03-01"
        )
        action.action_create_quotation()
        order = action.sale_order_id
        order.action_confirm()
        invoice = order._create_invoices()
        self.assertEqual(invoice.cae_training_action_id, action)
        self.assertIn(invoice, action.invoice_ids)
        with self.assertRaises(UserError) as error:
            invoice.action_post()
        self.assertIn("no status", str(error.exception))
        self.assertEqual(invoice.state, "draft")
        self._fill(action.attendance_ids)
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        bpf = self._bpf()
        self.assertEqual(self._line(bpf, "C-2h").amount, 700.0)
        self.assertEqual(bpf.income_total, 700.0)

    @freeze_time("2025-03-20")
    def test_14_invoice_from_the_quotation_needs_the_signed_agreement(self):
        action = self._action(trainees=self.trainee_1)
        self._fill(action.attendance_ids)
        action.action_create_quotation()
        action.sale_order_id.action_confirm()
        invoice = action.sale_order_id._create_invoices()
        with self.assertRaises(UserError) as error:
            invoice.action_post()
        self.assertIn("is not signed", str(error.exception))

    # ------------------------------------------------------------ 15. half-days
    def test_15_a_half_day_is_a_half_day(self):
        """Today 08:00-18:00 is accepted."""
        action = self._action(trainees=self.trainee_1, days=1, confirm=False)
        Slot = self.env["cae.training.slot"]
        for time_start, time_end in ((8.0, 18.0), (11.0, 15.0), (7.0, 13.5)):
            with self.assertRaises(ValidationError, msg=(time_start, time_end)):
                Slot.create(
                    {
                        "action_id": action.id,
                        "date": "2025-03-11",
                        "time_start": time_start,
                        "time_end": time_end,
                    }
                )
        # a full day is two half-days; 6 hours within a morning is one
        slots = Slot.create(
            [
                {
                    "action_id": action.id,
                    "date": "2025-03-12",
                    "time_start": 8.0,
                    "time_end": 12.0,
                },
                {
                    "action_id": action.id,
                    "date": "2025-03-12",
                    "time_start": 14.0,
                    "time_end": 18.0,
                },
                {
                    "action_id": action.id,
                    "date": "2025-03-13",
                    "time_start": 7.5,
                    "time_end": 13.5,
                },
            ]
        )
        self.assertEqual(slots.mapped("hours"), [4.0, 4.0, 6.0])

    def test_15_half_days_are_local_times(self):
        """A summer afternoon 12:30-18:00 in Paris is 10:30-16:00 UTC: it is
        an afternoon, compared in the action's local time."""
        action = self._action(trainees=self.trainee_1, days=1, confirm=False)
        slot = self.env["cae.training.slot"].create(
            {
                "action_id": action.id,
                "date": "2025-07-01",
                "time_start": 12.5,
                "time_end": 18.0,
            }
        )
        self.assertEqual(str(slot.date_start), "2025-07-01 10:30:00")
        self.assertEqual(slot.hours, 5.5)
        # and 08:00-18:00 stays refused whatever the timezone
        with self.assertRaises(ValidationError):
            slot.time_start = 8.0

    def test_15_french_message(self):
        """The refusal is translated in fr.po. (Odoo merges a module's .po
        with its .pot before use: the French shows at run time once the
        template is regenerated with this message.)"""
        action = self._action(trainees=self.trainee_1, days=1, confirm=False)
        with self.assertRaises(ValidationError) as error:
            self.env["cae.training.slot"].create(
                {
                    "action_id": action.id,
                    "date": "2025-03-11",
                    "time_start": 8.0,
                    "time_end": 18.0,
                }
            )
        msgid = (
            "%(slot)s is not a half-day: a half-day ends by 14:00 or starts from "
            "12:00 and lasts at most 6 hours. Enter a full day as two half-days."
        )
        message = str(error.exception)
        self.assertIn("08:00-18:00 is not a half-day", message)
        self.assertTrue(message.endswith(msgid.split("%(slot)s", 1)[1]), message)
        path = file_path("cae_training/i18n/fr.po")
        [entry] = [e for e in polib.pofile(path) if e.msgid == msgid]
        self.assertIn("n'est pas une demi-journée", entry.msgstr)
        self.assertIn("deux demi-journées", entry.msgstr)

    # --------------------------------------------------- 16. interest threshold
    def test_16_each_session_meets_the_threshold_with_its_own_people(self):
        program = self._program(name="Programme à 2", min_interest=2)
        self.assertEqual(program.interest_count, 2)
        first = self._action(program=program)
        first.action_done()
        self.assertEqual(set(program.interest_ids.mapped("state")), {"served"})
        self.assertEqual(program.interest_count, 0)
        newcomers = self.env["res.partner"].create(
            [{"name": "Nouvelle 1"}, {"name": "Nouveau 2"}]
        )
        second = self._action(program=program, trainees=newcomers, confirm=False)
        with self.assertRaises(UserError) as error:
            second.action_confirm()
        self.assertIn("needs 2 interested people", str(error.exception))
        self.assertIn("0 registered", str(error.exception))
        # an interest reset by hand still does not count twice
        program.interest_ids[0].state = "interested"
        with self.assertRaises(UserError) as error:
            second.action_confirm()
        self.assertIn("0 registered", str(error.exception))
        self.env["cae.training.interest"].create(
            [{"program_id": program.id, "partner_id": p.id} for p in newcomers]
        )
        second.action_confirm()
        self.assertEqual(second.state, "confirmed")

    # -------------------------------------------------- 17. skills assessments
    def _skills_assessment(self):
        activity = self.env["cae.activity"].create(
            {
                "name": "Bilans d'Anne",
                "code": "BILANA",
                "activity_type": "skills_assessment",
                "company_id": self.company.id,
                "member_ids": [Command.link(self.partner_a.id)],
            }
        )
        program = self.env["cae.training.program"].create(
            {
                "name": "Bilan de compétences 24 h",
                "activity_id": activity.id,
                "trainer_ids": [Command.set(self.partner_a.ids)],
                "objectives": "Définir un projet professionnel",
                "prerequisites": "Aucun",
                "target_public": "Salariés",
                "duration_hours": 7.0,
                "content": "<p>Entretiens, tests</p>",
                "methods": "Entretiens individuels",
                "assessment": "Synthèse",
                "accessibility": "Accessible",
                "access_time": "15 jours",
                "price": 1000.0,
                "bpf_specialty": "415 Développement des capacités d'orientation",
                "company_id": self.company.id,
            }
        )
        program.with_user(self.user_manager).action_publish()
        self.env["cae.training.interest"].create(
            {"program_id": program.id, "partner_id": self.trainee_1.id}
        )
        return activity, program

    def test_17_documents_say_bilan_de_competences(self):
        _activity, program = self._skills_assessment()
        self.assertEqual(program.bpf_objective, "skills_assessment")
        action = self._action(
            program=program, trainees=self.trainee_1, days=1, funder="company"
        )
        self._fill(action.attendance_ids)
        Report = self.env["ir.actions.report"]
        convention = Report._render_qweb_html(
            "cae_training.report_agreement", action.ids
        )[0].decode()
        certificate = Report._render_qweb_html(
            "cae_training.report_certificate", action.trainee_ids.ids
        )[0].decode()
        for html in (convention, certificate):
            self.assertIn("bilan de compétences", html)
            self.assertIn("L6313-1, 2°", html)
            self.assertNotIn("training action (article L6313-1", html)
        # a training action still says so
        training = self._action(trainees=self.trainee_1, days=1)
        html = Report._render_qweb_html("cae_training.report_agreement", training.ids)[
            0
        ].decode()
        self.assertIn("training action (article L6313-1", html)
        self.assertNotIn("bilan de compétences", html)

    def test_17_skills_assessment_programme_is_one_in_the_bpf(self):
        _activity, program = self._skills_assessment()
        with self.assertRaises(ValidationError):
            program.bpf_objective = "other"
        with self.assertRaises(ValidationError):
            self.program.bpf_objective = "skills_assessment"

    def test_17_bpf_counts_charges_as_income_with_cadres_f2_to_g(self):
        """Today a skills assessment's income is in the BPF and its charges
        out."""
        activity, program = self._skills_assessment()
        with freeze_time("2025-06-30"):
            skills = self._action(
                program=program,
                trainees=self.trainee_1,
                days=1,
                funder="company",
                agreement_date_signed="2025-03-01",
            )
            self._fill(skills.attendance_ids)
            self._invoice_of(skills.action_create_final_invoice()).action_post()
            bill = self._invoice(
                activity, self.opco, 300.0, move_type="in_invoice", date="2025-05-15"
            )
            bill.action_post()
            # a training sub-contracted to another organisation (F-2) and one
            # entrusted to the CAE by another organisation (G)
            self.program.bpf_specialty = "326 Informatique"
            out = self._action(trainees=self.trainee_2, bpf_subcontracting="out")
            self._fill(out.attendance_ids)
            entrusted = self._action(
                trainees=self.trainee_1,
                bpf_subcontracting="in",
                start=date(2025, 4, 7),
            )
            self._fill(entrusted.attendance_ids)
        bpf = self._bpf()
        self.assertEqual(self._line(bpf, "C-1").amount, 1000.0)
        self.assertEqual(self._line(bpf, "D-1").amount, 300.0)
        # F-1: the organisation's trainees, not those entrusted to it (G)
        self.assertEqual(self._line(bpf, "F-1-total").count, 2)
        self.assertEqual(self._line(bpf, "F-1-total").hours, 7.0 + 14.0)
        self.assertEqual(self._line(bpf, "F-2").count, 1)
        self.assertEqual(self._line(bpf, "F-2").hours, 14.0)
        self.assertEqual(self._line(bpf, "F-3e").count, 1)
        self.assertEqual(self._line(bpf, "F-3e").hours, 7.0)
        self.assertEqual(self._line(bpf, "F-3d").hours, 14.0)
        self.assertEqual(self._line(bpf, "F-4-1").name, "326 Informatique")
        self.assertEqual(self._line(bpf, "F-4-1").hours, 14.0)
        self.assertEqual(
            self._line(bpf, "F-4-2").name,
            "415 Développement des capacités d'orientation",
        )
        self.assertEqual(self._line(bpf, "F-4-other").count, 0)
        self.assertEqual(self._line(bpf, "G").frame, "g")
        self.assertEqual(self._line(bpf, "G").count, 1)
        self.assertEqual(self._line(bpf, "G").hours, 14.0)

    def test_17_reminder_before_the_deadline(self):
        Bpf = self.env["cae.training.bpf"]
        todo = self.env.ref("mail.mail_activity_data_todo")
        with freeze_time("2026-03-01"):
            Bpf._cron_deadline_reminder()
        self.assertFalse(
            Bpf.search([("company_id", "=", self.company.id), ("year", "=", 2025)])
        )
        with freeze_time("2026-05-05"):
            Bpf._cron_deadline_reminder()
            Bpf._cron_deadline_reminder()
        bpf = Bpf.search([("company_id", "=", self.company.id), ("year", "=", 2025)])
        self.assertEqual(bpf.state, "draft")
        activities = bpf.activity_ids.filtered(lambda a: a.activity_type_id == todo)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.user_training)
        self.assertEqual(str(activities.date_deadline), "2026-05-31")
        self.assertIn("2025", activities.summary)
        # a BPF sent: no reminder
        bpf.activity_ids.unlink()
        bpf.action_done()
        with freeze_time("2026-05-06"):
            Bpf._cron_deadline_reminder()
        self.assertFalse(bpf.activity_ids)
