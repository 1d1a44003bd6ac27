{
    "name": "CAE - Bank lines per activity",
    "summary": "Bank statements (CAMT.053, OFX, CSV) imported and reconciled "
    "with OCA's modules, every bank line on the activity it pays or is paid by",
    "version": "18.0.1.1.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/cae-suite/cae-suite",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "maintainers": ["cae-suite"],
    "development_status": "Alpha",
    "depends": [
        "account_reconcile_oca",
        "account_statement_import_camt",
        "account_statement_import_ofx",
        "account_statement_import_sheet_file",
        "cae_member",
    ],
    "data": [
        "data/cae_bank_data.xml",
        "views/account_statement_import_views.xml",
        "views/account_bank_statement_line_views.xml",
    ],
}
