{
    "name": "CAE - Demo cooperative",
    "summary": "A demo CAE with its entrepreneurs, activities, contracts, customers, "
    "training programmes and a year of accounting history",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/cae-suite/cae-suite",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "maintainers": ["cae-suite"],
    "development_status": "Alpha",
    "depends": [
        "cae_bank",
        "cae_contribution",
        "cae_einvoicing",
        "cae_member",
        "cae_migration",
        "cae_parcours",
        "cae_payroll",
        "cae_training",
    ],
    # demo data only: installed without demo data, the module adds nothing
    "demo": [
        "demo/member_demo.xml",
        "demo/employee_demo.xml",
        "demo/contribution_demo.xml",
        "demo/parcours_demo.xml",
        "demo/training_demo.xml",
    ],
}
