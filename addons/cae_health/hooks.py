def post_init_hook(env):
    """Every existing company gets the default follow-up rules (companies
    created later get them on creation)."""
    env["res.company"].search([])._cae_health_ensure_rules()
