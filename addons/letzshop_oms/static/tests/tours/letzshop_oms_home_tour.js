import {registry} from "@web/core/registry";

/**
 * The vendor lands on the OMS home (at desktop or phone size), sees today's work
 * and the sales figures, and opens the orders to pick from their number.
 */
registry.category("web_tour.tours").add("letzshop_oms_home_vendor", {
    steps: () => [
        {
            content: "The vendor lands on the OMS home",
            trigger: ".o_oms_home .o_oms_home_title",
        },
        {
            content: "The sales figures are shown",
            trigger: ".o_oms_home .o_oms_home_sales .o_oms_home_orders",
        },
        {
            content: "Switch the figures to 7 days",
            trigger: ".o_oms_home .o_oms_home_period[data-period='7']",
            run: "click",
        },
        {
            content: "The 7-day period is selected",
            trigger: ".o_oms_home .o_oms_home_period.btn-primary[data-period='7']",
        },
        {
            content: "Open the orders to pick",
            trigger: ".o_oms_home .o_oms_home_tile_to_pick",
            run: "click",
        },
        {
            content: "The list of the orders to pick is open",
            trigger: ".o_action_manager .o_list_view",
        },
    ],
});
registry.category("web_tour.tours").add("letzshop_oms_home_warehouse", {
    steps: () => [
        {
            content: "The warehouse lands on the scan view",
            trigger: ".o_bin_scan .o_bin_scan_title",
        },
    ],
});
registry.category("web_tour.tours").add("letzshop_oms_home_accountant", {
    steps: () => [
        {
            content: "The OMS app is the open app",
            trigger: ".o_main_navbar .o_menu_brand:contains(OMS)",
        },
        {
            content: "The accountant lands on the Luxembourg VAT return",
            trigger: ".o_form_view .o_field_widget[name='periodicity']",
        },
        {
            content: "The OMS menu bar shows the accountant's sections",
            trigger: ".o_main_navbar .o_menu_sections:contains(Reports)",
        },
    ],
});
