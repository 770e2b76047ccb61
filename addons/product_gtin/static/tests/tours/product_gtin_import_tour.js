import {registry} from "@web/core/registry";

const CATALOGUE = [
    "Name,Internal Reference,Barcode,Sales Price",
    "Screen honey,SCREEN-HONEY,4006381333931,6.50",
].join("\n");

/**
 * A catalogue file previewed on Odoo's import screen, which offers this addon's
 * templates beside Odoo's own.
 */
registry.category("web_tour.tours").add("product_gtin_import_screen", {
    steps: () => [
        {
            content: "Open the gear menu of the products",
            trigger: ".o_control_panel .o_cp_action_menus .dropdown-toggle",
            run: "click",
        },
        {
            content: "Import records",
            trigger: ".o_import_menu",
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
            content: "The side panel links the catalogue templates",
            trigger:
                ".o_import_data_sidepanel a:contains(Import Template for the Catalogue (CSV))",
        },
        {
            content: "and the Excel one",
            trigger:
                ".o_import_data_sidepanel a:contains(Import Template for the Catalogue (Excel))",
        },
    ],
});
