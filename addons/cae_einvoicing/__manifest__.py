{
    "name": "CAE - Electronic invoicing reform",
    "summary": "Factur-X EN 16931 issuance for each activity, supplier e-invoices "
    "routed to the right activity, lifecycle statuses and e-reporting for a CAE",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "maintainers": ["cae-suite"],
    "website": "https://github.com/cae-suite/cae-suite",
    "development_status": "Alpha",
    "depends": [
        "account_edi_ubl_cii",
        "cae_member",
    ],
    "external_dependencies": {
        "python": ["factur-x"],
    },
    "data": [
        "security/ir.model.access.csv",
        "security/cae_einvoicing_rules.xml",
        "data/cae_einvoicing_data.xml",
        "wizards/cae_einvoice_split_views.xml",
        "wizards/cae_einvoice_upload_views.xml",
        "views/cae_einvoice_document_views.xml",
        "views/cae_einvoice_status_views.xml",
        "views/cae_einvoicing_connector_views.xml",
        "views/cae_ereporting_views.xml",
        "views/account_move_views.xml",
        "views/res_company_views.xml",
        "report/account_move_templates.xml",
        "views/cae_einvoicing_menus.xml",
    ],
}
