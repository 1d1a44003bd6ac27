/** @odoo-module **/

import { registry } from "@web/core/registry";

// Support staff: an individual appointment with its report, then a workshop:
// register an entrepreneur and mark the attendance.
// Data: addons/cae_parcours/tests/test_tours.py
registry.category("web_tour.tours").add("cae_support_tour", {
    url: "/odoo",
    steps: () => [
        { trigger: ".o_navbar_apps_menu button", run: "click" },
        {
            trigger: ".o_app[data-menu-xmlid='cae_member.cae_member_menu_root']",
            run: "click",
        },
        {
            trigger: ".o-dropdown[data-menu-xmlid='cae_parcours.cae_parcours_menu']",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item[data-menu-xmlid='cae_parcours.cae_appointment_menu']",
            run: "click",
        },
        { trigger: ".o_list_button_add", run: "click" },
        {
            trigger: ".o_field_widget[name=name] input",
            run: "edit Entretien de suivi",
        },
        {
            trigger: ".o_field_widget[name=partner_ids] input",
            run: "edit Bruno",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Bruno Boulanger)",
            run: "click",
        },
        {
            content: "Write the report",
            trigger: ".o_field_html[name=report_points] div.o-paragraph",
            run: "editor Chiffre d'affaires en hausse",
        },
        { trigger: ".o_form_button_save", run: "click" },
        {
            trigger: ".o_form_saved button[name=action_done]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value=done]",
        },
        {
            trigger: ".o-dropdown[data-menu-xmlid='cae_parcours.cae_parcours_menu']",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item[data-menu-xmlid='cae_parcours.event_event_menu_cae_workshops']",
            run: "click",
        },
        {
            trigger: ".o_data_row:contains(Atelier socle) .o_data_cell",
            run: "click",
        },
        {
            trigger: ".o_notebook_headers a:contains(CAE workshop)",
            run: "click",
        },
        {
            content: "Register an entrepreneur",
            trigger: "div[name=registration_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: "div[name=registration_ids] .o_selected_row .o_field_widget[name=partner_id] input",
            run: "edit Bruno",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Bruno Boulanger)",
            run: "click",
        },
        { trigger: ".o_form_button_save", run: "click" },
        {
            content: "Open the attendance",
            trigger: ".o_form_saved button[name=action_cae_fill_attendance]",
            run: "click",
        },
        {
            content: "Mark Bruno present",
            trigger: ".o_data_row:contains(Bruno Boulanger) button[name=action_mark_present]",
            run: "click",
        },
        {
            content: "Bruno was present",
            trigger: ".o_data_row:contains(Bruno Boulanger) .o_data_cell[name=state]:contains(Present)",
        },
    ],
});
