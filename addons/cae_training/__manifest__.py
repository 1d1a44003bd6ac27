{
    "name": "CAE - Training organisation (Qualiopi)",
    "summary": "Programmes, actions, conventions, half-day attendance, certificates, "
    "Qualiopi evidence, BPF and CPF deadlines for the CAE's training organisation",
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "license": "AGPL-3",
    "author": "CAE suite contributors",
    "development_status": "Alpha",
    "depends": [
        "cae_contribution",
        "cae_member",
        "cae_parcours",
        "survey",
    ],
}
