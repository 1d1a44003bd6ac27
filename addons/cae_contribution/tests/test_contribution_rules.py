from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ContributionCommon


@tagged("post_install", "-at_install")
class TestContributionEdgeCases(ContributionCommon):
    """Issue 15, items 6 to 8: the figures of the edge cases."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fixed_scale = cls.standard.copy(
            {"name": "Fixe 30", "fixed_monthly_amount": 30.0, "for_standard": False}
        )

    def _fixed_activity(self, code, **vals):
        return self._activity(code, contribution_scale_id=self.fixed_scale.id, **vals)

    # item 6: the fixed monthly part
    def test_fixed_part_from_the_activity_start(self):
        """Started 2025-11-01, 1 000 € margin: 30 + 11.5 % of 1 000 = 145, not
        11 months of the year (445)."""
        activity = self._fixed_activity("NOV", date_start="2025-11-01")
        self._margin(activity, 1000, "2025-11-10")
        line = self._run("2025-11-30", activity)
        self.assertAlmostEqual(line.due_ytd, 145.0)
        self.assertAlmostEqual(line.amount, 145.0)
        self.assertAlmostEqual(self._run("2025-12-31", activity).amount, 30.0)

    def test_fixed_part_from_the_first_contract(self):
        """An activity entered in Odoo late: its first contract says when it
        started."""
        activity = self._fixed_activity("CTR", date_start="2025-12-15")
        self._contract(
            self.partner_a,
            "cape",
            date(2025, 11, 1),
            date(2026, 4, 30),
            activity_id=activity.id,
        )
        self._margin(activity, 1000, "2025-11-10")
        self.assertAlmostEqual(self._run("2025-11-30", activity).due_ytd, 145.0)
        activity_without_date = self._fixed_activity("NOD", date_start=False)
        self.assertAlmostEqual(
            self._run("2025-11-30", activity_without_date).due_ytd, 330.0
        )

    def test_fixed_part_minus_exempted_months(self):
        """Exempt January to March: nothing in March (not 90), 30 in April."""
        activity = self._fixed_activity("EXF", date_start="2025-01-01")
        self.env["cae.contribution.exemption"].create(
            {
                "activity_id": activity.id,
                "date_from": "2025-01-01",
                "date_to": "2025-03-31",
                "reason": "Congé maternité",
            }
        )
        self._margin(activity, 1000, "2025-02-10")
        march = self._run("2025-03-31", activity)
        self.assertAlmostEqual(march.base_ytd, 0.0)
        self.assertAlmostEqual(march.due_ytd, 0.0)
        self.assertFalse(march.move_id)
        april = self._run("2025-04-30", activity)
        self.assertAlmostEqual(april.due_ytd, 30.0)
        self.assertAlmostEqual(april.amount, 30.0)

    def test_fixed_part_partly_exempted_month_counts(self):
        """A month with one day in the cooperative and not exempted counts."""
        activity = self._fixed_activity("PEX", date_start="2025-01-01")
        self.env["cae.contribution.exemption"].create(
            {
                "activity_id": activity.id,
                "date_from": "2025-02-01",
                "date_to": "2025-03-30",
                "reason": "Arrêt maladie",
            }
        )
        # January and March count, February is wholly exempted
        self.assertAlmostEqual(self._run("2025-03-31", activity).due_ytd, 60.0)

    def test_fixed_part_stops_at_the_exit(self):
        """The only member left on 2025-01-31: June levies January's 30, not
        six months (180)."""
        leaver = self.env["res.partner"].create(
            {"name": "Lou Départ", "is_cae_member": True}
        )
        activity = self._fixed_activity(
            "EXIT", date_start="2024-06-01", member_ids=[Command.set(leaver.ids)]
        )
        leaver.cae_exit_date = "2025-01-31"
        line = self._run("2025-06-30", activity)
        self.assertAlmostEqual(line.due_ytd, 30.0)
        self.assertAlmostEqual(line.amount, 30.0)
        # a shared activity is in the cooperative while one member is
        shared = self._fixed_activity(
            "SHRD",
            date_start="2024-06-01",
            member_ids=[Command.set((leaver | self.partner_b).ids)],
        )
        self.assertAlmostEqual(self._run("2025-06-30", shared).due_ytd, 180.0)

    def test_fixed_part_after_a_return(self):
        """A member who left and came back under a new contract is in again."""
        comeback = self.env["res.partner"].create(
            {"name": "Cam Retour", "is_cae_member": True}
        )
        activity = self._fixed_activity(
            "BACK", date_start="2024-06-01", member_ids=[Command.set(comeback.ids)]
        )
        comeback.cae_exit_date = "2025-01-31"
        self._contract(
            comeback, "cape", date(2025, 5, 1), date(2025, 10, 31), activity_id=False
        )
        self.assertAlmostEqual(self._run("2025-06-30", activity).due_ytd, 180.0)

    # item 7: a flat rate never refunds more than was levied
    def test_flat_rate_never_below_zero(self):
        """Flat 10 %: 1 000 € revenue then a 1 500 € credit note: the year
        owes 0 (the 100 levied is refunded, not 150)."""
        activity = self._activity("FLT", contribution_flat_rate=10.0)
        self._margin(activity, 1000, "2025-01-10")
        self.assertAlmostEqual(self._run("2025-01-31", activity).amount, 100.0)
        self._margin(activity, 1500, "2025-02-10", move_type="out_refund")
        february = self._run("2025-02-28", activity)
        self.assertAlmostEqual(february.base_ytd, -500.0)
        self.assertAlmostEqual(february.due_ytd, 0.0)
        self.assertAlmostEqual(february.amount, -100.0)
        lines = self.env["cae.contribution.line"].search(
            [("activity_id", "=", activity.id)]
        )
        self.assertAlmostEqual(sum(lines.mapped("amount")), 0.0)

    def test_scale_never_below_zero(self):
        activity = self._activity("NEG")
        self._margin(activity, 1000, "2025-01-10", move_type="out_refund")
        line = self._run("2025-01-31", activity)
        self.assertAlmostEqual(line.due_ytd, 0.0)
        self.assertAlmostEqual(line.amount, 0.0)

    # item 8: a new scale version applies from its date on
    def _version_from_july(self, rate=5.0):
        self.standard.version_ids.date_to = "2025-06-30"
        return self.env["cae.contribution.scale.version"].create(
            {
                "scale_id": self.standard.id,
                "date_from": "2025-07-01",
                "bracket_ids": [Command.create({"lower_bound": 0, "rate": rate})],
            }
        )

    def test_new_version_prices_only_the_base_after_it(self):
        """10 000 € in January at 11.5 % (1 150); a 5 % version from July
        re-prices nothing: July levies 0, not −650; August's 2 000 € at 5 %."""
        activity = self._activity("V2")
        self._margin(activity, 10000, "2025-01-10")
        self.assertAlmostEqual(self._run("2025-01-31", activity).amount, 1150.0)
        self._version_from_july()
        july = self._run("2025-07-31", activity)
        self.assertAlmostEqual(july.due_ytd, 1150.0)
        self.assertAlmostEqual(july.amount, 0.0)
        self.assertFalse(july.move_id)
        self._margin(activity, 2000, "2025-08-10")
        august = self._run("2025-08-31", activity)
        self.assertAlmostEqual(august.base_ytd, 12000.0)
        self.assertAlmostEqual(august.due_ytd, 1250.0)
        self.assertAlmostEqual(august.amount, 100.0)

    def test_new_version_marginal_brackets_carry_on(self):
        """The second version prices the slice earned under it where the base
        stands: 35 000 € before July, 10 000 € after under a version whose
        brackets are the standard ones minus one point."""
        activity = self._activity("V3")
        self._margin(activity, 35000, "2025-03-10")
        self.assertAlmostEqual(self._run("2025-03-31", activity).amount, 3975.0)
        self.standard.version_ids.date_to = "2025-06-30"
        self.env["cae.contribution.scale.version"].create(
            {
                "scale_id": self.standard.id,
                "date_from": "2025-07-01",
                "bracket_ids": [
                    Command.create(
                        {"lower_bound": 0, "upper_bound": 30000, "rate": 10.5}
                    ),
                    Command.create({"lower_bound": 30000, "rate": 9.5}),
                ],
            }
        )
        self._margin(activity, 10000, "2025-09-10")
        september = self._run("2025-09-30", activity)
        # 3 975 + (30 000 x 10.5 % + 15 000 x 9.5 %) - (30 000 x 10.5 % + 5 000 x 9.5 %)
        self.assertAlmostEqual(september.due_ytd, 3975.0 + 950.0)
        self.assertAlmostEqual(september.amount, 950.0)

    def test_one_version_is_the_year_to_date_formula(self):
        scale = self.standard
        periods = scale._cae_version_periods(date(2025, 1, 1), date(2025, 5, 31))
        self.assertEqual(len(periods), 1)
        self.assertEqual(
            scale._cae_due_ytd(
                lambda day: 35000.0, date(2025, 1, 1), date(2025, 5, 31)
            ),
            scale._cae_due(35000.0, date(2025, 5, 31)),
        )


@tagged("post_install", "-at_install")
class TestContributionRunRules(ContributionCommon):
    """Issue 14: what a run adds, and what no one may undo afterwards."""

    def _lines(self, activity):
        return self.env["cae.contribution.line"].search(
            [("activity_id", "=", activity.id)]
        )

    def test_rerun_adds_no_zero_line(self):
        activity = self._activity("RER")
        self._margin(activity, 10000, "2025-03-10")
        self._run("2025-03-31")
        self.assertEqual(len(self._lines(activity)), 1)
        self.assertEqual(len(self._lines(self.activity_a)), 1)
        again = self._run("2025-03-31")
        self.assertFalse(again.filtered(lambda l: l.activity_id == activity))
        self.assertFalse(again, "a re-run with nothing new adds no line")
        self.assertEqual(len(self._lines(activity)), 1)
        self.assertEqual(len(self._lines(self.activity_a)), 1)
        # a re-run that levies something adds its line
        self._margin(activity, 1000, "2025-03-20")
        late = self._run("2025-03-31", activity)
        self.assertAlmostEqual(late.amount, 115.0)
        self.assertEqual(len(self._lines(activity)), 2)
        # the first run of the next month records its zero line
        april = self._run("2025-04-30", activity)
        self.assertEqual(len(april), 1)
        self.assertAlmostEqual(april.amount, 0.0)

    def _levied(self):
        activity = self._activity("EVD")
        self._margin(activity, 10000, "2025-01-10")
        line = self._run("2025-01-31", activity)
        self.assertEqual(line.move_id.state, "posted")
        return line

    def test_contribution_entry_is_locked(self):
        line = self._levied()
        move = line.move_id
        amount = line.amount
        analytic = move.line_ids.analytic_line_ids
        self.assertEqual(len(analytic), 2)
        for env in (self.env(user=self.user_admin), self.env(su=True)):
            entry = move.with_env(env)
            for attempt in (
                entry.button_draft,
                entry.button_cancel,
                entry.unlink,
                lambda e=entry: e.write({"state": "draft"}),
                lambda e=entry: e.write({"state": "cancel"}),
                lambda e=entry: e.write({"date": "2025-02-28"}),
                lambda e=entry: e.line_ids.write({"analytic_distribution": {}}),
                lambda e=entry: e.line_ids.unlink(),
                lambda e=entry: e.line_ids.analytic_line_ids.write({"amount": 0.0}),
                lambda e=entry: e.line_ids.analytic_line_ids.unlink(),
                lambda e=entry: e._reverse_moves(cancel=True),
            ):
                with self.assertRaisesRegex(UserError, "evidence"), self.cr.savepoint():
                    attempt()
        # the reversal wizard of the web client
        reversal = (
            self.env["account.move.reversal"]
            .with_user(self.user_admin)
            .with_context(active_model="account.move", active_ids=move.ids)
            .create(
                {
                    "move_ids": [Command.set(move.ids)],
                    "journal_id": move.journal_id.id,
                    "date": "2025-02-28",
                }
            )
        )
        with self.assertRaisesRegex(UserError, "evidence"), self.cr.savepoint():
            reversal.refund_moves()
        self.env.invalidate_all()
        self.assertEqual(move.state, "posted")
        self.assertEqual(line.move_id, move)
        self.assertAlmostEqual(line.amount, amount)
        self.assertEqual(len(move.line_ids), 2)
        self.assertEqual(move.line_ids.analytic_line_ids, analytic)
        self.assertEqual(sorted(analytic.mapped("amount")), [-1150.0, 1150.0])
        # other entries keep core's rules: the admin team resets an invoice
        invoice = self._margin(self.activity_a, 100, "2025-01-15")
        invoice.with_user(self.user_admin).button_draft()
        self.assertEqual(invoice.state, "draft")

    def test_levied_line_is_read_only(self):
        line = self._levied()
        other = self._margin(self.activity_a, 100, "2025-01-15")
        before = line.read(
            ["amount", "move_id", "base_ytd", "due_ytd", "date_to", "date_from"]
        )
        for env in (self.env(user=self.user_admin), self.env(su=True)):
            for vals in (
                {"amount": 0.0},
                {"move_id": False},
                {"move_id": other.id},
                {"base_ytd": 0.0},
                {"due_ytd": 0.0},
                {"levied_before": 9999.0},
                {"date_to": "2025-12-31"},
                {"date_from": "2024-01-01"},
                {"activity_id": self.activity_b.id},
            ):
                with (
                    self.assertRaisesRegex(UserError, "cannot be changed"),
                    self.cr.savepoint(),
                ):
                    line.with_env(env).write(vals)
        with self.assertRaises(UserError), self.cr.savepoint():
            line.with_env(self.env(su=True)).unlink()
        self.env.invalidate_all()
        self.assertEqual(
            line.read(
                ["amount", "move_id", "base_ytd", "due_ytd", "date_to", "date_from"]
            ),
            before,
        )

    def test_simulator_own_records_only(self):
        Simulator = self.env["cae.contribution.simulator"]
        mine = Simulator.with_user(self.user_a).create(
            {"activity_id": self.activity_a.id, "projected_base": 35000}
        )
        self.assertAlmostEqual(mine.amount, 3975.0)
        theirs = Simulator.with_user(self.user_b).create(
            {"activity_id": self.activity_b.id, "projected_base": 20000}
        )
        self.assertFalse(
            Simulator.with_user(self.user_a).search([("id", "=", theirs.id)])
        )
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_a).read(["projected_base"])
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_a).write({"projected_base": 1})
        # her own record, pointed at another activity
        with self.assertRaises(AccessError), self.cr.savepoint():
            mine.with_user(self.user_a).write({"activity_id": self.activity_b.id})
        # every stored field an entrepreneur may set (the generic test of
        # tests/test_entrepreneur_fields.py tries the others)
        self.assertEqual(
            Simulator._cae_entrepreneur_fields,
            {"activity_id", "projected_base", "date"},
        )
        # support and the admin team simulate any activity
        for user in (self.user_support, self.user_admin):
            simulated = Simulator.with_user(user).create(
                {"activity_id": self.activity_b.id, "projected_base": 35000}
            )
            self.assertAlmostEqual(simulated.amount, 3975.0)
        self.env.invalidate_all()
        self.assertAlmostEqual(theirs.projected_base, 20000.0)
        self.assertEqual(mine.activity_id, self.activity_a)

    def test_fiscal_year_from_the_company(self):
        """A fiscal year closing on 30 June: the year of a run in August starts
        on 1 July."""
        self.company.write({"fiscalyear_last_month": "6", "fiscalyear_last_day": 30})
        activity = self._activity("FY")
        self._margin(activity, 10000, "2025-06-10")
        self._margin(activity, 2000, "2025-07-10")
        line = self._run("2025-08-31", activity)
        self.assertEqual(line.date_from, fields.Date.to_date("2025-07-01"))
        self.assertAlmostEqual(line.base_ytd, 2000.0)

    def test_bracket_reads_in_the_users_number_format(self):
        """A bracket reads "50 000 - ... : 11,5 %" in French, not "11.5 %"
        (issue 18)."""
        self.env["res.lang"]._activate_lang("fr_FR")
        bracket = self.env["cae.contribution.scale.bracket"].new(
            {"lower_bound": 50000, "rate": 11.5}
        )
        french = bracket.with_context(lang="fr_FR").display_name
        self.assertIn("11,5", french)
        self.assertNotIn("11.5", french)
        self.assertRegex(french, r"^50\s000 ")
        self.assertIn("11.5", bracket.with_context(lang="en_US").display_name)

    def test_entries_speak_the_companys_language(self):
        """The levy's entries are labelled in the company's language and date
        format whoever runs it, not "Contribution CERA up to 2025-03-31"
        (issue 18)."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["cae_contribution"], ["fr_FR"], overwrite=True
        )
        self.company.partner_id.lang = "fr_FR"
        activity = self._activity("LANG")
        self._margin(activity, 10000, "2025-03-10")
        line = self._run("2025-03-31", activity).with_context(lang="en_US")
        self.assertEqual(line.move_id.ref, "Contribution LANG au 31/03/2025")
        self.assertIn("Contribution coopérative", line.move_id.line_ids.mapped("name"))
