{
    "name": "CAE - Meal vouchers",
    "summary": "Meal vouchers (titres-restaurant) of the salaried entrepreneurs: days "
    "worked per month, entitlement, employer share charged to the activity, pay "
    "variables, suspension when the activity cannot afford them",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Payroll",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "maintainers": ["cae-suite"],
    "website": "https://github.com/cae-suite/cae-suite",
    "development_status": "Alpha",
    "depends": [
        "cae_payroll",
        "hr_expense",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/cae_meal_voucher_rules.xml",
        "data/product_data.xml",
        "wizards/cae_meal_voucher_suspend_views.xml",
        "views/cae_meal_voucher_month_views.xml",
        "views/cae_activity_views.xml",
        "views/product_template_views.xml",
        "views/cae_payroll_export_views.xml",
        "views/res_config_settings_views.xml",
        "views/cae_meal_voucher_menus.xml",
    ],
}
