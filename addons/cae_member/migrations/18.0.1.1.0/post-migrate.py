def migrate(cr, version):
    """The payroll journal is flagged (only the admin team reads it)."""
    if not version:
        return
    cr.execute("UPDATE account_journal SET cae_payroll = true WHERE code = 'SAL'")
