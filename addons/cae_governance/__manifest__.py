{
    "name": "CAE - Cooperative governance",
    "summary": "Orientation committees, board and general assembly: convocations, "
    "agenda, attendance and proxies, resolutions and votes, minutes",
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "maintainers": ["cae-suite"],
    "website": "https://github.com/cae-suite/cae-suite",
    "development_status": "Alpha",
    "depends": [
        "cae_parcours",
        "calendar",
        "mail",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/cae_governance_rules.xml",
        "data/mail_template_data.xml",
        "views/cae_meeting_views.xml",
        "views/cae_meeting_resolution_views.xml",
        "views/res_config_settings_views.xml",
        "views/res_partner_views.xml",
        "report/cae_meeting_reports.xml",
        "report/cae_meeting_templates.xml",
        "views/cae_governance_menus.xml",
    ],
}
