/** @odoo-module **/

import { registry } from "@web/core/registry";

// An entrepreneur creates a quote for a customer, confirms it, invoices it,
// confirms the invoice and opens the état des comptes of the activity.
// Data: addons/cae_member/tests/test_tours.py
registry.category("web_tour.tours").add("cae_entrepreneur_tour", {
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
            trigger: ".o-dropdown[data-menu-xmlid='cae_member.cae_member_menu_documents']",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item[data-menu-xmlid='cae_member.sale_order_menu_cae']",
            run: "click",
        },
        {
            content: "New quote",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The activity is preselected",
            trigger: ".o_field_widget[name=cae_activity_id] input:value(ACTA)",
        },
        {
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Boulangerie Martin",
        },
        {
            trigger: "ul.ui-autocomplete > li > a:contains(Boulangerie Martin)",
            run: "click",
        },
        {
            trigger: "a:contains('Add a product')",
            run: "click",
        },
        {
            trigger: ".o_data_row div[name='product_template_id'] input",
            run: "edit Prestation CAE",
        },
        {
            trigger: "ul.ui-autocomplete a:contains('Prestation CAE')",
            run: "click",
        },
        {
            content: "The product's price is in (its onchange has answered)",
            trigger: ".o_selected_row div[name=price_unit] input:value(250.00)",
        },
        {
            content: "Leave the line",
            trigger: "a[name=order_lines]",
            run: "click",
        },
        {
            content: "The line is closed",
            trigger: ".o_data_row:not(.o_selected_row) td[name=product_template_id]:contains(Prestation CAE)",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Confirm the quote",
            trigger: ".o_form_saved button[name=action_confirm]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value=sale]",
        },
        {
            content: "Create the invoice",
            trigger: "button#create_invoice",
            run: "click",
        },
        {
            trigger: ".modal button#create_invoice_open",
            run: "click",
        },
        {
            content: "The invoice is on the activity",
            trigger: ".o_field_widget[name=cae_activity_id] input:value(ACTA)",
        },
        {
            content: "Confirm the invoice",
            trigger: ".o_form_view button[name=action_post]:contains(Confirm)",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value=posted]",
        },
        {
            content: "Open the account statement",
            trigger: ".o-dropdown[data-menu-xmlid='cae_member.cae_member_menu_documents']",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item[data-menu-xmlid='cae_member.cae_account_statement_menu']",
            run: "click",
        },
        {
            content: "The revenue of the invoice is there",
            trigger: ".o_field_widget[name=revenue]:contains(250.00)",
        },
    ],
});
