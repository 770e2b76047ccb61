/* Copyright 2026 Letzshop OMS contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sale_channel_rma_return_tour", {
    steps: () => [
        {
            content: "Enter a wrong e-mail address first",
            trigger: "#rma_order_number",
            run: "edit RMATOUR/0001",
        },
        {
            content: "Wrong e-mail",
            trigger: "#rma_email",
            run: "edit someone.else@example.com",
        },
        {
            content: "Look the order up",
            trigger: ".o_rma_find",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The page says nothing about the order",
            trigger: ".o_rma_errors:contains('could not find')",
        },
        {
            content: "Now the customer's own e-mail",
            trigger: "#rma_email",
            run: "edit tour.customer@example.com",
        },
        {
            content: "Look the order up again",
            trigger: ".o_rma_find",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The delivered line is listed",
            trigger: ".o_rma_product:contains('Returnable mug')",
        },
        {
            content: "Return one of the two mugs",
            trigger: ".o_rma_line:contains('Returnable mug') select.o_rma_qty",
            run: "select 1",
        },
        {
            content: "Choose a reason",
            trigger: "#rma_reason",
            run: "selectByLabel Arrived damaged or defective",
        },
        {
            content: "Send the request",
            trigger: ".o_rma_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The return is registered",
            trigger: ".o_rma_done:contains('registered')",
        },
    ],
});
