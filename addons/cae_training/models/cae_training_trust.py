"""Who may change what on the training records, beyond access rights.

- The status of a programme or an action changes only through its
  ``action_*`` methods, for every role: a direct ``write({"state": ...})``
  over RPC is refused unless it runs inside ``cae_state_change()`` (the
  methods, after their own checks) or as the superuser.
- An entrepreneur's form sends, on creation, the default values of fields
  she cannot set (``active``, the status...): the field guard of
  ``cae_member`` accepts a field given its default on creation, so it refuses
  only real attempts.
"""

import contextvars
from contextlib import contextmanager

from odoo.exceptions import AccessError

from odoo.addons.cae_member.models.base import cae_trusted_writes

_STATE_CHANGE = contextvars.ContextVar("cae_training_state_change", default=False)


@contextmanager
def cae_state_change():
    """Let the code inside write the status (and, for an entrepreneur, the
    fields the method sets after its own checks)."""
    token = _STATE_CHANGE.set(True)
    try:
        with cae_trusted_writes():
            yield
    finally:
        _STATE_CHANGE.reset(token)


def cae_check_state_write(records, vals_list, default=None):
    """Refuse a status in ``vals_list`` outside ``cae_state_change()``; on
    creation (``default`` given) the default status is accepted."""
    if records.env.su or _STATE_CHANGE.get():
        return
    for vals in vals_list:
        if "state" in vals and not (default is not None and vals["state"] == default):
            raise AccessError(
                records.env._(
                    "The status of %(model)s changes only through its buttons "
                    "(confirm, publish, mark as done...).",
                    model=records.env["ir.model"].sudo()._get(records._name).name,
                )
            )
