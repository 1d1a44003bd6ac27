def post_init_hook(env):
    """Every company gets its paid leave type and accrual plan; the CESAs
    already running get their allocation, accrued from their start."""
    for company in env["res.company"].search([]):
        company._cae_leave_type()
    env["cae.contract"].search(
        [("contract_type", "=", "cesa"), ("state", "in", ("running", "ended"))]
    )._cae_sync_leave_allocation()
