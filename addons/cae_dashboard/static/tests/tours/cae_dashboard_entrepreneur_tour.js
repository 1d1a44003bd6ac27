/** @odoo-module **/

import { registry } from "@web/core/registry";

// A member of three activities logs in and lands on her dashboard: exactly
// her three activities, none of another member's; a figure opens its list.
// Data: addons/cae_dashboard/tests/test_tours.py
const card = (code) => `.o_cae_dashboard_entrepreneur .o_cae_activity_card[data-code='${code}']`;

registry.category("web_tour.tours").add("cae_dashboard_entrepreneur_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The home action is the dashboard",
            trigger: ".o_cae_dashboard_entrepreneur .o_cae_activity_cards",
        },
        {
            trigger: `${card("DSH1")} .o_cae_trade_name:contains(Céramiques Chloé)`,
        },
        {
            trigger: `${card("DSH2")} .o_cae_trade_name:contains(Chloé Conseil)`,
        },
        {
            trigger: `${card("DSH3")} .o_cae_trade_name:contains(Atelier Trois)`,
        },
        {
            content: "Exactly three activities",
            trigger:
                ".o_cae_activity_cards:has(.o_cae_activity_card:nth-child(3))" +
                ":not(:has(.o_cae_activity_card:nth-child(4)))",
        },
        {
            content: "No activity of another member",
            trigger:
                ".o_cae_dashboard_entrepreneur:not(:has([data-code='DSH9']))" +
                ":not(:has([data-code='ACTA'])):not(:has([data-code='ACTB']))",
        },
        {
            content: "The chart is drawn",
            trigger: `${card("DSH1")} .o_cae_activity_chart canvas`,
        },
        {
            content: "The revenue of the year",
            trigger: `${card("DSH1")} tr[data-figure=revenue] .o_cae_figure_value:contains('1,200.00')`,
        },
        {
            content: "Open the refused quotations",
            trigger: `${card("DSH1")} tr[data-figure=quotes_refused] .o_cae_figure_value:contains(1)`,
            run: "click",
        },
        {
            content: "The list of the refused quotation",
            trigger: ".o_list_view .o_data_row:has(td:contains('6,000.00'))",
        },
        {
            content: "Only that one",
            trigger: ".o_list_view .o_list_table:not(:has(.o_data_row:nth-child(2)))",
        },
        {
            content: "Back to the dashboard",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb a:contains(My dashboard)",
            run: "click",
        },
        {
            content: "Open the état des comptes from the treasury",
            trigger: `${card("DSH1")} tr[data-figure=treasury] .o_cae_figure_value`,
            run: "click",
        },
        {
            content: "The statement of that activity, with its revenue",
            trigger:
                ".o_form_view:has(.o_field_widget[name=activity_id] input:value(DSH1))" +
                " .o_field_widget[name=revenue]:contains('1,200.00')",
        },
    ],
});
