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

function setValue(trigger, value) {
    return {
        content: `type ${value}`,
        trigger,
        run() {
            this.anchor.value = value;
            this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
        },
    };
}

registry.category("web_tour.tours").add("fulfillment_shipping_pack_tour", {
    steps: () => [
        { trigger: ".o_bin_scan_picking[data-name='FSTOUR/OUT/001']", run: "click" },
        { trigger: ".o_bin_scan_title:contains('FSTOUR/OUT/001')" },
        scan("FS-B-1"),
        { trigger: ".o_bin_scan_message_success:contains('FS-B-1: take')" },
        scan("4006381000097"),
        scan("4006381000097"),
        { trigger: ".o_bin_scan_line[data-product-barcode='4006381000097'] .o_bin_scan_qty:contains('2 / 2')" },
        // The pack step: the weight comes from the products (2 x 0.5 kg); the
        // worker puts the box on the scale and corrects it.
        {
            trigger: ".o_bin_scan_pack .o_bin_scan_pack_weight",
            run() {
                if (Number(this.anchor.value) !== 1) {
                    throw new Error(`weight prefilled with ${this.anchor.value}, expected 1`);
                }
            },
        },
        // Typed as a phone keyboard does: the value, then the change event (a
        // simulated key-by-key edit of a number input loses "1." on the way).
        setValue(".o_bin_scan_pack .o_bin_scan_pack_weight", "1.25"),
        setValue(".o_bin_scan_pack .o_bin_scan_pack_parcels", "2"),
        {
            content: "catch the label the view opens",
            trigger: ".o_bin_scan_validate:enabled",
            run() {
                window.__fsOpened = [];
                window.open = (url) => window.__fsOpened.push(url);
            },
        },
        { trigger: ".o_bin_scan_validate:enabled", run: "click" },
        { trigger: ".o_bin_scan_message_done:contains('FSTOUR/OUT/001 is done')" },
        { trigger: ".o_bin_scan_tracking strong:not(:empty)" },
        {
            trigger: ".o_bin_scan_shipped a.o_bin_scan_label[href^='/web/content/']",
            run() {
                const opened = window.__fsOpened || [];
                if (opened.length !== 1 || opened[0] !== this.anchor.getAttribute("href")) {
                    throw new Error(`label not opened: ${JSON.stringify(opened)}`);
                }
            },
        },
    ],
});
