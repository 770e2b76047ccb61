/* Copyright 2026 Letzshop OMS contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("fulfillment_quote_tour", {
    steps: () => [
        {
            content: "The prospect sees the published card",
            trigger: "#fq_card:contains('Tour 3PL card')",
        },
        {
            content: "Enter monthly orders",
            trigger: "#fq_orders",
            run: "edit 400",
        },
        {
            content: "Units per order",
            trigger: "#fq_units_per_order",
            run: "edit 2",
        },
        {
            content: "Ask for the estimate",
            trigger: ".o_fq_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "An itemised estimate with a cost per order",
            trigger: ".o_fq_result td:contains('Order base')",
        },
        {
            content: "Per-order cost shown",
            trigger: ".o_fq_per_order:contains('EUR')",
        },
        {
            content: "Enter an absurd number of orders",
            trigger: "#fq_orders",
            run: "edit 99999999",
        },
        {
            content: "Submit it",
            trigger: ".o_fq_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "A clear message names the field",
            trigger: ".o_fq_errors:contains('Orders per month')",
        },
        {
            content: "Switch to French",
            trigger: ".o_fq_langs a:contains('FR')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The page speaks French",
            trigger: "label[for='fq_orders']:contains('Commandes par mois')",
        },
    ],
});
