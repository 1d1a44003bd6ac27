{
    "name": "CAE - Tender watch",
    "summary": "Calls for tenders watched per pole, weekly digest to the members, "
    "shared answers by several activities, BOAMP open data import",
    "version": "18.0.1.0.0",
    "category": "Sales",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "maintainers": ["cae-suite"],
    "website": "https://github.com/cae-suite/cae-suite",
    "development_status": "Alpha",
    "depends": ["cae_member", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "security/cae_tender_rules.xml",
        "data/cae_tender_data.xml",
        "data/cae_tender_mail_templates.xml",
        "wizards/cae_tender_import_views.xml",
        "views/cae_tender_views.xml",
        "views/cae_tender_project_views.xml",
        "views/cae_tender_keyword_views.xml",
        "views/cae_tender_menus.xml",
    ],
}
