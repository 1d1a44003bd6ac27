{
    "name": "CAE - Paid leave",
    "summary": "Paid leave of the salaried entrepreneurs (CESA): accrual of 2.5 "
    "working days a month, requests, approval, pay variables and leave liability",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Time Off",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "maintainers": ["cae-suite"],
    "website": "https://github.com/cae-suite/cae-suite",
    "development_status": "Alpha",
    "depends": [
        "cae_payroll",
        "hr_holidays",
    ],
    "data": [
        "security/cae_leave_security.xml",
        "views/res_config_settings_views.xml",
        "views/cae_salary_request_views.xml",
        "views/cae_account_statement_views.xml",
    ],
    "post_init_hook": "post_init_hook",
}
