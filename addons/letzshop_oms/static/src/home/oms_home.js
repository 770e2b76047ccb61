import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { formatDate, parseDate } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formatFloat } from "@web/views/fields/formatters";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/**
 * The vendor's OMS home: today's work as numbers that open their lists, and the
 * numbers a seller watches. Every figure comes from one server call,
 * letzshop.oms.home/get_home_data.
 */
export class OmsHome extends Component {
    static template = "letzshop_oms.OmsHome";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ data: null, period: "30" });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call("letzshop.oms.home", "get_home_data", []);
    }

    get work() {
        const work = this.state.data.work;
        const tiles = [
            { key: "to_decide", label: _t("Letzshop orders to decide") },
            { key: "to_pick", label: _t("Orders to pick") },
            { key: "to_ship", label: _t("Orders to ship") },
            { key: "no_tracking", label: _t("Shipped without tracking") },
            { key: "late", label: _t("Late against promise date") },
            { key: "invoices_not_sent", label: _t("Invoices not sent") },
            { key: "returns", label: _t("Returns to inspect") },
            { key: "oversold", label: _t("Products oversold") },
            { key: "reorder", label: _t("Below reorder point") },
        ];
        return tiles
            .filter((tile) => work[tile.key])
            .map((tile) => ({ ...tile, ...work[tile.key] }));
    }

    get decideHint() {
        const tile = this.state.data.work.to_decide;
        if (!tile || !tile.count) {
            return "";
        }
        return _t("Oldest: %(age)s h of %(deadline)s h", {
            age: formatFloat(tile.oldest_age_hours, { digits: [16, 0] }),
            deadline: tile.deadline_hours,
        });
    }

    get periods() {
        return [
            { key: "7", label: _t("7 days") },
            { key: "30", label: _t("30 days") },
            { key: "90", label: _t("90 days") },
        ];
    }

    get sales() {
        return this.state.data.sales && this.state.data.sales[this.state.period];
    }

    get channels() {
        const rows = this.sales ? this.sales.channels : [];
        const max = Math.max(1, ...rows.map((row) => row.revenue));
        return rows.map((row) => ({ ...row, width: Math.round((100 * row.revenue) / max) }));
    }

    get daily() {
        const days = this.state.data.sales ? this.state.data.sales.daily : [];
        const shown = days.slice(-Number(this.state.period));
        const max = Math.max(1, ...shown.map((day) => day.orders));
        return shown.map((day) => ({ ...day, height: Math.round((100 * day.orders) / max) }));
    }

    get fulfillment() {
        return this.state.data.fulfillment && this.state.data.fulfillment[this.state.period];
    }

    get ossHint() {
        const oss = this.state.data.oss;
        if (oss.opt_in) {
            return _t("You opted for destination VAT: the threshold does not apply.");
        }
        if (oss.state === "exceeded") {
            return _t("Threshold crossed: sales to other EU countries take their VAT.");
        }
        if (oss.expected_crossing) {
            return _t("Expected to be crossed on %(date)s at this year's pace.", {
                date: formatDate(parseDate(oss.expected_crossing)),
            });
        }
        return _t("Not expected to be crossed this year at this year's pace.");
    }

    get ossWidth() {
        return Math.min(100, this.state.data.oss.percent);
    }

    money(amount) {
        const currency = this.state.data.currency;
        const value = formatFloat(amount, { digits: [16, currency.digits] });
        return currency.position === "after"
            ? `${value} ${currency.symbol}`
            : `${currency.symbol} ${value}`;
    }

    number(value) {
        return formatFloat(value, { digits: [16, 0] });
    }

    dateLabel(date) {
        return formatDate(parseDate(date));
    }

    dayLabel(day) {
        return _t("%(date)s: %(orders)s orders", {
            date: formatDate(parseDate(day.date)),
            orders: day.orders,
        });
    }

    async open(key) {
        const action = await this.orm.call("letzshop.oms.home", "action_open", [key]);
        return this.actionService.doAction(action);
    }

    openOnboarding() {
        return this.actionService.doAction("letzshop_oms.action_oms_onboarding");
    }

    async toggleApps() {
        const action = await this.orm.call("res.users", "action_oms_toggle_all_apps", []);
        return this.actionService.doAction(action);
    }
}

registry.category("actions").add("letzshop_oms.home", OmsHome);
