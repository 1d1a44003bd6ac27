/** @odoo-module **/

import { registry } from "@web/core/registry";

// The validation loop in three sittings: the entrepreneur submits a quote
// above her threshold; the support person finds it in his activities and
// validates it; the entrepreneur sees the validation and confirms the quote.
// Data: addons/cae_member/tests/test_tours_day.py

function openCaeQuotations(menuXmlid) {
    return [
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
            trigger: `.o-dropdown-item[data-menu-xmlid='${menuXmlid}']`,
            run: "click",
        },
    ];
}

const openQuote = {
    content: "Open the quote of Boulangerie Martin",
    trigger: ".o_data_row td.o_data_cell:contains(Boulangerie Martin)",
    run: "click",
};

registry.category("web_tour.tours").add("cae_validation_submit_tour", {
    url: "/odoo",
    steps: () => [
        ...openCaeQuotations("cae_member.sale_order_menu_cae"),
        openQuote,
        {
            content: "Above the threshold: no confirmation, a submission",
            trigger:
                ".o_form_view:not(:has(button[name=action_confirm])) button[name=action_cae_submit]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=cae_validation_state]:contains(To validate)",
        },
        {
            content: "The submission is in the chatter",
            trigger: ".o-mail-Message:contains(Submitted for validation by Anne Artisan)",
        },
    ],
});

registry.category("web_tour.tours").add("cae_validation_validate_tour", {
    url: "/odoo",
    steps: () => [
        ...openCaeQuotations("cae_member.sale_order_menu_cae_to_validate"),
        {
            content: "The quote waits in the quotations to validate",
            trigger: ".o_data_row td.o_data_cell:contains(Boulangerie Martin)",
        },
        {
            content: "Open the activities of the systray",
            trigger: ".o_menu_systray i[aria-label=Activities]",
            run: "click",
        },
        {
            content: "The to-do is among the quotations' activities, due today",
            trigger: ".o-mail-ActivityGroup[data-model_name='sale.order']:contains(1 Today) [name=activityTitle]",
            run: "click",
        },
        openQuote,
        {
            content: "The to-do is on the quote",
            trigger: ".o-mail-Activity:contains(Validate)",
        },
        {
            content: "Validate the quote",
            trigger: ".o_form_view button[name=action_cae_validate]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=cae_validation_state]:contains(Validated)",
        },
        {
            content: "The to-do is done",
            trigger: ".o-mail-Chatter:not(:has(.o-mail-Activity))",
        },
    ],
});

registry.category("web_tour.tours").add("cae_validation_confirm_tour", {
    url: "/odoo",
    steps: () => [
        ...openCaeQuotations("cae_member.sale_order_menu_cae"),
        openQuote,
        {
            trigger: ".o_field_widget[name=cae_validation_state]:contains(Validated)",
        },
        {
            content: "She was told in the chatter",
            trigger: ".o-mail-Message:contains(Validated by Sam Support)",
        },
        {
            content: "Validated: she confirms the quote",
            trigger: ".o_form_view button[name=action_confirm]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value=sale]",
        },
    ],
});
