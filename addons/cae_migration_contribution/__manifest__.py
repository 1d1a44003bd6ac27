{
    "name": "CAE - Migration import of the contribution already levied",
    "summary": "The migration import also reads the contribution the former software "
    "levied in the current fiscal year",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/cae-suite/cae-suite",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "maintainers": ["cae-suite"],
    "development_status": "Alpha",
    "depends": [
        "cae_contribution",
        "cae_migration",
    ],
    "data": [
        "views/cae_migration_import_views.xml",
    ],
    "auto_install": True,
}
