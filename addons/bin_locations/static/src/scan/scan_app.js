import { Component, onWillStart, useState } from "@odoo/owl";
import { scanBarcode } from "@web/core/barcode/barcode_dialog";
import { isBarcodeScannerSupported } from "@web/core/barcode/barcode_video_scanner";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useBus, useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { scanFeedback } from "./feedback";

const MODEL = "stock.picking";

/**
 * Phone scan view: today's transfers, then one transfer line by line in bin order.
 * All the logic and every check live on the server (stock.picking.bin_scan_*); this
 * component only shows what the server returns and sends what was scanned or typed.
 */
export class BinScanApp extends Component {
    static template = "bin_locations.ScanApp";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.cameraSupported = isBarcodeScannerSupported();
        this.state = useState({
            pickings: [],
            picking: null,
            currentBin: null,
            currentLineId: null,
            message: null,
            busy: false,
            manual: "",
            pack: null,
            shipped: null,
        });
        const barcode = useService("barcode");
        useBus(barcode.bus, "barcode_scanned", (ev) => this.onBarcode(ev.detail.barcode));
        onWillStart(async () => {
            const pickingId = this.props.action.params?.picking_id || this.props.action.context?.active_id;
            if (pickingId && this.props.action.context?.active_model === MODEL) {
                await this.openPicking(pickingId);
            } else {
                await this.loadPickings();
            }
        });
    }

    // ---------------------------------------------------------------- data
    async loadPickings() {
        this.state.pickings = await this.orm.call(MODEL, "bin_scan_pickings", []);
    }

    async openPicking(reference) {
        const result = await this.call("bin_scan_open", [reference]);
        if (result?.ok) {
            this.showPicking(result.picking);
            this.say(result.message, "info");
        }
    }

    showPicking(picking) {
        this.state.picking = picking;
        this.state.shipped = null;
        // The pack step (weight, parcels) when a shipping addon asks for it.
        this.state.pack = picking.pack
            ? { weight: picking.pack.weight, parcel_count: picking.pack.parcel_count }
            : null;
        this.state.currentBin = null;
        this.state.currentLineId = null;
    }

    async reloadPicking() {
        const picking = this.state.picking;
        const result = await this.call("bin_scan_open", [picking.id]);
        if (result?.ok) {
            this.state.picking = result.picking;
        } else {
            await this.backToList();
        }
    }

    /** Calls the server; a refused call (UserError, AccessError) becomes a red message. */
    async call(method, args, kwargs = {}) {
        this.state.busy = true;
        try {
            const result = await this.orm.call(MODEL, method, args, kwargs);
            if (result && result.ok === false) {
                this.say(result.message, "error");
            }
            return result;
        } catch (error) {
            this.say(error.data?.message || error.message || String(error), "error");
            return null;
        } finally {
            this.state.busy = false;
        }
    }

    say(text, kind) {
        this.state.message = { text, kind };
        if (kind === "error" || kind === "success" || kind === "done") {
            scanFeedback(kind === "success" ? "ok" : kind);
        }
    }

    // ---------------------------------------------------------------- scans
    async onBarcode(barcode) {
        if (!barcode) {
            return;
        }
        if (!this.state.picking) {
            return this.openPicking(barcode);
        }
        const picking = this.state.picking;
        const result = await this.call("bin_scan_barcode", [[picking.id], barcode], {
            bin_id: this.state.currentBin?.id || false,
            line_id: this.state.currentLineId || false,
        });
        if (!result?.ok) {
            return;
        }
        if (result.picking) {
            this.showPicking(result.picking);
            this.say(result.message, "info");
            return;
        }
        if (result.bin) {
            this.state.currentBin = result.bin;
        }
        if (result.line) {
            this.updateLine(result.line);
            this.state.currentLineId = result.line.id;
        }
        this.say(result.message, "success");
    }

    updateLine(line) {
        const lines = this.state.picking.lines;
        const index = lines.findIndex((l) => l.key === line.key);
        if (index >= 0) {
            // The server may leave out keys that did not change (home_bin while picking).
            lines[index] = { ...lines[index], ...line };
        }
    }

    async onCamera() {
        let barcode = null;
        try {
            barcode = await scanBarcode(this.env, "environment");
        } catch (error) {
            this.say(error.message || _t("The camera could not read a barcode."), "error");
            return;
        }
        if (barcode) {
            await this.onBarcode(barcode);
        }
    }

    async onManualSubmit(ev) {
        ev.preventDefault();
        const value = this.state.manual.trim();
        this.state.manual = "";
        await this.onBarcode(value);
    }

    async onQuantityChange(line, ev) {
        const result = await this.call("bin_scan_set_quantity", [[this.state.picking.id], line.id, ev.target.value]);
        if (result?.ok) {
            this.updateLine(result.line);
            this.say(result.message, "success");
        } else {
            ev.target.value = line.scanned;
        }
    }

    async onValidate() {
        const picking = this.state.picking;
        const kwargs = this.state.pack ? { pack: { ...this.state.pack } } : {};
        const result = await this.call("bin_scan_validate", [[picking.id]], kwargs);
        if (!result?.ok) {
            return;
        }
        if (result.action) {
            // Odoo's own question (backorder or not); reload once it is answered.
            await this.action.doAction(result.action, { onClose: () => this.reloadPicking() });
            return;
        }
        this.say(result.message, "done");
        this.state.picking = null;
        this.state.pack = null;
        if (result.tracking || result.label_url) {
            this.state.shipped = { name: picking.name, tracking: result.tracking, labelUrl: result.label_url };
            if (result.label_url) {
                // The label opens in the phone's PDF viewer, which prints it.
                window.open(result.label_url, "_blank");
            }
        }
        await this.loadPickings();
    }

    async onOpen(picking) {
        await this.openPicking(picking.id);
    }

    async backToList() {
        this.state.picking = null;
        this.state.pack = null;
        this.state.message = null;
        await this.loadPickings();
    }

    // ---------------------------------------------------------------- view helpers
    isDone(line) {
        return line.reserved && line.scanned >= line.qty;
    }

    isCurrentBin(line) {
        return Boolean(this.state.currentBin && line.bin && line.bin.id === this.state.currentBin.id);
    }

    get groups() {
        const groups = [];
        for (const line of this.state.picking?.lines || []) {
            const name = line.bin ? line.bin.name : _t("No bin");
            const last = groups[groups.length - 1];
            if (last && last.name === name) {
                last.lines.push(line);
            } else {
                groups.push({ name, binId: line.bin?.id || false, lines: [line] });
            }
        }
        return groups;
    }

    get progress() {
        const lines = (this.state.picking?.lines || []).filter((l) => l.reserved);
        const total = lines.reduce((sum, l) => sum + l.qty, 0);
        const done = lines.reduce((sum, l) => sum + Math.min(l.scanned, l.qty), 0);
        return { done, total, percent: total ? Math.round((100 * done) / total) : 0 };
    }

    get prompt() {
        const picking = this.state.picking;
        if (!picking) {
            return _t("Scan or tap a transfer");
        }
        if (picking.inbound) {
            return this.state.currentLineId ? _t("Scan the bin to put it in") : _t("Scan a product");
        }
        return this.state.currentBin ? _t("Scan a product in %s", this.state.currentBin.name) : _t("Scan a bin");
    }

    formatQty(value) {
        return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0+$/, "");
    }
}

registry.category("actions").add("bin_locations.scan", BinScanApp);
