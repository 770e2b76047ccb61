import { registry } from "@web/core/registry";

/** Types a barcode the way a keyboard-wedge scanner does: fast keys, then Enter. */
function scan(barcode) {
    return {
        content: `scan ${barcode}`,
        trigger: ".o_bin_scan:not(.o_bin_scan_busy)",
        run() {
            for (const key of [...barcode, "Enter"]) {
                document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
            }
        },
    };
}

// The warehouse receives a customer's return on a phone: the RMA receipt is in
// the scan view's list like any receipt; scan the product, validate.
registry.category("web_tour.tours").add("sale_channel_rma_receive_tour", {
    steps: () => [
        { trigger: ".o_bin_scan_picking[data-name='RMATOUR/IN/001']", run: "click" },
        { trigger: ".o_bin_scan_title:contains('RMATOUR/IN/001')" },
        scan("4006381333931"),
        {
            content: "the returned unit is counted",
            trigger: ".o_bin_scan_line[data-product-barcode='4006381333931'] .o_bin_scan_qty:contains('1 / 1')",
        },
        { trigger: ".o_bin_scan_validate:enabled", run: "click" },
        { trigger: ".o_bin_scan_message_done:contains('RMATOUR/IN/001 is done')" },
    ],
});
