import {registry} from "@web/core/registry";

const row = (label) => `.o_oms_onboarding_steps .o_data_row:contains(${label})`;
const stateOf = (label, state) =>
    `${row(label)} .o_field_widget[name='state']:contains(${state})`;
const backToChecklist = {
    content: "Back to the checklist",
    trigger: ".o_breadcrumb .o_back_button, .o_breadcrumb li:contains(Getting Started) a",
    run: "click",
};

/**
 * A new seller goes through the onboarding checklist: VAT number checked with
 * VIES, OSS status, Letzshop key tested, one step skipped and resumed, bins
 * created, a warehouse worker invited.
 */
registry.category("web_tour.tours").add("letzshop_oms_onboarding", {
    steps: () => [
        {
            content: "The vendor starts from the OMS home",
            trigger: ".o_oms_home .o_oms_home_onboarding",
            run: "click",
        },
        {
            content: "The checklist shows the progress",
            trigger: ".o_oms_onboarding_progress:contains(0 of 8 done)",
        },
        // 1. VAT number and VIES
        {
            content: "Open the VAT step",
            trigger: `${row("Company and VAT number")} .o_oms_onboarding_open`,
            run: "click",
        },
        {
            content: "Enter the VAT number",
            trigger: ".modal .o_field_widget[name='vat'] input",
            run: "edit LU26375245",
        },
        {
            content: "Check it with VIES",
            trigger: ".modal .o_oms_onboarding_vies",
            run: "click",
        },
        {
            content: "VIES says the number is valid",
            trigger: ".modal .o_field_widget[name='vies_status']:contains(Valid)",
        },
        {
            content: "Close the dialog",
            trigger: ".modal .modal-footer button:contains(Close)",
            run: "click",
        },
        {
            content: "The VAT step is done",
            trigger: stateOf("Company and VAT number", "Done"),
        },
        // 2. OSS
        {
            content: "Open the OSS step",
            trigger: `${row("OSS status")} .o_oms_onboarding_open`,
            run: "click",
        },
        {
            content: "Sales to other EU consumers stay under EUR 10,000",
            trigger:
                ".modal .o_field_widget[name='expected_cross_border_volume'] input[data-value='below']",
            run: "click",
        },
        {
            content: "The advice is shown",
            trigger: ".modal .o_field_widget[name='oss_advice']:contains(Luxembourg VAT)",
        },
        {
            content: "Save",
            trigger: ".modal .o_oms_onboarding_save",
            run: "click",
        },
        {
            content: "The OSS step is done",
            trigger: stateOf("OSS status", "Done"),
        },
        // 3. Letzshop: key and connection test
        {
            content: "Open the Letzshop step",
            trigger: `${row("Connect Letzshop")} .o_oms_onboarding_open`,
            run: "click",
        },
        {
            content: "Enter the API key",
            trigger: ".o_form_view .o_field_widget[name='api_key_input'] input",
            run: "edit onboarding-key-0123456789",
        },
        {
            content: "Save the account",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Test the connection",
            trigger: ".o_form_view button[name='action_test_connection']",
            run: "click",
        },
        {
            content: "Letzshop answers",
            trigger: ".o_notification:contains(Connection to Letzshop works)",
        },
        backToChecklist,
        {
            content: "The Letzshop step is done",
            trigger: stateOf("Connect Letzshop", "Done"),
        },
        // 4. skip a step, then resume it
        {
            content: "Skip the first import for now",
            trigger: `${row("First Letzshop import")} .o_oms_onboarding_skip`,
            run: "click",
        },
        {
            content: "The step is skipped",
            trigger: stateOf("First Letzshop import", "Skipped"),
        },
        {
            content: "Resume it",
            trigger: `${row("First Letzshop import")} .o_oms_onboarding_resume`,
            run: "click",
        },
        {
            content: "The step is to do again",
            trigger: stateOf("First Letzshop import", "To do"),
        },
        // 5. bins
        {
            content: "Open the bins step",
            trigger: `${row("Create bins")} .o_oms_onboarding_open`,
            run: "click",
        },
        {
            content: "Aisles A to B",
            trigger: ".modal .o_field_widget[name='aisles'] input",
            run: "edit A-B",
        },
        {
            content: "Shelves 1 to 3",
            trigger: ".modal .o_field_widget[name='shelves'] input",
            run: "edit 1-3",
        },
        {
            content: "One level",
            trigger: ".modal .o_field_widget[name='levels'] input",
            run: "edit 1",
        },
        {
            content: "Create the bins",
            trigger: ".modal button[name='action_generate']",
            run: "click",
        },
        {
            content: "The new bins are listed",
            trigger: ".o_list_view .o_data_row:contains(A-01-1)",
        },
        backToChecklist,
        {
            content: "The bins step is done",
            trigger: stateOf("Create bins", "Done"),
        },
        // 6. the team
        {
            content: "Open the team step",
            trigger: `${row("Invite the team")} .o_oms_onboarding_open`,
            run: "click",
        },
        {
            content: "Name",
            trigger: ".modal .o_field_widget[name='name'] input",
            run: "edit Anna Muller",
        },
        {
            content: "E-mail",
            trigger: ".modal .o_field_widget[name='email'] input",
            run: "edit anna@example.com",
        },
        {
            content: "Invite as warehouse worker",
            trigger: ".modal .o_oms_onboarding_invite",
            run: "click",
        },
        {
            content: "The invitation is sent",
            trigger: ".o_notification:contains(Anna Muller is invited as Warehouse)",
        },
        {
            content: "The team step is done",
            trigger: stateOf("Invite the team", "Done"),
        },
        {
            content: "Five of eight steps are done",
            trigger: ".o_oms_onboarding_progress:contains(5 of 8 done)",
        },
    ],
});

const card = (label) => `.o_oms_onboarding_steps .o_kanban_record:contains(${label})`;

/**
 * On a phone the checklist is a column of cards, each with its buttons.
 */
registry.category("web_tour.tours").add("letzshop_oms_onboarding_phone", {
    steps: () => [
        {
            content: "The checklist shows the progress",
            trigger: ".o_oms_onboarding_progress:contains(0 of 8 done)",
        },
        {
            content: "The steps are cards",
            trigger: `${card("Invite the team")} .o_oms_onboarding_open`,
        },
        {
            content: "Skip the bins",
            trigger: `${card("Create bins")} .o_oms_onboarding_skip`,
            run: "click",
        },
        {
            content: "Resume them",
            trigger: `${card("Create bins")} .o_oms_onboarding_resume`,
            run: "click",
        },
        {
            content: "The bins are to do again",
            trigger: `${card("Create bins")} .o_field_widget[name='state']:contains(To do)`,
        },
        {
            content: "Open the team step",
            trigger: `${card("Invite the team")} .o_oms_onboarding_open`,
            run: "click",
        },
        {
            content: "The invitation form is open",
            trigger: ".modal .o_field_widget[name='email'] input",
        },
    ],
});
