def post_init_hook(env):
    """Contribution accounts and journal for every company with a chart."""
    for company in env["res.company"].search([("chart_template", "!=", False)]):
        company._cae_contribution_setup()
