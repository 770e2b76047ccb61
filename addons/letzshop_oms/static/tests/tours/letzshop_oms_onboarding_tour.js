import {registry} from "@web/core/registry";

const row = (label) => `.o_oms_onboarding_steps .o_data_row:contains(${label})`;
const stateOf = (label, state) =>
    `${row(label)} .o_field_widget[name='state']:contains(${state})`;
// the seller's catalogue: the column titles are the fields' labels
const CATALOGUE = [
    "Name,Internal Reference,Barcode,Sales Price,Track Inventory",
    "Tour mug,TOUR-MUG,4006381333931,12.50,True",
    "Tour scarf,TOUR-SCARF,4006381333948,24.90,True",
].join("\n");
const backToChecklist = {
    content: "Back to the checklist",
    trigger: ".o_breadcrumb .o_back_button, .o_breadcrumb li:contains(Getting Started) a",
    run: "click",
};

/**
 * A new seller goes through the onboarding checklist: VAT number checked with
 * VIES, OSS status, Letzshop key tested, one step skipped and resumed, bins
 * created, a warehouse worker invited, the catalogue imported from a CSV file,
 * the first Letzshop orders imported, the opening stock counted in a bin.
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
        // 7. the catalogue, from a CSV file
        {
            content: "Open the catalogue step",
            trigger: `${row("Import the catalogue")} .o_oms_onboarding_open`,
            run: "click",
        },
        {
            content: "Upload the catalogue file",
            trigger: ".o_control_panel .o_file_input .o_import_file",
            run() {
                const input = this.anchor
                    .closest(".o_file_input")
                    .querySelector("input[type=file]");
                const transfer = new DataTransfer();
                transfer.items.add(new File([CATALOGUE], "catalogue.csv", {type: "text/csv"}));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "The preview shows the file",
            trigger: ".o_import_data_content:contains(4006381333931)",
        },
        {
            content: "Import",
            trigger: ".o_control_panel button:contains(Import)",
            run: "click",
        },
        {
            content: "The products are imported",
            trigger: ".o_notification:contains(2 records successfully imported)",
        },
        {
            content: "The imported products are listed",
            trigger: ".o_list_view .o_data_row:contains(Tour mug)",
        },
        {
            content: "Back to the checklist, past the import screen",
            trigger: ".o_breadcrumb li:contains(Tour Shop) a",
            run: "click",
        },
        {
            content: "The catalogue step is done",
            trigger: stateOf("Import the catalogue", "Done"),
        },
        // 8. the first Letzshop import
        {
            content: "Open the first import step",
            trigger: `${row("First Letzshop import")} .o_oms_onboarding_open`,
            run: "click",
        },
        {
            content: "Import the orders now",
            trigger: ".o_form_view button[name='action_sync_now']",
            run: "click",
        },
        {
            content: "The import is queued",
            trigger: ".o_notification:contains(The import is queued)",
        },
        {
            content: "The shipment is imported",
            trigger: ".o_form_view button[name='action_view_shipments']:contains(1)",
        },
        backToChecklist,
        {
            content: "The first import step is done",
            trigger: stateOf("First Letzshop import", "Done"),
        },
        // 9. the opening stock, counted in a bin
        {
            content: "Open the stock step",
            trigger: `${row("Set the opening stock")} .o_oms_onboarding_open`,
            run: "click",
        },
        {
            content: "Add a count",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "In bin A-01-1",
            trigger: ".o_data_row div[name=location_id] input",
            run: "edit A-01-1",
        },
        {
            content: "Choose the bin",
            trigger: ".ui-menu-item > a:contains(A-01-1)",
            run: "click",
        },
        {
            content: "The mug",
            trigger: ".o_data_row div[name=product_id] input",
            run: "edit Tour mug",
        },
        {
            content: "Choose the mug",
            trigger: ".ui-menu-item > a:contains(Tour mug)",
            run: "click",
        },
        {
            content: "Twelve counted",
            trigger: ".o_data_row div[name=inventory_quantity] input",
            run: "edit 12",
        },
        {
            content: "Apply all counts",
            trigger: "button[name=action_apply_all]",
            run: "click",
        },
        {
            content: "Confirm, with the proposed reference",
            trigger: ".modal-content button[name=action_apply]",
            run: "click",
        },
        {
            content: "The count is applied",
            trigger: "body:not(:has(.modal)):not(:has(button[name=action_apply_inventory]))",
        },
        backToChecklist,
        {
            content: "The stock step is done",
            trigger: stateOf("Set the opening stock", "Done"),
        },
        {
            content: "Every step is done",
            trigger: ".o_oms_onboarding_progress:contains(8 of 8 done)",
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
