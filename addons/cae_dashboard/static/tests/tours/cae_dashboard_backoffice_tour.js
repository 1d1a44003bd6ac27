/** @odoo-module **/

import { registry } from "@web/core/registry";

// The admin team opens the table of every activity, sorts it, and drills
// down from a row. Data: addons/cae_dashboard/tests/test_tours.py
const CODES = ["ACTA", "ACTB", "DSH1", "DSH2", "DSH3", "DSH9"];
const row = (code) => `.o_cae_backoffice_table .o_cae_backoffice_row[data-code='${code}']`;

registry.category("web_tour.tours").add("cae_dashboard_backoffice_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the CAE app",
            trigger: ".o_app[data-menu-xmlid='cae_member.cae_member_menu_root']",
            run: "click",
        },
        {
            content: "Open the activities dashboard",
            trigger: "[data-menu-xmlid='cae_dashboard.cae_dashboard_backoffice_menu']",
            run: "click",
        },
        ...CODES.map((code) => ({
            content: `The row of ${code}`,
            trigger: row(code),
        })),
        {
            content: "Six rows, no more",
            trigger:
                ".o_cae_backoffice_table tbody:has(tr:nth-child(6)):not(:has(tr:nth-child(7)))",
        },
        {
            content: "Sorted by code",
            trigger: ".o_cae_backoffice_table tbody tr:first-child[data-code='ACTA']",
        },
        {
            content: "Sort by code, descending",
            trigger: ".o_cae_backoffice_table th[data-key=code]",
            run: "click",
        },
        {
            trigger: ".o_cae_backoffice_table tbody tr:first-child[data-code='DSH9']",
        },
        {
            content: "Sort by revenue",
            trigger: ".o_cae_backoffice_table th[data-key=revenue_ytd]",
            run: "click",
        },
        {
            trigger: ".o_cae_backoffice_table tbody tr:last-child[data-code='DSH1']",
        },
        {
            content: "Drill down to the refused quotation's activity's quotes to validate",
            trigger: `${row("DSH1")} td[data-key=revenue_ytd] a`,
            run: "click",
        },
        {
            content: "The invoices of the activity",
            trigger: ".o_list_view .o_data_row:has(td:contains('1,200.00'))",
        },
    ],
});
