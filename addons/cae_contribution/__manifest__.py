{
    "name": "CAE - Cooperative contribution",
    "summary": "Contribution scales on gross margin, monthly year-to-date levy with "
    "regularisation, statements and simulator",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "development_status": "Alpha",
    "depends": [
        "cae_member",
    ],
}
