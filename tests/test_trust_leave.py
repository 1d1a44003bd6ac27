"""Issue 21, acceptance 5 (paid leave): entrepreneur A, through real JSON-RPC
and XML-RPC, reads and approves B's leave, approves her own, asks for leave
in B's name, raises her own allocation: every call is refused and the
database is unchanged (read back as the admin). She still reads her own
balance and requests; the admin team approves.

The CESAs started five months ago: their allocations accrued up to today
when they started (no clock is frozen under the HTTP server)."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .trust_common import TrustRpcCase


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustLeave(TrustRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["cae_leave"], ["fr_FR"], overwrite=True
        )
        cls.user_a.lang = "fr_FR"
        cls.employee_a = cls._employee(cls.user_a, "PAY-A")
        cls.employee_b = cls._employee(cls.user_b, "PAY-B")
        start = fields.Date.today().replace(day=1) - relativedelta(months=5)
        cls.cesa_a = cls._contract(
            cls.partner_a, "cesa", start, activity_id=cls.activity_a.id
        )
        cls.cesa_b = cls._contract(
            cls.partner_b, "cesa", start, activity_id=cls.activity_b.id
        )
        Allocation = cls.env["hr.leave.allocation"]
        cls.alloc_a = Allocation.search([("cae_contract_id", "=", cls.cesa_a.id)])
        cls.alloc_b = Allocation.search([("cae_contract_id", "=", cls.cesa_b.id)])
        cls.leave_type = cls.company.cae_leave_type_id
        # a Monday and Tuesday two weeks ahead
        monday = fields.Date.today() + timedelta(days=14)
        cls.monday = monday - timedelta(days=monday.weekday())
        cls.leave_a = cls._leave(cls.employee_a, cls.monday)
        cls.leave_b = cls._leave(cls.employee_b, cls.monday)

    @classmethod
    def _leave(cls, employee, monday):
        return cls.env["hr.leave"].create(
            {
                "employee_id": employee.id,
                "holiday_status_id": cls.leave_type.id,
                "request_date_from": monday,
                "request_date_to": monday + timedelta(days=1),
            }
        )

    def _state(self):
        self.env.invalidate_all()
        return (
            (self.leave_a | self.leave_b).mapped("state"),
            (self.alloc_a | self.alloc_b).mapped("number_of_days"),
            self.env["hr.leave"].search_count([]),
            self.env["hr.leave.allocation"].search_count([]),
        )

    def test_entrepreneur_reads_her_own_only(self):
        self.assertEqual(self.alloc_a.number_of_days, 12.5)
        for call in (self.jsonrpc, self.xmlrpc):
            allocations = call(
                "ent_a",
                "hr.leave.allocation",
                "search_read",
                [],
                fields=["employee_id", "number_of_days"],
            )
            self.assertEqual([a["id"] for a in allocations], self.alloc_a.ids)
            self.assertEqual(allocations[0]["number_of_days"], 12.5)
            leaves = call("ent_a", "hr.leave", "search_read", [], fields=["state"])
            self.assertEqual([leave["id"] for leave in leaves], self.leave_a.ids)
            for model, record in (
                ("hr.leave", self.leave_b),
                ("hr.leave.allocation", self.alloc_b),
            ):
                self.assertRefused(
                    call, "ent_a", model, "read", record.ids, ["number_of_days"]
                )

    def test_her_balance_only(self):
        """The Time Off dashboard's balance (core's get_allocation_data_request
        and the leave type's computed days) is hers; asked for B's employee,
        it shows nothing of B's."""
        for call in (self.jsonrpc, self.xmlrpc):
            with self.subTest(call=call.__name__):
                data = call("ent_a", "hr.leave.type", "get_allocation_data_request")
                mine = next(item for item in data if item[3] == self.leave_type.id)
                self.assertEqual(mine[1]["max_leaves"], 12.5)
                for key in ("employee_id", "default_employee_id"):
                    [other] = call(
                        "ent_a",
                        "hr.leave.type",
                        "read",
                        self.leave_type.ids,
                        ["max_leaves", "virtual_remaining_leaves"],
                        context={key: self.employee_b.id},
                    )
                    self.assertEqual(other["max_leaves"], 0)
                    self.assertEqual(other["virtual_remaining_leaves"], 0)
                    data = call(
                        "ent_a",
                        "hr.leave.type",
                        "get_allocation_data_request",
                        context={key: self.employee_b.id},
                    )
                    self.assertFalse(
                        [
                            item
                            for item in data
                            if item[3] == self.leave_type.id and item[1]["max_leaves"]
                        ]
                    )

    def test_entrepreneur_refused_calls(self):
        before = self._state()
        calls = [
            # approve B's leave, then her own
            ("hr.leave", "action_approve", [self.leave_b.ids], {}),
            ("hr.leave", "action_approve", [self.leave_a.ids], {}),
            ("hr.leave", "write", [self.leave_a.ids, {"state": "validate"}], {}),
            # leave in B's name
            (
                "hr.leave",
                "create",
                [
                    {
                        "employee_id": self.employee_b.id,
                        "holiday_status_id": self.leave_type.id,
                        "request_date_from": str(self.monday + timedelta(days=7)),
                        "request_date_to": str(self.monday + timedelta(days=8)),
                    }
                ],
                {},
            ),
            # raise her own allocation, or ask for a new one
            (
                "hr.leave.allocation",
                "write",
                [self.alloc_a.ids, {"number_of_days": 99}],
                {},
            ),
            (
                "hr.leave.allocation",
                "create",
                [
                    {
                        "employee_id": self.employee_a.id,
                        "holiday_status_id": self.leave_type.id,
                        "number_of_days": 20,
                    }
                ],
                {},
            ),
            ("hr.leave.allocation", "action_approve", [self.alloc_a.ids], {}),
        ]
        for model, method, args, kwargs in calls:
            for call in self.both("ent_a", model, method, *args, **kwargs):
                with self.subTest(model=model, method=method):
                    self.assertRefused(call)
                    self.assertEqual(self._state(), before)

    def test_beyond_balance_refused_in_french(self):
        count = self.env["hr.leave"].search_count([])
        message = self.assertRefused(
            self.xmlrpc,
            "ent_a",
            "hr.leave",
            "create",
            {
                "employee_id": self.employee_a.id,
                "holiday_status_id": self.leave_type.id,
                "request_date_from": str(self.monday + timedelta(days=7)),
                "request_date_to": str(self.monday + timedelta(days=32)),
            },
            context={"lang": "fr_FR"},
        )
        self.assertIn("dépasse le solde de congés payés", message)
        self.assertEqual(self.env["hr.leave"].search_count([]), count)

    def test_admin_team_approves(self):
        self.jsonrpc("gestion", "hr.leave", "action_approve", self.leave_a.ids)
        self.env.invalidate_all()
        self.assertEqual(self.leave_a.state, "validate")
