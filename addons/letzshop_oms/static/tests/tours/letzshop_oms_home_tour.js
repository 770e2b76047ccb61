import {registry} from "@web/core/registry";

/**
 * Each OMS role logs in and lands on its OMS home: the OMS app is open and the
 * role's first screen is shown.
 *
 * @param {String} title the breadcrumb of the role's home action
 * @returns {Array} tour steps
 */
function omsHomeSteps(title) {
    return [
        {
            content: "The OMS app is the open app",
            trigger: ".o_main_navbar .o_menu_brand:contains(OMS)",
        },
        {
            content: `The role lands on ${title}`,
            trigger: `.o_breadcrumb .active:contains(${title})`,
        },
        {
            content: "The OMS menu bar shows the role's sections",
            trigger: ".o_main_navbar .o_menu_sections",
        },
    ];
}

registry.category("web_tour.tours").add("letzshop_oms_home_vendor", {
    steps: () => omsHomeSteps("Sales Orders"),
});
registry.category("web_tour.tours").add("letzshop_oms_home_warehouse", {
    steps: () => omsHomeSteps("To Do"),
});
registry.category("web_tour.tours").add("letzshop_oms_home_accountant", {
    steps: () => omsHomeSteps("Invoices"),
});
