/** @odoo-module **/

import { registry } from "@web/core/registry";

// A trainer fills the half-day attendance of a training action, countersigns
// it and prints a certificate of completion.
// Data: addons/cae_training/tests/test_tours.py
registry.category("web_tour.tours").add("cae_trainer_tour", {
    url: "/odoo",
    steps: () => [
        { trigger: ".o_navbar_apps_menu button", run: "click" },
        {
            trigger: ".o_app[data-menu-xmlid='cae_member.cae_member_menu_root']",
            run: "click",
        },
        {
            trigger: ".o-dropdown[data-menu-xmlid='cae_training.cae_training_menu_root']",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item[data-menu-xmlid='cae_training.cae_training_action_menu']",
            run: "click",
        },
        {
            trigger: ".o_data_row:contains(Maîtriser le tableur) .o_data_cell",
            run: "click",
        },
        {
            trigger: ".o_notebook_headers a:contains(Attendance)",
            run: "click",
        },
        {
            content: "First half-day: present",
            trigger: "div[name=attendance_ids] .o_data_row:nth-child(1) button[name=action_training_present]",
            run: "click",
        },
        {
            trigger: "div[name=attendance_ids] .o_data_row:nth-child(1) .o_data_cell[name=state]:contains(Present)",
        },
        {
            content: "Second half-day: present",
            trigger: "div[name=attendance_ids] .o_data_row:nth-child(2) button[name=action_training_present]",
            run: "click",
        },
        {
            trigger: "div[name=attendance_ids] .o_data_row:nth-child(2) .o_data_cell[name=state]:contains(Present)",
        },
        {
            content: "Countersign",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_countersign]",
            run: "click",
        },
        {
            trigger: ".o-dropdown[data-menu-xmlid='cae_training.cae_training_menu_root']",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item[data-menu-xmlid='cae_training.cae_training_trainee_menu']",
            run: "click",
        },
        {
            trigger: ".o_data_row:contains(Lucie Martin) .o_list_record_selector input",
            run: "click",
        },
        {
            trigger: ".o_control_panel .o_cp_action_menus button:contains(Print)",
            run: "click",
        },
        {
            content: "Print the certificate of completion",
            trigger: ".o-dropdown-item:contains(Certificate of completion)",
            run: "click",
        },
        {
            trigger: ".o_data_row:contains(Lucie Martin)",
        },
    ],
});
