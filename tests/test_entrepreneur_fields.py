"""Every field an entrepreneur may set is allowed on purpose (issue 14, acceptance 2).

Walks every model on which the entrepreneur group has create or write access
(``ir.model.access``), takes a record of the entrepreneur's own, and writes
each stored field outside the model's list (``_cae_entrepreneur_fields``) as
the entrepreneur: each write is refused, naming the field. A model added
later without a list, or a field added later to a listed model, is refused
by default — and this test fails for a model that declares no list or for
which no record of hers can be found (add it to ``_own_record``).
"""

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.cae_member.models.base import MAGIC_FIELDS
from odoo.addons.cae_training.tests.common import CaeTrainingCommon


@tagged("post_install", "-at_install", "cae_trust")
class TestEntrepreneurFields(CaeTrainingCommon):
    """On the test CAE of the four modules (``CaeTrainingCommon`` adds a
    training activity of entrepreneur A, a programme and its interests)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a draft training action of hers: its slots and trainees too
        cls.training_action = cls._action(confirm=False)
        cls.order_a = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer_a.id,
                "cae_activity_id": cls.activity_a.id,
                "order_line": [Command.create({"product_id": cls.product_service.id})],
            }
        )
        if "sale_order_option_ids" in cls.order_a._fields:
            cls.order_a.sale_order_option_ids = [
                Command.create(
                    {
                        "product_id": cls.product_service.id,
                        "name": "Option",
                        "price_unit": 10.0,
                    }
                )
            ]
        cls.invoice_a = cls._invoice(cls.activity_a, cls.customer_a, 200.0)

    def _entrepreneur_models(self):
        group = self.env.ref("cae_member.cae_member_group_entrepreneur")
        access = self.env["ir.model.access"].search(
            [
                ("group_id", "=", group.id),
                "|",
                ("perm_write", "=", True),
                ("perm_create", "=", True),
            ]
        )
        return {
            acl.model_id.model: acl.perm_create
            for acl in access
            if acl.model_id.model in self.env
        }

    def _own_record(self, model):
        """A record of ``model`` that entrepreneur A may write."""
        env_a = self.env(user=self.user_a)
        known = {
            "res.partner": lambda: self.customer_a,
            "sale.order": lambda: self.order_a,
            "sale.order.line": lambda: self.order_a.order_line[:1],
            "sale.order.option": lambda: self.order_a.sale_order_option_ids[:1],
            "account.move": lambda: self.invoice_a,
            "account.move.line": lambda: self.invoice_a.invoice_line_ids[:1],
            "cae.activity": lambda: self.activity_a,
            "cae.account.statement": lambda: env_a["cae.account.statement"].create(
                {"activity_id": self.activity_a.id}
            ),
            "cae.salary.request": lambda: self.env["cae.salary.request"].create(
                {
                    "partner_id": self.partner_a.id,
                    "activity_id": self.activity_a.id,
                    "month": fields.Date.today().replace(day=1),
                    "requested_variable": 300.0,
                }
            ),
            "cae.contribution.simulator": lambda: env_a[
                "cae.contribution.simulator"
            ].create({"activity_id": self.activity_a.id}),
            "cae.meeting.topic": lambda: env_a["cae.meeting.topic"].create(
                {
                    "meeting_id": self.env["cae.meeting"]
                    .create(
                        {
                            "name": "Comité d'orientation",
                            "meeting_type": "co",
                            "date_start": fields.Datetime.add(
                                fields.Datetime.now(), days=10
                            ),
                            "invitee_ids": [Command.set(self.partner_a.ids)],
                        }
                    )
                    .id,
                    "name": "Un sujet d'Anne",
                }
            ),
            "cae.risk.assessment.ack": lambda: env_a["cae.risk.assessment.ack"].create(
                {
                    "assessment_id": self.env["cae.risk.assessment"]
                    .create({"company_id": self.company.id})
                    .id
                }
            ),
            "cae.pole": lambda: self.env["cae.pole"].create(
                {"name": "Pôle d'Anne", "coordinator_id": self.partner_a.id}
            ),
            "cae.tender.project": lambda: self.env["cae.tender.project"].create(
                {
                    "tender_id": self.env["cae.tender"]
                    .create({"name": "AO", "pole_ids": []})
                    .id,
                    "lead_activity_id": self.activity_a.id,
                }
            ),
            "cae.appointment": lambda: self._sponsor_interview(),
            "cae.support.time": lambda: env_a["cae.support.time"].create(
                {
                    "activity_id": self.activity_a.id,
                    "hours": 1.0,
                    "kind_id": self.env["cae.support.time.kind"]
                    .create({"name": "Comité", "company_id": self.company.id})
                    .id,
                    "description": "Comité d'entrée",
                }
            ),
            "product.template": lambda: self._own_product(),
            "product.product": lambda: self._own_product().product_variant_id,
            "cae.meal.voucher.month": lambda: self._cae_meal_voucher_month(),
            "cae.meal.voucher.day": lambda: self._cae_meal_voucher_month().day_ids,
            "sale.advance.payment.inv": lambda: (
                env_a["sale.advance.payment.inv"]
                .with_context(active_model="sale.order", active_ids=self.order_a.ids)
                .create({"sale_order_ids": [Command.set(self.order_a.ids)]})
            ),
        }
        if model in known:
            return known[model]().with_user(self.user_a)
        # any record of hers that she may write (created by the modules'
        # own flows in their tests' data, or by her)
        records = env_a[model].search([], limit=20)
        for record in records:
            try:
                record.check_access("write")
            except AccessError:
                continue
            return record
        return env_a[model]

    def _own_product(self):
        """A product of Anne's activity, created by her."""
        Template = self.env["product.template"].with_user(self.user_a)
        return Template.search(
            [("cae_activity_id", "=", self.activity_a.id)], limit=1
        ) or Template.create({"name": "Produit d'Anne", "list_price": 10.0})

    def _sponsor_interview(self):
        """An interview Anne holds as the allowed sponsor of Bruno."""
        self.partner_b.cae_sponsor_id = self.partner_a
        self.partner_a.cae_sponsor_interviews = True
        self.company.cae_sponsor_interviews = True
        return self.env["cae.appointment"].create(
            {
                "name": "Entretien de parrainage",
                "partner_ids": [Command.set(self.partner_b.ids)],
                "advisor_ids": [Command.set(self.user_a.ids)],
            }
        )

    def _cae_meal_voucher_month(self):
        """A draft meal voucher month of A (under a CESA), with one day."""
        month = fields.Date.today().replace(day=1)
        Month = self.env["cae.meal.voucher.month"]
        record = Month.search([("partner_id", "=", self.partner_a.id)], limit=1)
        if record:
            return record
        self._contract(self.partner_a, "cesa", month, activity_id=self.activity_a.id)
        day = self.company._cae_meal_voucher_working_days(month, month.replace(day=28))[
            0
        ]
        return Month.create(
            {
                "partner_id": self.partner_a.id,
                "activity_id": self.activity_a.id,
                "month": month,
                "company_id": self.company.id,
                "day_ids": [Command.create({"date": day, "hours": 7.0})],
            }
        )

    def test_every_writable_model_declares_its_fields(self):
        undeclared = [
            model
            for model in self._entrepreneur_models()
            if self.env[model]._cae_entrepreneur_fields is None
        ]
        self.assertFalse(
            undeclared,
            "models writable by entrepreneurs without _cae_entrepreneur_fields",
        )

    def test_fields_outside_the_list_are_refused(self):
        checked = 0
        for model, can_create in sorted(self._entrepreneur_models().items()):
            Model = self.env[model]
            allowed = Model._cae_entrepreneur_fields or frozenset()
            record = self._own_record(model)
            forbidden = [
                name
                for name, field in Model._fields.items()
                if field.store and name not in allowed and name not in MAGIC_FIELDS
            ]
            if not record:
                self.fail(f"no record of {model} of entrepreneur A to test: add one")
            for name in forbidden:
                field = Model._fields[name]
                value = field.convert_to_write(record.sudo()[name], record)
                with self.subTest(model=model, field=name):
                    with self.assertRaises(AccessError) as caught:
                        record.write({name: value})
                    self.assertIn(f"({name})", str(caught.exception))
                    checked += 1
                    if can_create and not record._cae_is_default_value(name, value):
                        with self.assertRaises(AccessError) as caught:
                            record.browse().with_context(
                                default_move_type="out_invoice"
                            ).create({name: value})
                        self.assertIn(f"({name})", str(caught.exception))
        self.assertGreater(checked, 100)

    def test_listed_fields_still_work(self):
        """The guard lets her do her job: a quote and an invoice of her own,
        through the fields of the forms."""
        env_a = self.env(user=self.user_a)
        order = env_a["sale.order"].create(
            {
                "partner_id": self.customer_a.id,
                "cae_activity_id": self.activity_a.id,
                "validity_date": fields.Date.today(),
                "note": "Merci",
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product_service.id,
                            "product_uom_qty": 2,
                            "price_unit": 80.0,
                        }
                    )
                ],
            }
        )
        self.assertEqual(order.amount_untaxed, 160.0)
        invoice = env_a["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer_a.id,
                "cae_activity_id": self.activity_a.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": self.product_service.id, "price_unit": 50.0}
                    )
                ],
            }
        )
        invoice.write({"ref": "Commande 12", "narration": "Merci"})
        self.activity_a.with_user(self.user_a).write({"trade_name": "Nouveau nom"})
        self.assertEqual(self.activity_a.trade_name, "Nouveau nom")
