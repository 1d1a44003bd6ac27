{
    "name": "CAE - Entrepreneur journey",
    "summary": "Journey from information meeting to associate status, legal deadlines, "
    "appointments, workshops and attendance, competences, funder statistics",
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "development_status": "Alpha",
    "depends": [
        "cae_member",
        "calendar",
        "event",
        "report_xlsx",
    ],
    "data": [
        "security/ir.model.access.csv",
    ],
}
