/** @odoo-module **/

import { registry } from "@web/core/registry";

// An entrepreneur records an expense on her activity, puts it in an expense
// report that she submits, then opens her paid invoice and its payment (from
// the smart button and from the payment widget) without an access error.
// Data: addons/cae_member/tests/test_tours_day.py
registry.category("web_tour.tours").add("cae_expense_payment_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Expenses app",
            trigger: ".o_app[data-menu-xmlid='hr_expense.menu_hr_expense_root']",
            run: "click",
        },
        {
            content: "New expense",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            run: "edit Train Tours-Paris",
        },
        {
            content: "The activity is preselected",
            trigger: ".o_field_widget[name=cae_activity_id] input:value(ACTA)",
        },
        {
            trigger: ".o_field_widget[name=product_id] input",
            run: "edit Billet de train",
        },
        {
            trigger: ".o_field_widget[name=product_id] .o-autocomplete--dropdown-menu li a:contains(Billet de train)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=total_amount_currency] input",
            run: "edit 80.00",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Make the expense report",
            trigger: ".o_form_saved button[name=action_submit_expenses]",
            run: "click",
        },
        {
            content: "The report is on the activity",
            trigger: ".o_form_view .o_field_widget[name=cae_activity_id]:contains(ACTA)",
        },
        {
            content: "The expense is in the report",
            trigger: ".o_field_widget[name=expense_line_ids] .o_data_row:contains(Train Tours-Paris)",
        },
        {
            content: "Submit the report",
            trigger: ".o_form_view button[name=action_submit_sheet]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value=submit]",
        },
        {
            content: "Open the invoices",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            trigger: ".o_app[data-menu-xmlid='cae_member.cae_member_menu_root']",
            run: "click",
        },
        {
            trigger: ".o-dropdown[data-menu-xmlid='cae_member.cae_member_menu_documents']",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item[data-menu-xmlid='cae_member.account_move_menu_cae_out_invoice']",
            run: "click",
        },
        {
            content: "Open the paid invoice",
            trigger: ".o_data_row td.o_data_cell:contains(Boulangerie Martin)",
            run: "click",
        },
        {
            content: "The invoice is paid",
            trigger: ".o_form_view .ribbon:contains(Paid)",
        },
        {
            content: "The payment widget shows the payment",
            trigger: ".o_field_widget[name=invoice_payments_widget]:contains(Paid on)",
        },
        {
            content: "Open its payments",
            trigger: ".o_form_view button[name=open_payments]:contains(Payment)",
            run: "click",
        },
        {
            content: "The payment form shows the amount paid",
            trigger: ".o_form_view .o_field_widget[name=amount]:contains(504.00)",
        },
        {
            content: "Back to the invoice",
            trigger: ".o_breadcrumb li.o_back_button a",
            run: "click",
        },
        {
            content: "Open the payment's details from the payment widget",
            trigger: ".o_field_widget[name=invoice_payments_widget] a.js_payment_info",
            run: "click",
        },
        {
            trigger: ".popover button.js_open_payment",
            run: "click",
        },
        {
            content: "The payment form opens",
            trigger: ".o_form_view .o_field_widget[name=amount]:contains(504.00)",
        },
        {
            content: "No access error",
            trigger: "body:not(:has(.o_error_dialog))",
        },
    ],
});
