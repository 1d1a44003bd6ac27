"""cae_member 18.0.3.0.0: the links copied aside by the pre-migration become
the new poles (see pre-migrate.py): each activity keeps its pole, each member
whose pole is not one of her activities' is invited to it, so that every
member stays in the pole she was in. The poles' members are computed and
their discussion channels created."""

from odoo import SUPERUSER_ID, api


def _table_exists(cr, table):
    cr.execute("SELECT 1 FROM information_schema.tables WHERE table_name = %s", [table])
    return bool(cr.fetchone())


def migrate(cr, version):
    if not version:
        return
    if _table_exists(cr, "cae_migration_activity_pole"):
        cr.execute(
            """INSERT INTO cae_activity_pole_rel (activity_id, pole_id)
                 SELECT activity_id, pole_id FROM cae_migration_activity_pole
                 ON CONFLICT DO NOTHING"""
        )
        cr.execute("DROP TABLE cae_migration_activity_pole")
    if _table_exists(cr, "cae_migration_partner_pole"):
        # a member in a pole none of her activities is in is invited to it
        cr.execute(
            """INSERT INTO cae_pole_extra_member_rel (pole_id, partner_id)
                 SELECT m.pole_id, m.partner_id FROM cae_migration_partner_pole m
                  WHERE NOT EXISTS (
                        SELECT 1 FROM cae_activity_member_rel am
                          JOIN cae_activity_pole_rel ap
                            ON ap.activity_id = am.activity_id
                         WHERE am.partner_id = m.partner_id
                           AND ap.pole_id = m.pole_id)
                 ON CONFLICT DO NOTHING"""
        )
        cr.execute("DROP TABLE cae_migration_partner_pole")
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    poles = env["cae.pole"].with_context(active_test=False).search([])
    env.add_to_compute(poles._fields["member_ids"], poles)
    poles.flush_recordset()
    poles._cae_sync_channel()
