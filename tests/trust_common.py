"""Hostile calls through the real RPC endpoints, as each role.

``TrustRpcCase`` builds the CAE of ``CaeTestCommon`` (company, one user per
role, entrepreneurs A and B) and gives two ways in, both through Odoo's HTTP
server, as a browser or a script would reach it:

- ``self.jsonrpc(login, model, method, *args, **kwargs)``: ``/web/dataset/call_kw``
  with the session cookie of ``login`` (the web client's way);
- ``self.xmlrpc(login, model, method, *args, **kwargs)``: ``/xmlrpc/2/object``
  ``execute_kw`` with the login's password (an external script's way).

``self.assertRefused(call)`` runs one such call and asserts the server
answered with an error (access, validation or user error), and returns its
message. Read the database back as the admin afterwards (``self.env``, after
``self.env.invalidate_all()``) to assert nothing changed.

Passwords are the logins (set here for the users of ``CaeTestCommon``). XML-RPC
cannot carry ``Command`` objects: write x2many commands as plain tuples.
"""

import json
import xmlrpc.client

from odoo.tests import HttpCase

from odoo.addons.cae_member.tests.common import CaeTestCommon

REFUSALS = (
    "AccessError",
    "ValidationError",
    "UserError",
    "MissingError",
    "RedirectWarning",
)

XMLRPC_FAULTS = {2: "UserError", 3: "AccessDenied", 4: "AccessError"}


class RpcRefused(Exception):
    """The server refused a call: ``.message`` is what the user is told."""

    def __init__(self, kind, message):
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message


class TrustRpcCase(CaeTestCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a real password each, for XML-RPC (execute_kw checks it)
        for user in (
            cls.user_a,
            cls.user_b,
            cls.user_support,
            cls.user_admin,
            cls.user_manager,
        ):
            user.password = user.login

    def setUp(self):
        super().setUp()
        self._rpc_session = None

    def _uid(self, login):
        return self.env["res.users"].search([("login", "=", login)]).id

    def jsonrpc(self, login, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` through /web/dataset/call_kw as
        ``login``; raises RpcRefused when the server answers an error."""
        if self._rpc_session != login:
            self.authenticate(login, login)
            self._rpc_session = login
        kwargs.setdefault("context", {})
        kwargs["context"].setdefault("allowed_company_ids", [self.company.id])
        # the web client sends the user's language with every call
        kwargs["context"].setdefault(
            "lang", self.env["res.users"].search([("login", "=", login)]).lang
        )
        payload = {
            "id": 0,
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": kwargs,
            },
        }
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        response.raise_for_status()
        answer = response.json()
        if "error" in answer:
            data = answer["error"].get("data", {})
            name = data.get("name", "") or answer["error"].get("message", "")
            raise RpcRefused(name.rsplit(".", 1)[-1], data.get("message", ""))
        return answer.get("result")

    def xmlrpc(self, login, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` through /xmlrpc/2/object as
        ``login``; raises RpcRefused when the server answers a fault."""
        kwargs.setdefault("context", {})
        kwargs["context"].setdefault("allowed_company_ids", [self.company.id])
        try:
            return self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                self._uid(login),
                login,
                model,
                method,
                list(args),
                kwargs,
            )
        except xmlrpc.client.Fault as exc:
            # /xmlrpc/2 answers Odoo's exceptions with a code; 1 is a crash
            kind = XMLRPC_FAULTS.get(exc.faultCode, "Fault")
            raise RpcRefused(kind, exc.faultString or "") from exc

    def assertRefused(self, call, *args, kinds=REFUSALS, **kwargs):
        """Run ``call(*args, **kwargs)`` and assert the server refused it with
        one of ``kinds``; return the message."""
        with self.assertRaises(RpcRefused) as caught:
            call(*args, **kwargs)
        self.assertIn(caught.exception.kind, kinds, caught.exception.message)
        self.env.invalidate_all()
        return caught.exception.message

    def both(self, login, model, method, *args, **kwargs):
        """The same call through both endpoints: a list of two callables."""
        return [
            lambda: self.jsonrpc(login, model, method, *args, **dict(kwargs)),
            lambda: self.xmlrpc(login, model, method, *args, **dict(kwargs)),
        ]
