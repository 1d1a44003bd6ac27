{
    "name": "CAE - Internal support time",
    "summary": "Time entrepreneurs spend on internal support (sponsoring, workshops, "
    "committees), approved by the admin team and compensated through the pay "
    "variables export",
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "maintainers": ["cae-suite"],
    "website": "https://github.com/cae-suite/cae-suite",
    "development_status": "Alpha",
    "depends": [
        "cae_parcours",
        "cae_payroll",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/cae_support_time_rules.xml",
        "data/cae_support_time_kind_data.xml",
        "views/cae_support_time_views.xml",
        "views/cae_support_time_menus.xml",
    ],
}
