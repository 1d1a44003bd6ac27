{
    "name": "CAE - Entrepreneur journey",
    "summary": "Journey from information meeting to associate status, legal deadlines, "
    "appointments, workshops and attendance, competences, funder statistics",
    "version": "18.0.1.1.0",
    "category": "Human Resources",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "maintainers": ["cae-suite"],
    "website": "https://github.com/cae-suite/cae-suite",
    "development_status": "Alpha",
    "depends": [
        "cae_member",
        "calendar",
        "event",
        "report_xlsx",
    ],
    "data": [
        "security/cae_parcours_security.xml",
        "security/ir.model.access.csv",
        "security/cae_parcours_rules.xml",
        "data/cae_parcours_data.xml",
        "views/cae_appointment_views.xml",
        "views/cae_journey_views.xml",
        "views/cae_sponsor_views.xml",
        "report/cae_parcours_reports.xml",
        "report/cae_parcours_templates.xml",
        "views/cae_parcours_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "cae_parcours/static/tests/tours/*.js",
        ],
    },
}
