import { registry } from "@web/core/registry";

/** Types a barcode the way a keyboard-wedge scanner does: fast keys, then Enter. */
function scan(barcode, extra = {}) {
    return {
        content: `scan ${barcode}`,
        trigger: ".o_bin_scan:not(.o_bin_scan_busy)",
        run() {
            for (const key of [...barcode, "Enter"]) {
                document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
            }
        },
        ...extra,
    };
}

function expectMessage(text, kind = "success") {
    return {
        content: `message: ${text}`,
        trigger: `.o_bin_scan_message_${kind}:contains("${text}")`,
    };
}

function expectCount(ean, text) {
    return {
        content: `${ean} counted ${text}`,
        trigger: `.o_bin_scan_line[data-product-barcode="${ean}"] .o_bin_scan_qty:contains("${text}")`,
    };
}

registry.category("web_tour.tours").add("bin_locations_scan_tour", {
    steps: () => [
        // The list of today's transfers, then open ours by scanning its reference.
        { trigger: ".o_bin_scan_picking[data-name='BINTOUR/OUT/001']" },
        scan("BINTOUR/OUT/001"),
        { trigger: ".o_bin_scan_title:contains('BINTOUR/OUT/001')" },
        // Bins follow the shelves: A-2 before A-10.
        { trigger: ".o_bin_scan_group:eq(0)[data-bin='T-A-2']" },
        { trigger: ".o_bin_scan_group:eq(2)[data-bin='T-A-10']" },
        // A product before any bin is refused.
        scan("4006381000011"),
        expectMessage("Scan the bin first", "error"),
        scan("T-A-2"),
        expectMessage("T-A-2: take"),
        scan("4006381000011"),
        expectCount("4006381000011", "1 / 1"),
        scan("4006381000028"),
        expectCount("4006381000028", "1 / 2"),
        scan("4006381000028"),
        expectCount("4006381000028", "2 / 2"),
        scan("T-A-3"),
        expectMessage("T-A-3: take"),
        // Wrong scan: a product that sits in another bin; nothing changes.
        scan("4006381000042"),
        expectMessage("Wrong bin for", "error"),
        expectCount("4006381000042", "0 / 1"),
        scan("4006381000035"),
        expectCount("4006381000035", "1 / 1"),
        scan("T-A-10"),
        expectMessage("T-A-10: take"),
        scan("4006381000042"),
        expectCount("4006381000042", "1 / 1"),
        // The last one is typed by hand, as when a label does not scan.
        {
            trigger: ".o_bin_scan_line[data-product-barcode='4006381000059'] .o_bin_scan_qty_input",
            run() {
                this.anchor.value = "1";
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        expectCount("4006381000059", "1 / 1"),
        { trigger: ".o_bin_scan_validate:enabled", run: "click" },
        expectMessage("BINTOUR/OUT/001 is done", "done"),
        { trigger: ".o_bin_scan_title:contains('To do today')" },
    ],
});

registry.category("web_tour.tours").add("bin_locations_receive_tour", {
    steps: () => [
        // Open the receipt by tapping it in the list.
        { trigger: ".o_bin_scan_picking[data-name='BINTOUR/IN/001']", run: "click" },
        { trigger: ".o_bin_scan_title:contains('BINTOUR/IN/001')" },
        // The home bin is where the line is expected to go.
        { trigger: ".o_bin_scan_group[data-bin='T-R-1'] .o_bin_scan_line[data-product-barcode='4006381000066']" },
        scan("T-R-2"),
        expectMessage("Scan a product first", "error"),
        scan("4006381000066"),
        expectMessage("suggested: T-R-1"),
        scan("4006381000066"),
        expectCount("4006381000066", "2 / 2"),
        // It does not fit in its home bin today: put it in T-R-2.
        scan("T-R-2"),
        expectMessage("goes to T-R-2"),
        { trigger: ".o_bin_scan_group[data-bin='T-R-2'] .o_bin_scan_line[data-product-barcode='4006381000066']" },
        { trigger: ".o_bin_scan_validate:enabled", run: "click" },
        expectMessage("BINTOUR/IN/001 is done", "done"),
    ],
});
