"""cae_parcours 18.0.1.1.0: one sponsor per newcomer.

cae_member's activity had a sponsor of its own (``cae_activity.sponsor_id``),
unrelated to the newcomer's (``res.partner.cae_sponsor_id``). The field has
gone; Odoo keeps its column, read here: each member of a sponsored activity
who has no sponsor yet gets the activity's (a member of the cooperative, not
herself). The column is left as it is (the data stays, a rollback keeps it).

The entrepreneurs' appointment rule (a ``noupdate`` record) becomes read-only:
entrepreneurs may now create appointments, as allowed sponsors only (the
sponsors' rule)."""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def _column_exists(cr, table, column):
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = %s AND column_name = %s",
        (table, column),
    )
    return bool(cr.fetchone())


def _copy_activity_sponsors(env):
    cr = env.cr
    if not _column_exists(env.cr, "cae_activity", "sponsor_id"):
        return
    cr.execute(
        "SELECT id, sponsor_id FROM cae_activity WHERE sponsor_id IS NOT NULL "
        "ORDER BY id"
    )
    sponsor_of = dict(cr.fetchall())
    if not sponsor_of:
        return
    activities = env["cae.activity"].with_context(active_test=False).browse(sponsor_of)
    sponsors = env["res.partner"].browse(set(sponsor_of.values())).exists()
    members = sponsors.filtered("is_cae_member")
    count = 0
    for activity in activities.exists():
        sponsor = env["res.partner"].browse(sponsor_of[activity.id])
        if sponsor not in members:
            _logger.warning(
                "activity %s: its sponsor (partner %s) is not a member, not copied",
                activity.code,
                sponsor.id,
            )
            continue
        for partner in activity.member_ids:
            if not partner.cae_sponsor_id and partner != sponsor:
                partner.cae_sponsor_id = sponsor
                count += 1
    _logger.info("%s members got the sponsor of their activity", count)


def _appointment_rule_read_only(env):
    rule = env.ref("cae_parcours.cae_appointment_rule_entrepreneur", False)
    if rule:
        rule.write({"perm_write": False, "perm_create": False, "perm_unlink": False})


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    _copy_activity_sponsors(env)
    _appointment_rule_read_only(env)
