from datetime import date, timedelta

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.cae_member.tests.common import CaeTestCommon


class CaeTrainingCommon(CaeTestCommon):
    """The test CAE as a training organisation: a training activity run by
    entrepreneur A (a trainer), a published programme, two trainees, an OPCO,
    a training manager. Reads no demo record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "cae_nda_number": "24 37 99999 37",
                "cae_nda_region": "Centre-Val de Loire",
                "cae_qualiopi_number": "QUA-TEST-001",
                "cae_qualiopi_body": "Certificateur Test",
            }
        )
        cls.user_training = new_test_user(
            cls.env,
            login="formation",
            name="Fanny Formation",
            email="formation@example.com",
            groups="base.group_user,cae_training.cae_training_group_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.company.cae_training_manager_id = cls.user_training
        cls.partner_a.cae_is_trainer = True
        cls.activity_t = cls.env["cae.activity"].create(
            {
                "name": "Formations d'Anne",
                "code": "FORMA",
                "trade_name": "Anne Formation",
                "activity_type": "training",
                "company_id": cls.company.id,
                "member_ids": [Command.link(cls.partner_a.id)],
            }
        )
        Partner = cls.env["res.partner"]
        cls.customer_t = Partner.create(
            {
                "name": "Entreprise Cliente",
                "is_company": True,
                "cae_customer_activity_ids": [Command.link(cls.activity_t.id)],
            }
        )
        cls.opco = Partner.create({"name": "OPCO Atlas", "is_company": True})
        cls.trainee_1 = Partner.create({"name": "Lucie Martin"})
        cls.trainee_2 = Partner.create({"name": "Marc Petit"})
        cls.program = cls._program()

    @classmethod
    def _program(cls, **vals):
        program = cls.env["cae.training.program"].create(
            {
                "name": "Maîtriser le tableur",
                "activity_id": cls.activity_t.id,
                "trainer_ids": [Command.set(cls.partner_a.ids)],
                "objectives": "Construire un tableau de suivi",
                "prerequisites": "Aucun",
                "target_public": "Salariés",
                "duration_hours": 14.0,
                "content": "<p>Formules, graphiques</p>",
                "methods": "Exercices",
                "assessment": "Quiz final",
                "accessibility": "Salle accessible",
                "access_time": "15 jours",
                "price": 700.0,
                "min_interest": 1,
                "company_id": cls.company.id,
                **vals,
            }
        )
        program.with_user(cls.user_training).action_publish()
        cls.env["cae.training.interest"].create(
            [
                {"program_id": program.id, "partner_id": partner.id}
                for partner in (cls.trainee_1, cls.trainee_2)[: program.min_interest]
            ]
        )
        return program

    @classmethod
    def _action(
        cls,
        program=None,
        trainees=None,
        funder="opco",
        start=date(2025, 3, 10),
        days=2,
        confirm=True,
        **vals,
    ):
        """An action of ``days`` days, two half-days of 3.5 h a day."""
        trainees = trainees if trainees is not None else cls.trainee_1 | cls.trainee_2
        slots = []
        for day in range(days):
            for time_start, time_end in ((9.0, 12.5), (13.5, 17.0)):
                slots.append(
                    Command.create(
                        {
                            "date": start + timedelta(days=day),
                            "time_start": time_start,
                            "time_end": time_end,
                        }
                    )
                )
        action = cls.env["cae.training.action"].create(
            {
                "program_id": (program or cls.program).id,
                "customer_id": cls.customer_t.id,
                "product_id": cls.product_service.id,
                "tz": "Europe/Paris",
                "company_id": cls.company.id,
                "slot_ids": slots,
                "trainee_ids": [
                    Command.create(
                        {
                            "partner_id": partner.id,
                            "funder_type": funder,
                            "funder_id": cls.opco.id if funder == "opco" else False,
                            "employer_id": cls.customer_t.id,
                        }
                    )
                    for partner in trainees
                ],
                **vals,
            }
        )
        if confirm:
            action.action_confirm()
        return action

    @staticmethod
    def _attendance(action, partner, slot):
        return action.attendance_ids.filtered(
            lambda a: a.partner_id == partner and a.training_slot_id == slot
        )

    @staticmethod
    def _fill(attendance, state="present", countersigned=True):
        attendance.write({"state": state, "countersigned": countersigned})
