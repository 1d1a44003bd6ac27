"""What an entrepreneur may write: one list per model, enforced in the ORM.

Access rights and record rules say *which records* a user reaches; they say
nothing of *which fields*. A ``readonly`` in a view protects nothing against
``write()`` over JSON-RPC or XML-RPC, so every model an entrepreneur may create
or write declares the fields they may set::

    class SaleOrder(models.Model):
        _inherit = "sale.order"
        _cae_entrepreneur_fields = frozenset({"partner_id", "order_line", ...})

For a user who is an entrepreneur and neither support nor admin
(``res.users._cae_is_entrepreneur_only``), ``create``, ``write`` and the
``default`` of ``copy`` refuse any other field with an ``AccessError`` naming
it. A model that declares nothing (``None``) is not guarded; the generic test
``test_entrepreneur_fields`` fails for a model the entrepreneur group may
write that declares no list, so a model or a field added later is protected
by default.

Core flows that write protected fields on the user's behalf (the state of a
quote sent by e-mail, say) run inside ``cae_trusted_writes()``: a context
variable of the Python process, which no RPC call can set.
"""

import contextvars
import sys
from contextlib import contextmanager

from odoo import api, models
from odoo.exceptions import AccessError

_TRUSTED = contextvars.ContextVar("cae_trusted_writes", default=False)

# set by the ORM itself on every record
MAGIC_FIELDS = frozenset(
    {"id", "create_uid", "create_date", "write_uid", "write_date", "display_name"}
)


@contextmanager
def cae_trusted_writes():
    """Let the code inside write fields outside the entrepreneur's list.

    Only for server code that has already checked what it writes (a core
    action method wrapped by an override); never around a ``vals`` that came
    from the client unchecked.
    """
    token = _TRUSTED.set(True)
    try:
        yield
    finally:
        _TRUSTED.reset(token)


@contextmanager
def cae_trusted_exit(manager):
    """Run the context manager ``manager`` with its exit trusted: the body
    (the caller's values) stays checked, what the manager writes when it
    closes (core's synchronisation of computed lines) does not."""
    manager.__enter__()
    try:
        yield
    except BaseException:
        if not manager.__exit__(*sys.exc_info()):
            raise
    else:
        with cae_trusted_writes():
            manager.__exit__(None, None, None)


def cae_writes_trusted():
    """True inside ``cae_trusted_writes()``: the write comes from a method that
    checked it (a state changed by its button, say), not from the client."""
    return _TRUSTED.get()


def _guarded(cls):
    """Put the guard on top of the final class of a model (the registry's
    class, the first of the model's MRO), so that it sees the values as the
    caller gave them, before any override adds its own (core ``create``
    numbers a quote, say). Odoo's ``base_automation`` patches its triggers
    the same way, from ``_register_hook``."""
    create_origin, write_origin, copy_origin = cls.create, cls.write, cls.copy

    @api.model_create_multi
    def create(self, vals_list):
        if self._cae_guard_applies():
            for vals in vals_list:
                self._cae_check_entrepreneur_fields(
                    fname
                    for fname, value in vals.items()
                    if not self._cae_is_default_value(fname, value)
                )
        return create_origin(self, vals_list)

    def write(self, vals):
        self._cae_check_entrepreneur_fields(vals)
        return write_origin(self, vals)

    def copy(self, default=None):
        if not self._cae_guard_applies():
            return copy_origin(self, default=default)
        # what the caller asks for is checked; what copy_data carries over is
        # the record's own values, copied as they are
        self._cae_check_entrepreneur_fields(default or {})
        with cae_trusted_writes():
            return copy_origin(self, default=default)

    for name, method in (("create", create), ("write", write), ("copy", copy)):
        method._cae_guard = True
        setattr(cls, name, method)


class Base(models.AbstractModel):
    _inherit = "base"

    # fields an entrepreneur may set on this model (None: the model is not
    # guarded; see the module docstring)
    _cae_entrepreneur_fields = None

    # override: the entrepreneur field guard is put on every model listing its fields
    def _register_hook(self):
        result = super()._register_hook()
        if self._cae_entrepreneur_fields is not None:
            cls = self.env.registry[self._name]
            if not getattr(cls.__dict__.get("write"), "_cae_guard", False):
                _guarded(cls)
        return result

    def _unregister_hook(self):
        # the registry sets its models up again (a module was installed):
        # the guard is put back on the new MRO by _register_hook
        cls = self.env.registry[self._name]
        for name in ("create", "write", "copy"):
            if getattr(cls.__dict__.get(name), "_cae_guard", False):
                delattr(cls, name)
        return super()._unregister_hook()

    def _cae_guard_applies(self):
        return (
            not self.env.su
            and not _TRUSTED.get()
            and self.env.user._cae_is_entrepreneur_only()
        )

    def _cae_field_is_kept(self, fname):
        """Whether writing ``fname`` changes anything: stored fields, and
        computed or related fields with an inverse. The web client also sends
        plain non-stored fields of its forms (flags such as
        ``show_update_pricelist``), which keep nothing."""
        field = self._fields.get(fname)
        if field is None:
            return True
        return bool(field.store or field.inverse or field.related)

    def _cae_is_default_value(self, fname, value):
        """On create, a field given its default value sets nothing the server
        would not set anyway (the web client sends every field of a new
        form: ``active``, the status, empty flags)."""
        field = self._fields.get(fname)
        if field is None or isinstance(value, (list, tuple, dict)) and value:
            return False
        default = self.default_get([fname]).get(fname)
        if not value and not default:
            return True
        return field.type not in ("one2many", "many2many") and value == default

    def _cae_check_entrepreneur_fields(self, fnames):
        """Refuse, for an entrepreneur, any field of ``fnames`` outside the
        model's list."""
        if not fnames or not self._cae_guard_applies():
            return
        refused = {
            fname
            for fname in set(fnames) - self._cae_entrepreneur_fields - MAGIC_FIELDS
            if self._cae_field_is_kept(fname)
        }
        if not refused:
            return
        labels = ", ".join(
            sorted(
                f"{self._fields[f].get_description(self.env)['string']} ({f})"
                if f in self._fields
                else f
                for f in refused
            )
        )
        # sudo: the model's name for the message, whatever her access to ir.model
        raise AccessError(
            self.env._(
                "As an entrepreneur you cannot set these fields of %(model)s: "
                "%(fields)s. They are managed by the cooperative's team or "
                "through the document's buttons.",
                model=self.env["ir.model"].sudo()._get(self._name).name or self._name,
                fields=labels,
            )
        )
