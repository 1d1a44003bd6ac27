"""cae_member 18.0.3.0.0: an activity belongs to several poles
(``cae.activity.pole_id`` becomes ``pole_ids``) and a member's poles are
derived from her activities, plus the poles she is invited to
(``res.partner.cae_pole_id`` becomes ``cae_pole_ids``, read from
``cae.pole.member_ids``). A pole gets a company, a coordinator, members, a
discussion channel and documents.

Before the upgrade loads the new fields, the old links are copied aside (the
old columns are dropped with their fields at the end of the upgrade), and the
poles get the company of their activities (else the first company)."""


def _column_exists(cr, table, column):
    cr.execute(
        """SELECT 1 FROM information_schema.columns
            WHERE table_name = %s AND column_name = %s""",
        [table, column],
    )
    return bool(cr.fetchone())


def migrate(cr, version):
    if not version:
        return
    if _column_exists(cr, "cae_activity", "pole_id"):
        cr.execute(
            """CREATE TABLE IF NOT EXISTS cae_migration_activity_pole AS
                 SELECT id AS activity_id, pole_id FROM cae_activity
                  WHERE pole_id IS NOT NULL"""
        )
    if _column_exists(cr, "res_partner", "cae_pole_id"):
        cr.execute(
            """CREATE TABLE IF NOT EXISTS cae_migration_partner_pole AS
                 SELECT id AS partner_id, cae_pole_id AS pole_id FROM res_partner
                  WHERE cae_pole_id IS NOT NULL"""
        )
    if not _column_exists(cr, "cae_pole", "company_id"):
        cr.execute("ALTER TABLE cae_pole ADD COLUMN company_id integer")
        cr.execute(
            """UPDATE cae_pole p
                  SET company_id = COALESCE(
                      (SELECT MIN(a.company_id) FROM cae_activity a
                        WHERE a.pole_id = p.id),
                      (SELECT MIN(id) FROM res_company))"""
            if _column_exists(cr, "cae_activity", "pole_id")
            else "UPDATE cae_pole SET company_id = (SELECT MIN(id) FROM res_company)"
        )
