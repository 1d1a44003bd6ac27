def post_init_hook(env):
    """The entrepreneurs who have no home action yet land on their dashboard."""
    group = env.ref("cae_member.cae_member_group_entrepreneur")
    group.with_context(active_test=False).users._cae_set_dashboard_home()
