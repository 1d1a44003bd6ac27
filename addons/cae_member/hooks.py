def post_init_hook(env):
    """Every existing company gets its CAE structure analytic account."""
    for company in env["res.company"].search([]):
        company._cae_structure_account()
