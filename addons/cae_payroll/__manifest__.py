{
    "name": "CAE - Payroll",
    "summary": "Salary requests of the entrepreneurs, pay variables export, payroll "
    "journal import, payslips and kilometre allowance rates",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Payroll",
    "website": "https://github.com/cae-suite/cae-suite",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "maintainers": ["cae-suite"],
    "development_status": "Alpha",
    "depends": [
        "cae_member",
        "hr",
        "hr_expense",
        "report_xlsx",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/cae_payroll_rules.xml",
        "views/cae_payroll_views.xml",
        "report/cae_payroll_export_reports.xml",
        "views/cae_payroll_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "cae_payroll/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
}
