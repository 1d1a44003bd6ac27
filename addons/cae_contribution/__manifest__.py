{
    "name": "CAE - Cooperative contribution",
    "summary": "Contribution scales on gross margin, monthly year-to-date levy with "
    "regularisation, statements and simulator",
    "version": "18.0.2.1.0",
    "category": "Accounting/Accounting",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "maintainers": ["cae-suite"],
    "website": "https://github.com/cae-suite/cae-suite",
    "development_status": "Alpha",
    "depends": [
        "cae_member",
        "queue_job",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/cae_contribution_rules.xml",
        "data/cae_contribution_data.xml",
        "data/queue_job_data.xml",
        "views/cae_contribution_views.xml",
        "views/res_config_settings_views.xml",
        "report/cae_contribution_reports.xml",
        "report/cae_contribution_templates.xml",
        "views/cae_contribution_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "cae_contribution/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
}
