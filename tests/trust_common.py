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

Passwords are the logins (``new_test_user``).
"""

import xmlrpc.client

from odoo.tests import HttpCase
from odoo.tests.common import JsonRpcException

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
        try:
            return self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs,
                },
            )
        except JsonRpcException as exc:
            error = exc.args[0] if exc.args else {}
            data = error.get("data", {}) if isinstance(error, dict) else {}
            name = data.get("name", "") or str(exc)
            raise RpcRefused(name.rsplit(".", 1)[-1], data.get("message", "")) from exc

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
