{
    "name": "CAE - Associates register",
    "summary": "Share subscriptions of the associates, payroll deduction of the "
    "shares, redemption at exit, register of associates (PDF, XLSX)",
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "maintainers": ["cae-suite"],
    "website": "https://github.com/cae-suite/cae-suite",
    "development_status": "Alpha",
    "depends": [
        "cae_payroll",
        "report_xlsx",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/cae_associate_rules.xml",
        "wizards/cae_associate_redeem_views.xml",
        "views/cae_associate_subscription_views.xml",
        "views/res_company_views.xml",
        "views/res_partner_views.xml",
        "report/cae_associate_subscription_reports.xml",
        "report/cae_associate_subscription_templates.xml",
        "views/cae_associate_menus.xml",
    ],
}
