{
    "name": "CAE - Dashboards",
    "summary": "Home dashboard of each entrepreneur's activities, back-office table of "
    "every activity, kanban of the candidates' journey",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "maintainers": ["cae-suite"],
    "website": "https://github.com/cae-suite/cae-suite",
    "development_status": "Alpha",
    "depends": [
        "web",
        "cae_contribution",
        "cae_payroll",
        "cae_parcours",
    ],
    "data": [
        "views/cae_dashboard_views.xml",
        "views/res_partner_views.xml",
        "views/cae_dashboard_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "cae_dashboard/static/src/dashboard/*",
        ],
        "web.assets_tests": [
            "cae_dashboard/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
}
