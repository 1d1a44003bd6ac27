/** @odoo-module **/

import { registry } from "@web/core/registry";

// The admin team's month end: export the pay variables and download the
// file. Data: addons/cae_payroll/tests/test_tours.py
registry.category("web_tour.tours").add("cae_payroll_export_tour", {
    url: "/odoo",
    steps: () => [
        {
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            trigger: ".o_app[data-menu-xmlid='cae_member.cae_member_menu_root']",
            run: "click",
        },
        {
            trigger: ".o-dropdown[data-menu-xmlid='cae_payroll.cae_member_menu_payroll']",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item[data-menu-xmlid='cae_payroll.cae_payroll_export_wizard_menu']",
            run: "click",
        },
        {
            trigger: ".modal button[name=action_export]",
            run: "click",
        },
        {
            content: "The export has the entrepreneur under CESA",
            trigger: ".o_form_view .o_data_row:contains(PAY-A)",
        },
        {
            content: "Download the CSV",
            trigger: "button[name=action_download_csv]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_data_row:contains(PAY-A)",
        },
    ],
});
