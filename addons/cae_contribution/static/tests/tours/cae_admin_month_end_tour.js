/** @odoo-module **/

import { registry } from "@web/core/registry";

// The admin team's month end: run the contribution of last month (the pay
// variables export is cae_payroll's tour). Data: addons/cae_contribution/tests/test_tours.py
registry.category("web_tour.tours").add("cae_admin_month_end_tour", {
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
            trigger: ".o-dropdown[data-menu-xmlid='cae_contribution.cae_contribution_menu']",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item[data-menu-xmlid='cae_contribution.cae_contribution_run_menu']",
            run: "click",
        },
        {
            content: "Preview the contribution of last month",
            trigger: ".modal button[name=action_preview]",
            run: "click",
        },
        {
            content: "The preview shows the activity's amount before posting",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row:contains(ACTA):contains(460)",
        },
        {
            content: "Post exactly what was previewed",
            trigger: ".modal button[name=action_post]",
            run: "click",
        },
        {
            content: "The activity's levy is listed",
            trigger: ".o_list_view .o_data_row:contains(ACTA)",
        },
    ],
});
