{
    "name": "CAE - Migration import",
    "summary": "Import activities, entrepreneurs, contracts, customers, opening "
    "balances, quotes and invoices from enDI, Louty or a spreadsheet",
    "version": "18.0.2.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/cae-suite/cae-suite",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "maintainers": ["cae-suite"],
    "development_status": "Alpha",
    "depends": [
        "base_import",
        "cae_member",
        "queue_job",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/cae_migration_rules.xml",
        "data/queue_job_data.xml",
        "wizards/cae_migration_import_views.xml",
    ],
}
