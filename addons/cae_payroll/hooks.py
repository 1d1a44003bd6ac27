def post_init_hook(env):
    """The companies' existing "Salaires" journal (code SAL) is flagged as
    the payroll journal: only the admin team reads it."""
    env["account.journal"].search(
        [("code", "=", "SAL"), ("cae_payroll", "=", False)]
    ).write({"cae_payroll": True})
