"""Locust scenarios of ``make loadtest``: the pages of a CAE's working day.

Run by ``tools/loadtest.py`` (which prepares the database, starts Odoo and
writes the accounts file named by ``CAE_LOADTEST_CONFIG``), from its own
virtualenv: this file imports nothing of Odoo.

Each simulated person logs in with its own login, then calls over JSON-RPC
what the web client calls for a page (``/web/action/load``, ``/web/action/run``,
``/web/dataset/call_kw``, ``/web/dataset/call_button``; like the web client,
each window action and each view is loaded once a session). Each call is one
request of Locust, named ``<page> · <call>``; each page (the calls of one
click, one after the other) is also timed as a whole, its time the time of
all its calls, and written at the end to the file named by
``CAE_LOADTEST_PAGES``: that is the figure of the table. The pages are
measured once everyone is logged in (the logins all along). An answer with an
``error`` key is a failure of the call and of its page. Between two pages a
person thinks 3 to 10 s (``THINK_MIN``, ``THINK_MAX``).
"""

import itertools
import json
import os
import random
import time
import xml.etree.ElementTree as ET
from contextlib import contextmanager

from locust import HttpUser, between, events, task

# a person reads the page, types, then clicks (seconds)
THINK_MIN, THINK_MAX = 3, 10
# entrepreneurs, support team, admin team (tools/loadtest.py's options)
COUNTS = [int(n) for n in os.environ.get("CAE_LOADTEST_COUNTS", "40,5,5").split(",")]

RELATIONAL = ("many2one", "one2many", "many2many")

CONFIG = {}
# page name -> [[milliseconds, failure message or ""], ...]
PAGES = {}
MEASURING = False
_ACCOUNTS = {}


@events.init.add_listener
def _load_config(environment, **_kwargs):
    path = os.environ.get("CAE_LOADTEST_CONFIG")
    if not path:
        raise RuntimeError("CAE_LOADTEST_CONFIG names no accounts file")
    with open(path, encoding="utf-8") as handle:
        CONFIG.update(json.load(handle))
    for role in ("entrepreneur", "support", "admin"):
        _ACCOUNTS[role] = itertools.cycle(CONFIG["accounts"][role])


@events.spawning_complete.add_listener
def _measure(user_count, **_kwargs):
    """The pages are measured once everyone is logged in (the logins, made
    during the ramp-up, are measured all along)."""
    global MEASURING
    MEASURING = True


@events.test_stop.add_listener
def _write_pages(environment, **_kwargs):
    """The time of each page (ms) and its failure, for the table of
    ``tools/loadtest.py`` (Locust's own statistics hold the calls only)."""
    path = os.environ.get("CAE_LOADTEST_PAGES")
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(PAGES, handle)


class PageFailed(Exception):
    """A call of the page failed; the page is recorded as failed."""


def _view_fields(arch):
    """The fields a list or form view holds, each with whether it is hidden
    for good (the web client reads only the ids of a hidden relation), its
    sub-views left out."""
    root = ET.fromstring(arch)
    fields = {}

    def walk(node):
        for child in node:
            if child.tag == "field":
                hidden = any(
                    child.get(attr) in ("1", "True")
                    for attr in ("invisible", "column_invisible")
                )
                name = child.get("name")
                fields[name] = fields.get(name, True) and hidden
                continue  # a sub-view's fields are read with its own spec
            walk(child)

    walk(root)
    return fields


class CaeUser(HttpUser):
    """A logged-in person of one role (``role``)."""

    abstract = True
    role = None
    wait_time = between(THINK_MIN, THINK_MAX)

    def on_start(self):
        self.account = next(_ACCOUNTS[self.role])
        self.views = {}
        self.actions = {}
        self.rpc_id = 0
        with self.page(f"{self.role}: login"):
            result = self.rpc(
                "/web/session/authenticate",
                {
                    "db": CONFIG["db"],
                    "login": self.account["login"],
                    "password": self.account["password"],
                },
                "authenticate",
            )
            self.user_context = dict(result["user_context"])
            # one company: the one of the person
            self.user_context["allowed_company_ids"] = [CONFIG["company_id"]]

    # -- JSON-RPC ---------------------------------------------------------

    @contextmanager
    def page(self, name):
        """Record the calls inside as one page named ``name``."""
        self.page_name = name
        start = time.perf_counter()
        exception = None
        try:
            yield
        except PageFailed as exc:
            exception = exc
        elapsed = (time.perf_counter() - start) * 1000
        if not (MEASURING or name.endswith(": login")):
            return  # the ramp-up: everyone is not logged in yet
        PAGES.setdefault(name, []).append(
            [round(elapsed, 1), str(exception) if exception else ""]
        )

    def rpc(self, url, params, call):
        """POST one JSON-RPC call; a failure (HTTP error or ``error`` key)
        stops the page."""
        self.rpc_id += 1
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": params,
            "id": self.rpc_id,
        }
        with self.client.post(
            url,
            json=payload,
            name=f"{self.page_name} · {call}",
            catch_response=True,
        ) as response:
            try:
                body = response.json()
            except ValueError:
                body = None
            if response.status_code != 200 or not isinstance(body, dict):
                message = f"HTTP {response.status_code} on {url}"
                response.failure(message)
                raise PageFailed(message)
            if "error" in body:
                error = body["error"]
                data = error.get("data") or {}
                message = f"{data.get('name') or error.get('message')}: " + (
                    data.get("message") or ""
                )
                response.failure(message[:300])
                raise PageFailed(message[:300])
            response.success()
            return body.get("result")

    def call_kw(self, model, method, args, kwargs=None, call=None):
        kwargs = dict(kwargs or {})
        kwargs.setdefault("context", self.user_context)
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
            call or method,
        )

    def call_button(self, model, method, ids, call=None):
        return self.rpc(
            "/web/dataset/call_button",
            {
                "model": model,
                "method": method,
                "args": [ids],
                "kwargs": {"context": self.user_context},
            },
            call or method,
        )

    def load_action(self, xmlid):
        """The window action of a menu (the web client loads each once)."""
        if xmlid not in self.actions:
            self.actions[xmlid] = self.rpc(
                "/web/action/load",
                {"action_id": xmlid, "context": self.user_context},
                "action/load",
            )
        return self.actions[xmlid]

    def spec(self, model, view_type, action=None):
        """The fields the view reads, as a web_read specification (the web
        client loads each view once per session)."""
        key = (model, view_type)
        if key not in self.views:
            views = [[False, view_type]]
            if action:
                views = [
                    [view_id, kind]
                    for view_id, kind in action.get("views") or views
                    if kind == view_type
                ] or views
            result = self.call_kw(
                model,
                "get_views",
                [],
                {"views": views, "options": {"toolbar": True, "load_filters": True}},
                call="get_views",
            )
            fields = result["models"][model]["fields"]
            spec = {}
            arch = result["views"][view_type]["arch"]
            for name, hidden in _view_fields(arch).items():
                field = fields.get(name) or {}
                if field.get("type") in RELATIONAL and not hidden:
                    spec[name] = {"fields": {"display_name": {}}}
                elif name in fields:
                    spec[name] = {}
            self.views[key] = spec
        return self.views[key]

    def list_page(self, action, domain, limit=80):
        model = action["res_model"]
        return self.call_kw(
            model,
            "web_search_read",
            [],
            {
                "specification": self.spec(model, "list", action),
                "domain": domain,
                "offset": 0,
                "limit": limit,
                "order": "",
                "count_limit": 10001,
            },
        )

    def form_read(self, model, res_id, action=None):
        return self.call_kw(
            model,
            "web_read",
            [[res_id]],
            {"specification": self.spec(model, "form", action)},
        )[0]

    def new_record(self, model, values, action=None):
        """A new form: its defaults (onchange), then the save."""
        spec = self.spec(model, "form", action)
        self.call_kw(model, "onchange", [[], {}, [], spec], call="onchange (new)")
        return self.call_kw(
            model,
            "web_save",
            [[], values],
            {"specification": {"display_name": {}}},
            call="web_save",
        )[0]["id"]


class Entrepreneur(CaeUser):
    """Follows her activity: état des comptes, invoices, a quote submitted
    for validation."""

    fixed_count = COUNTS[0]
    role = "entrepreneur"

    @task(2)
    def account_statement(self):
        with self.page("entrepreneur: état des comptes"):
            action = self.rpc(
                "/web/action/run",
                {
                    "action_id": CONFIG["statement_action_id"],
                    "context": self.user_context,
                },
                "action/run",
            )
            model = "cae.account.statement"
            self.form_read(model, action["res_id"], action)
            # the year of the dataset: the reference date is changed in the form
            spec = self.spec(model, "form", action)
            self.call_kw(
                model,
                "onchange",
                [
                    [action["res_id"]],
                    {"date": CONFIG["statement_date"]},
                    ["date"],
                    spec,
                ],
                call="onchange (date)",
            )

    @task(2)
    def invoices(self):
        with self.page("entrepreneur: invoices list"):
            action = self.load_action("cae_member.account_move_action_cae_out_invoice")
            self.list_page(action, [("move_type", "in", ("out_invoice", "out_refund"))])

    @task(1)
    def quote(self):
        account = self.account
        order_id = None
        with self.page("entrepreneur: create quote"):
            action = self.load_action("cae_member.sale_order_action_cae")
            order_id = self.new_record(
                "sale.order",
                {
                    "partner_id": account["customer_id"],
                    "cae_activity_id": account["activity_id"],
                    "order_line": [
                        [
                            0,
                            0,
                            {
                                "product_id": account["product_id"],
                                "product_uom_qty": random.randint(1, 5),
                                "price_unit": CONFIG["quote_price"],
                            },
                        ]
                    ],
                },
                action,
            )
            self.form_read("sale.order", order_id, action)
        if not order_id:
            return
        # above her threshold: she submits it to the support team
        with self.page("entrepreneur: submit quote"):
            self.call_button("sale.order", "action_cae_submit", [order_id])
            self.form_read("sale.order", order_id, action)


class Support(CaeUser):
    """The support team: appointments, validations."""

    fixed_count = COUNTS[1]
    role = "support"

    @task(1)
    def appointments(self):
        with self.page("support: appointments"):
            action = self.load_action("cae_parcours.cae_appointment_action")
            self.list_page(action, [])

    @task(1)
    def create_appointment(self):
        with self.page("support: create appointment"):
            action = self.load_action("cae_parcours.cae_appointment_action")
            partner_id = random.choice(CONFIG["member_partner_ids"])
            appointment_id = self.new_record(
                "cae.appointment",
                {
                    "name": "Suivi (test de charge)",
                    "partner_ids": [[6, 0, [partner_id]]],
                    "date_start": CONFIG["appointment_date"],
                    "duration": 1.0,
                },
                action,
            )
            self.form_read("cae.appointment", appointment_id, action)

    @task(2)
    def validate(self):
        with self.page("support: validate"):
            action = self.load_action("cae_member.sale_order_action_cae_to_validate")
            result = self.list_page(
                action, [("cae_validation_state", "=", "to_validate")]
            )
            records = result["records"]
            if not records:
                return
            # five people work the same list: each takes one of the first
            order_id = random.choice(records)["id"]
            self.form_read("sale.order", order_id, action)
            self.call_button("sale.order", "action_cae_validate", [order_id])
            self.form_read("sale.order", order_id, action)


class Admin(CaeUser):
    """The admin team: the month's payroll export and contributions."""

    fixed_count = COUNTS[2]
    role = "admin"

    @task(1)
    def payroll_export(self):
        with self.page("admin: payroll export"):
            action = self.load_action("cae_payroll.cae_payroll_export_wizard_action")
            model = "cae.payroll.export.wizard"
            wizard_id = self.new_record(
                model,
                {"month": CONFIG["month"], "confirm_again": True},
                action,
            )
            result = self.call_button(model, "action_export", [wizard_id])
            self.form_read("cae.payroll.export", result["res_id"])

    @task(1)
    def contribution_statements(self):
        with self.page("admin: contribution statements"):
            # the menu's list of the contribution lines, those of the month,
            # then one of them opened
            action = self.load_action("cae_contribution.cae_contribution_line_action")
            lines = self.list_page(action, [("date_to", "=", CONFIG["statement_date"])])
            records = lines.get("records") or []
            if records:
                self.form_read(
                    action["res_model"], random.choice(records)["id"], action
                )
