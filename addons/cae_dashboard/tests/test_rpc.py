import json
import xmlrpc.client

from odoo.tests import HttpCase, tagged

from .common import DashboardCommon


@tagged("post_install", "-at_install")
class TestDashboardRpc(DashboardCommon, HttpCase):
    """The dashboards through the web client's endpoint, as each role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._posted(cls.activity_a, 700.0, cls.today)
        cls._posted(cls.activity_b, 900.0, cls.today)
        # a real password, for XML-RPC (execute_kw checks it)
        cls.user_a.password = "ent_a"

    def _call(self, login, method):
        self.authenticate(login, login)
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": "cae.dashboard",
                        "method": method,
                        "args": [],
                        "kwargs": {
                            "context": {"allowed_company_ids": [self.company.id]}
                        },
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        response.raise_for_status()
        return response.json()

    def test_entrepreneur_reads_her_activities_only(self):
        answer = self._call("ent_a", "get_entrepreneur_data")
        rows = answer["result"]["activities"]
        self.assertEqual([r["code"] for r in rows], ["ACTA"])
        self.assertEqual(rows[0]["revenue_ytd"], 700.0)

    def test_entrepreneur_cannot_open_the_backoffice(self):
        answer = self._call("ent_a", "get_backoffice_data")
        self.assertIn("error", answer)
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertNotIn("ACTB", json.dumps(answer))

    def test_entrepreneur_cannot_open_the_backoffice_by_xmlrpc(self):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                self.user_a.id,
                "ent_a",
                "cae.dashboard",
                "get_backoffice_data",
                [],
                {"context": {"allowed_company_ids": [self.company.id]}},
            )
        self.assertIn("support and admin teams", caught.exception.faultString)

    def test_support_opens_the_backoffice(self):
        answer = self._call("support", "get_backoffice_data")
        codes = {r["code"] for r in answer["result"]["activities"]}
        self.assertEqual(codes, {"ACTA", "ACTB"})
