"""Issue 14, acceptance 1 (members, documents, back office): each hostile
call of the issue, replayed through real JSON-RPC and XML-RPC as the role
named, is refused or returns nothing, and the database is unchanged (read
back as the admin). The journey, contribution, payroll, training and migration calls
are in ``test_trust_parcours*.py``, ``test_trust_contribution.py``,
``test_trust_payroll.py``, ``test_trust_training.py`` and
``test_trust_migration.py``."""

from odoo import Command, fields
from odoo.tests import tagged

from .trust_common import TrustRpcCase


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustMembers(TrustRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.cae_default_validation_threshold = 1000.0
        cls.invoice_a = cls._invoice(cls.activity_a, cls.customer_a, 300.0)
        cls.invoice_a.action_post()
        cls.bill_a = cls._invoice(
            cls.activity_a, cls.customer_a, 120.0, move_type="in_invoice"
        )
        cls.bill_a.action_post()
        cls._pay(cls.bill_a)
        cls.invoice_b = cls._invoice(cls.activity_b, cls.customer_b, 800.0)
        cls.invoice_b.action_post()
        cls._pay(cls.invoice_b)
        cls.invoice_b.message_subscribe(cls.customer_b.ids)
        cls.draft_a = cls._invoice(cls.activity_a, cls.customer_a, 50000.0)
        cls.quote_a = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer_a.id,
                "cae_activity_id": cls.activity_a.id,
                "order_line": [
                    Command.create(
                        {"product_id": cls.product_service.id, "price_unit": 50000.0}
                    )
                ],
            }
        )
        cls.draft_bill_a = cls._invoice(
            cls.activity_a, cls.customer_a, 400.0, move_type="in_invoice"
        )

    @classmethod
    def _pay(cls, move):
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=move.ids
        ).create({})._create_payments()

    # ------------------------------------------------------------------
    # entrepreneurs
    def test_membership_is_not_hers_to_write(self):
        """She adds an activity to her partner, herself to another activity,
        or a co-member to hers: refused; she still reads nothing of B."""
        for call in (
            *self.both(
                "ent_a",
                "res.partner",
                "write",
                [self.partner_a.id],
                {"cae_activity_ids": [(4, self.activity_b.id, 0)]},
            ),
            *self.both(
                "ent_a",
                "cae.activity",
                "write",
                [self.activity_a.id],
                {"member_ids": [(4, self.partner_b.id, 0)]},
            ),
            *self.both(
                "ent_a",
                "cae.activity",
                "write",
                [self.activity_b.id],
                {"member_ids": [(4, self.partner_a.id, 0)]},
            ),
        ):
            self.assertRefused(call)
        self.assertEqual(self.partner_a.cae_activity_ids, self.activity_a)
        self.assertEqual(self.activity_b.member_ids, self.partner_b)
        self.assertFalse(
            self.jsonrpc(
                "ent_a",
                "account.move",
                "search_read",
                [("cae_activity_id", "=", self.activity_b.id)],
                fields=["name"],
            )
        )

    def test_validation_is_not_hers_to_write(self):
        """She validates her own 50 000 € invoice and quote by writing the
        validation fields, then posts / confirms: refused, still draft."""
        forged = {
            "cae_validation_state": "validated",
            "cae_validated_amount": 10**9,
        }
        for model, record in (
            ("account.move", self.draft_a),
            ("sale.order", self.quote_a),
        ):
            for vals in (
                forged,
                {"cae_validated_by_id": self.user_support.id},
                {"cae_refusal_reason": False, "cae_validated_date": "2026-01-01"},
            ):
                for call in self.both("ent_a", model, "write", [record.id], vals):
                    message = self.assertRefused(call, kinds=("AccessError",))
                    self.assertIn("cae_valid", message)
        for call in self.both(
            "ent_a", "account.move", "action_post", [self.draft_a.id]
        ):
            self.assertRefused(call)
        for call in self.both(
            "ent_a", "sale.order", "action_confirm", [self.quote_a.id]
        ):
            self.assertRefused(call)
        self.assertEqual(self.draft_a.state, "draft")
        self.assertEqual(self.draft_a.cae_validation_state, "none")
        self.assertFalse(self.draft_a.cae_validated_by_id)
        self.assertEqual(self.quote_a.state, "draft")
        self.assertEqual(self.quote_a.cae_validation_state, "none")

    def test_posted_documents_keep_their_activity(self):
        """Her posted, paid bill to B's activity; her posted invoice off any
        activity: refused, for her and for the admin team."""
        attempts = [
            ("ent_a", self.bill_a, self.activity_b.id),
            ("ent_a", self.invoice_a, False),
            ("gestion", self.invoice_a, False),
            ("gestion", self.bill_a, self.activity_b.id),
        ]
        for login, move, value in attempts:
            for call in self.both(
                login, "account.move", "write", [move.id], {"cae_activity_id": value}
            ):
                self.assertRefused(call)
            line = move.invoice_line_ids[:1]
            for call in self.both(
                login,
                "account.move.line",
                "write",
                [line.id],
                {"cae_activity_id": value},
            ):
                self.assertRefused(call)
        for move in (self.bill_a, self.invoice_a):
            self.assertEqual(move.cae_activity_id, self.activity_a)
            self.assertEqual(move.line_ids.cae_activity_id, self.activity_a)
        self.assertEqual(self.bill_a.payment_state in ("paid", "in_payment"), True)

    def test_draft_lines_carry_only_the_documents_activity(self):
        """A line of her draft bill moved to B's activity, or to B's analytic
        account then posted: refused; the bill stays draft on A."""
        line = self.draft_bill_a.invoice_line_ids
        for call in self.both(
            "ent_a",
            "account.move.line",
            "write",
            [line.id],
            {"cae_activity_id": self.activity_b.id},
        ):
            self.assertRefused(call)
        self.assertEqual(line.cae_activity_id, self.activity_a)
        b_account = str(self.activity_b.analytic_account_id.id)
        self.jsonrpc(
            "ent_a",
            "account.move.line",
            "write",
            [line.id],
            {"analytic_distribution": {b_account: 100}},
        )
        for call in self.both(
            "ent_a", "account.move", "action_post", [self.draft_bill_a.id]
        ):
            self.assertRefused(call)
        self.assertEqual(self.draft_bill_a.state, "draft")
        self.assertEqual(line.cae_activity_id, self.activity_a)

    def test_entry_types_and_numbers_are_not_hers(self):
        """A free journal entry on her activity, or an invoice numbered by
        her: refused, nothing created."""
        before = self.env["account.move"].search_count([])
        entry = {
            "move_type": "entry",
            "cae_activity_id": self.activity_a.id,
            "journal_id": self.env["account.journal"]
            .search(
                [("company_id", "=", self.company.id), ("type", "=", "general")],
                limit=1,
            )
            .id,
        }
        numbered = {
            "move_type": "out_invoice",
            "partner_id": self.customer_a.id,
            "cae_activity_id": self.activity_a.id,
            "name": "FAC/2026/99999",
        }
        for vals in (entry, numbered):
            for call in self.both("ent_a", "account.move", "create", [vals]):
                self.assertRefused(call, kinds=("AccessError",))
        self.assertEqual(self.env["account.move"].search_count([]), before)

    def test_activity_terms_are_not_hers(self):
        """Type, code, archiving, analytic account of her own activity."""
        for vals in (
            {"activity_type": "training"},
            {"code": "HACK"},
            {"active": False},
            {"analytic_account_id": self.activity_b.analytic_account_id.id},
        ):
            for call in self.both(
                "ent_a", "cae.activity", "write", [self.activity_a.id], vals
            ):
                message = self.assertRefused(call, kinds=("AccessError",))
                self.assertIn(f"({next(iter(vals))})", message)
        self.assertRecordValues(
            self.activity_a,
            [
                {
                    "activity_type": "standard",
                    "code": "ACTA",
                    "active": True,
                    "analytic_account_id": self.activity_a.analytic_account_id.id,
                }
            ],
        )
        self.assertEqual(self.activity_a.analytic_account_id.code, "ACTA")
        # what she may present of it
        self.jsonrpc(
            "ent_a",
            "cae.activity",
            "write",
            [self.activity_a.id],
            {"trade_name": "Atelier d'Anne"},
        )
        self.assertEqual(self.activity_a.trade_name, "Atelier d'Anne")

    def test_reconciliations_of_others_are_invisible(self):
        partials_b = self.invoice_b.line_ids.matched_credit_ids
        self.assertTrue(partials_b)
        for call in (
            lambda: self.jsonrpc(
                "ent_a",
                "account.partial.reconcile",
                "search_read",
                [],
                fields=["amount"],
            ),
            lambda: self.xmlrpc(
                "ent_a",
                "account.partial.reconcile",
                "search_read",
                [],
                fields=["amount"],
            ),
        ):
            ids = {row["id"] for row in call()}
            self.assertFalse(ids & set(partials_b.ids))
            self.assertTrue(ids & set(self.bill_a.line_ids.matched_debit_ids.ids))
        full = self.jsonrpc(
            "ent_a", "account.full.reconcile", "search_read", [], fields=["id"]
        )
        self.assertNotIn(
            self.invoice_b.line_ids.full_reconcile_id.id, {row["id"] for row in full}
        )
        self.assertRefused(
            lambda: self.jsonrpc(
                "ent_a", "account.partial.reconcile", "read", partials_b.ids, ["amount"]
            ),
            kinds=("AccessError",),
        )

    def test_followers_do_not_reveal_other_customers(self):
        self.assertIn(self.customer_b, self.invoice_b.message_partner_ids)
        groups = self.jsonrpc(
            "ent_a",
            "mail.followers",
            "read_group",
            [],
            ["partner_id"],
            ["partner_id"],
        )
        names = {group["partner_id"][1] for group in groups if group["partner_id"]}
        self.assertNotIn(self.customer_b.name, names)
        rows = self.xmlrpc(
            "ent_a", "mail.followers", "search_read", [], fields=["partner_id"]
        )
        self.assertNotIn(
            self.customer_b.id,
            {row["partner_id"][0] for row in rows if row["partner_id"]},
        )

    def test_removed_member_loses_access_at_once(self):
        """Removed from a shared activity, she reads nothing of it in her next
        call (record rules are cached per user: the change clears them)."""
        shared = self.env["cae.activity"].create(
            {
                "name": "Atelier partagé",
                "code": "SHAR",
                "company_id": self.company.id,
                "member_ids": [Command.set((self.partner_a | self.partner_b).ids)],
            }
        )
        invoice = self._invoice(shared, self.customer_a, 100.0)
        domain = [("id", "=", invoice.id)]
        self.assertTrue(
            self.jsonrpc("ent_a", "account.move", "search_read", domain, fields=["id"])
        )
        self.xmlrpc(
            "gestion",
            "cae.activity",
            "write",
            [shared.id],
            {"member_ids": [(3, self.partner_a.id, 0)]},
        )
        self.assertFalse(
            self.jsonrpc("ent_a", "account.move", "search_read", domain, fields=["id"])
        )
        self.assertFalse(
            self.xmlrpc("ent_a", "account.move", "search_read", domain, fields=["id"])
        )

    # ------------------------------------------------------------------
    # back office
    def test_contract_that_has_run_is_evidence(self):
        contract = self._current_cape(self.partner_a)
        self.assertEqual(contract.state, "running")
        for vals in ({"state": "draft"}, {"date_signature": False}):
            for call in self.both(
                "gestion", "cae.contract", "write", [contract.id], vals
            ):
                self.assertRefused(call)
        for call in self.both("gestion", "cae.contract", "unlink", [contract.id]):
            self.assertRefused(call)
        for call in self.both("gestion", "cae.contract", "action_draft", [contract.id]):
            call()
        self.assertRecordValues(contract, [{"state": "running", "active": True}])
        self.assertTrue(contract.date_signature)

    def test_support_cannot_reset_a_posted_invoice(self):
        for call in self.both(
            "support", "account.move", "button_draft", [self.invoice_a.id]
        ):
            self.assertRefused(call, kinds=("AccessError",))
        self.assertEqual(self.invoice_a.state, "posted")
        # the admin team may (and reposts)
        self.jsonrpc("gestion", "account.move", "button_draft", [self.invoice_a.id])
        self.assertEqual(self.invoice_a.state, "draft")

    def test_payroll_journal_is_the_admin_teams(self):
        journal = self.company._cae_salary_journal()
        account_salary = self.env["account.account"].search(
            [("company_ids", "in", self.company.ids), ("code", "=like", "641%")],
            limit=1,
        )
        account_due = self.env["account.account"].search(
            [("company_ids", "in", self.company.ids), ("code", "=like", "421%")],
            limit=1,
        )
        entry = self.env["account.move"].create(
            {
                "journal_id": journal.id,
                "date": fields.Date.today(),
                "line_ids": [
                    Command.create(
                        {
                            "account_id": account_salary.id,
                            "debit": 2100.0,
                            "name": "Salaire Anne",
                            "cae_activity_id": self.activity_a.id,
                        }
                    ),
                    Command.create(
                        {
                            "account_id": account_due.id,
                            "credit": 2100.0,
                            "name": "Net à payer Anne",
                            "cae_activity_id": self.activity_a.id,
                        }
                    ),
                ],
            }
        )
        entry.action_post()
        domain = [("journal_id", "=", journal.id)]
        for model in ("account.move", "account.move.line"):
            self.assertFalse(
                self.jsonrpc("support", model, "search_read", domain, fields=["id"])
            )
            self.assertFalse(
                self.xmlrpc("support", model, "search_read", domain, fields=["id"])
            )
            self.assertTrue(
                self.jsonrpc("gestion", model, "search_read", domain, fields=["id"])
            )
            self.assertTrue(
                self.jsonrpc("cogerance", model, "search_read", domain, fields=["id"])
            )
        self.assertRefused(
            lambda: self.jsonrpc(
                "support", "account.move", "read", entry.ids, ["name"]
            ),
            kinds=("AccessError",),
        )
