"""Issue 14, acceptance 1 (contribution): each hostile call of the issue on
the contribution, replayed through real JSON-RPC and XML-RPC as the role
named, is refused or returns nothing, and the database is unchanged (read
back as the admin).

The users' passwords are set to their logins here, as ``trust_common``
expects for XML-RPC (``new_test_user`` pads short logins with ``x``). The
server's message is asserted on the XML-RPC answer: ``make_jsonrpc_request``
of Odoo's test framework keeps only the exception's class."""

from datetime import date

from odoo import Command
from odoo.tests import tagged

from .trust_common import TrustRpcCase


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustContribution(TrustRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.user_a, cls.user_b, cls.user_admin):
            user.password = user.login
        cls.company._cae_contribution_setup()
        cls.standard = cls.env["cae.contribution.scale"].search(
            [("company_id", "=", cls.company.id), ("for_standard", "=", True)],
            limit=1,
        )
        cls.zero_scale = cls.standard.copy(
            {
                "name": "Zéro",
                "for_standard": False,
                "version_ids": [
                    Command.create(
                        {
                            "date_from": "2020-01-01",
                            "bracket_ids": [
                                Command.create({"lower_bound": 0, "rate": 0})
                            ],
                        }
                    )
                ],
            }
        )
        invoice = cls._invoice(
            cls.activity_a, cls.customer_a, 10000.0, date=date(2025, 1, 10)
        )
        invoice.action_post()
        cls.line = (
            cls.env["cae.contribution.run"]
            ._cae_run(cls.company, date(2025, 1, 31))
            .filtered(lambda line: line.activity_id == cls.activity_a)
        )
        cls.entry = cls.line.move_id

    def _refused_both(self, login, model, method, *args, kinds, says=None):
        """The call through JSON-RPC then XML-RPC: refused both times (with
        one of ``kinds``); the XML-RPC message contains ``says``."""
        json_call, xml_call = self.both(login, model, method, *args)
        self.assertRefused(json_call, kinds=kinds)
        message = self.assertRefused(xml_call, kinds=kinds)
        if says is not None:
            self.assertIn(says, message)

    def _activity_terms(self):
        activity = self.activity_a.with_context(active_test=False)
        return activity.read(
            [
                "contribution_flat_rate",
                "contribution_scale_id",
                "contribution_exemption_ids",
                "activity_type",
                "code",
                "active",
            ]
        )

    def _line_values(self):
        return self.line.read(
            [
                "amount",
                "move_id",
                "base_ytd",
                "due_ytd",
                "levied_before",
                "date_from",
                "date_to",
                "activity_id",
            ]
        )

    # ------------------------------------------------------------------
    # entrepreneurs
    def test_activity_contribution_terms_are_not_hers(self):
        """A flat rate of 0.0001 %, a 0 % scale, an exemption, the type, the
        code, archiving: refused; the next run levies the right amount."""
        before = self._activity_terms()
        for vals in (
            {"contribution_flat_rate": 0.0001},
            {"contribution_scale_id": self.zero_scale.id},
            {
                # as an RPC client sends it: (0, 0, values)
                "contribution_exemption_ids": [
                    (
                        0,
                        0,
                        {
                            "date_from": "2025-01-01",
                            "date_to": "2025-12-31",
                            "reason": "Moi",
                        },
                    )
                ]
            },
            {"activity_type": "skills_assessment"},
            {"code": "HACK"},
            {"active": False},
        ):
            self._refused_both(
                "ent_a",
                "cae.activity",
                "write",
                [self.activity_a.id],
                vals,
                kinds=("AccessError",),
                says=f"({next(iter(vals))})",
            )
        self.assertEqual(self._activity_terms(), before)
        self.assertEqual(self.activity_a.analytic_account_id.code, "ACTA")
        # the next run levies February's margin at 11.5 %, on an active
        # activity still on the standard scale
        invoice = self._invoice(
            self.activity_a, self.customer_a, 2000.0, date=date(2025, 2, 10)
        )
        invoice.action_post()
        february = self.env["cae.contribution.run"]._cae_run(
            self.company, date(2025, 2, 28)
        )
        february = february.filtered(lambda line: line.activity_id == self.activity_a)
        self.assertEqual(february.scale_id, self.standard)
        self.assertAlmostEqual(february.base_ytd, 12000.0)
        self.assertAlmostEqual(february.due_ytd, 1380.0)
        self.assertAlmostEqual(february.amount, 230.0)

    def test_simulator_of_another_member(self):
        """Bruno's simulation is not Anne's to read, change or reuse."""
        theirs = self.jsonrpc(
            "ent_b",
            "cae.contribution.simulator",
            "create",
            {"activity_id": self.activity_b.id, "projected_base": 42000.0},
        )
        theirs = theirs[0] if isinstance(theirs, list) else theirs
        self._refused_both(
            "ent_a",
            "cae.contribution.simulator",
            "read",
            [theirs],
            ["projected_base", "amount", "detail"],
            kinds=("AccessError",),
        )
        for call in self.both(
            "ent_a",
            "cae.contribution.simulator",
            "search_read",
            [("id", "=", theirs)],
            ["projected_base"],
        ):
            self.assertEqual(call(), [])
        self._refused_both(
            "ent_a",
            "cae.contribution.simulator",
            "write",
            [theirs],
            {"projected_base": 1.0},
            kinds=("AccessError",),
        )
        # nor may she simulate his activity, from scratch or from her record
        self._refused_both(
            "ent_a",
            "cae.contribution.simulator",
            "create",
            {"activity_id": self.activity_b.id, "projected_base": 1.0},
            kinds=("AccessError",),
        )
        mine = self.jsonrpc(
            "ent_a",
            "cae.contribution.simulator",
            "create",
            {"activity_id": self.activity_a.id, "projected_base": 35000.0},
        )
        mine = mine[0] if isinstance(mine, list) else mine
        self._refused_both(
            "ent_a",
            "cae.contribution.simulator",
            "write",
            [mine],
            {"activity_id": self.activity_b.id},
            kinds=("AccessError",),
        )
        [read] = self.jsonrpc(
            "ent_a", "cae.contribution.simulator", "read", [mine], ["amount"]
        )
        self.assertAlmostEqual(read["amount"], 3975.0)
        records = self.env["cae.contribution.simulator"].browse([theirs, mine])
        self.assertRecordValues(
            records,
            [
                {"activity_id": self.activity_b.id, "projected_base": 42000.0},
                {"activity_id": self.activity_a.id, "projected_base": 35000.0},
            ],
        )

    # ------------------------------------------------------------------
    # back office
    def test_admin_team_cannot_undo_a_contribution_entry(self):
        """Reset to draft, cancel, set the state, delete, reverse: refused;
        the entry stays posted and the line keeps it."""
        self.assertEqual(self.entry.state, "posted")
        entry_lines = self.entry.line_ids.read(["account_id", "debit", "credit"])
        for method, args in (
            ("button_draft", ()),
            ("button_cancel", ()),
            ("write", ({"state": "draft"},)),
            ("unlink", ()),
        ):
            self._refused_both(
                "gestion",
                "account.move",
                method,
                [self.entry.id],
                *args,
                kinds=("UserError",),
                says=self.entry.name,
            )
        self._refused_both(
            "gestion",
            "account.move.line",
            "write",
            self.entry.line_ids.ids,
            {"analytic_distribution": {}},
            kinds=("UserError",),
            says=self.entry.name,
        )
        # the reversal wizard, as the web client calls it
        reversal = self.jsonrpc(
            "gestion",
            "account.move.reversal",
            "create",
            {
                "move_ids": [Command.set(self.entry.ids)],
                "journal_id": self.entry.journal_id.id,
                "date": "2025-02-28",
            },
            context={
                "active_model": "account.move",
                "active_ids": self.entry.ids,
                "allowed_company_ids": [self.company.id],
            },
        )
        reversal = reversal[0] if isinstance(reversal, list) else reversal
        self._refused_both(
            "gestion",
            "account.move.reversal",
            "refund_moves",
            [reversal],
            kinds=("UserError",),
            says=self.entry.name,
        )
        self.env.invalidate_all()
        self.assertTrue(self.entry.exists())
        self.assertEqual(self.entry.state, "posted")
        self.assertEqual(
            self.entry.line_ids.read(["account_id", "debit", "credit"]), entry_lines
        )
        self.assertEqual(self.line.move_id, self.entry)
        self.assertAlmostEqual(self.line.amount, 1150.0)
        self.assertFalse(
            self.env["account.move"].search([("reversed_entry_id", "=", self.entry.id)])
        )

    def test_admin_team_cannot_rewrite_a_levied_line(self):
        before = self._line_values()
        other = self._invoice(self.activity_b, self.customer_b, 10.0)
        for vals in (
            {"amount": 0.0},
            {"move_id": False},
            {"move_id": other.id},
            {"base_ytd": 0.0},
            {"levied_before": 1150.0},
            {"date_to": "2025-12-31"},
        ):
            self._refused_both(
                "gestion",
                "cae.contribution.line",
                "write",
                [self.line.id],
                vals,
                kinds=("UserError",),
                says="cannot be changed",
            )
        for call in self.both(
            "gestion", "cae.contribution.line", "unlink", [self.line.id]
        ):
            self.assertRefused(call, kinds=("UserError", "AccessError"))
        self.assertEqual(self._line_values(), before)
        # and an entrepreneur reads her line, nothing more
        for call in self.both(
            "ent_a", "cae.contribution.line", "write", [self.line.id], {"amount": 0.0}
        ):
            self.assertRefused(call, kinds=("AccessError",))
        for call in self.both(
            "ent_b", "cae.contribution.line", "search_read", [], ["activity_id"]
        ):
            self.assertNotIn(self.line.id, [r["id"] for r in call()])
        self.assertEqual(self._line_values(), before)
