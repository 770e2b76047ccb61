# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import rate_shopping

_logger = logging.getLogger(__name__)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    shipping_rate_ids = fields.One2many(
        "sale.order.shipping.rate", "order_id", string="Carrier rates", copy=False
    )
    shipping_rate_note = fields.Char(string="Carrier choice", readonly=True, copy=False)

    # ------------------------------------------------------------------ rating
    def _fulfillment_rate_carriers(self):
        """Carriers that may ship this order (Odoo's own availability filters)."""
        self.ensure_one()
        Carrier = self.env["delivery.carrier"]
        carriers = Carrier.search(Carrier._check_company_domain(self.company_id))
        return carriers.available_carriers(self.partner_shipping_id, self)

    @api.model
    def _fulfillment_unavailable(self, reason):
        return {"success": False, "price": 0.0, "error_message": reason}

    def _fulfillment_rate_all(self):
        """Rate every available carrier of this order.

        Carriers whose provider prepares its rate request (``_rate_request`` /
        ``_rate_parse`` hooks) are asked all at once from a thread pool (plain
        HTTP, no ORM in the threads, a timeout each); while they answer, the
        others are rated here through ``rate_shipment``. A carrier that fails,
        refuses or times out gets ``success: False`` and its reason.

        :return: list of ``(carrier, rate dict)`` in the carriers' order
        """
        self.ensure_one()
        carriers = self._fulfillment_rate_carriers()
        prepared, parsers, rates = {}, {}, {}
        for carrier in carriers:
            request_hook, parse_hook = carrier._fulfillment_rate_hooks()
            if not request_hook:
                continue
            try:
                prepared[carrier.id] = request_hook(self)
                parsers[carrier.id] = parse_hook
            except Exception as exc:  # noqa: BLE001 - one carrier never blocks others
                rates[carrier.id] = self._fulfillment_unavailable(str(exc))
        fetcher = rate_shopping.Fetcher(prepared).start()
        for carrier in carriers:
            if carrier.id in prepared or carrier.id in rates:
                continue
            try:
                with self.env.cr.savepoint():
                    rates[carrier.id] = carrier.rate_shipment(self)
            except Exception as exc:  # noqa: BLE001 - one carrier never blocks others
                _logger.info("Rating %s failed: %s", carrier.name, exc)
                rates[carrier.id] = self._fulfillment_unavailable(str(exc))
        for carrier_id, answer in fetcher.results().items():
            carrier = carriers.browse(carrier_id)
            if answer.error:
                rates[carrier_id] = self._fulfillment_unavailable(
                    self._fulfillment_fetch_error(answer)
                )
                continue
            try:
                res = parsers[carrier_id](self, answer.status_code, answer.body)
                rates[carrier_id] = carrier._fulfillment_finish_rate(self, res)
            except Exception as exc:  # noqa: BLE001 - one carrier never blocks others
                rates[carrier_id] = self._fulfillment_unavailable(str(exc))
        return [(carrier, rates[carrier.id]) for carrier in carriers]

    @api.model
    def _fulfillment_fetch_error(self, answer):
        """The vendor's words for a request that got no answer."""
        if answer.error_kind == "timeout":
            return self.env._(
                "No answer within %(seconds)s s (timeout).", seconds=answer.timeout
            )
        if answer.error_kind == "connection":
            return self.env._(
                "The carrier could not be reached (%(error)s).", error=answer.error
            )
        return answer.error

    def _fulfillment_rule(self):
        """(rule, max days, fixed carrier) of the order's channel; by hand rates
        pick the cheapest."""
        self.ensure_one()
        team = self.team_id
        rule = team.shipping_rule if team and team.shipping_rule != "none" else None
        return (
            rule or rate_shopping.RULE_CHEAPEST,
            team.shipping_max_days,
            team.shipping_fixed_carrier_id,
        )

    def action_shop_rates(self):
        """Button: rate every carrier and apply the channel's rule."""
        self.check_access("write")
        for order in self:
            if order.state == "cancel":
                raise UserError(
                    self.env._(
                        "Order %(order)s is cancelled: there is nothing to ship.",
                        order=order.name,
                    )
                )
            order._fulfillment_shop_rates()
        return True

    def _fulfillment_shop_rates(self):
        """Rate, store the rates on the order, choose and apply the carrier."""
        self.ensure_one()
        rated = self._fulfillment_rate_all()
        rule, max_days, fixed = self._fulfillment_rule()
        candidates = []
        for index, (carrier, res) in enumerate(rated):
            days = res.get("transit_days") or carrier.transit_days or None
            candidates.append(
                {
                    "key": carrier.id,
                    "available": bool(res.get("success")),
                    "price": res.get("price") or 0.0,
                    "transit_days": days,
                    "order": index,
                }
            )
        key, why = rate_shopping.choose(
            candidates, rule, max_days=max_days, fixed_key=fixed.id
        )
        self.shipping_rate_ids.unlink()
        lines = self.env["sale.order.shipping.rate"].create(
            [
                {
                    "order_id": self.id,
                    "carrier_id": carrier.id,
                    "price": candidate["price"] if candidate["available"] else 0.0,
                    "transit_days": candidate["transit_days"] or 0,
                    "available": candidate["available"],
                    "reason": (
                        res.get("warning_message")
                        if candidate["available"]
                        else res.get("error_message")
                        or self.env._("The carrier gave no rate.")
                    )
                    or False,
                }
                for (carrier, res), candidate in zip(rated, candidates, strict=True)
            ]
        )
        chosen = lines.filtered(lambda line: line.carrier_id.id == key)
        if chosen:
            self._fulfillment_apply_rate(chosen, note=why)
        else:
            self.shipping_rate_note = (
                self.env._(
                    "No carrier chosen: %(carrier)s, the channel's fixed carrier, "
                    "cannot ship this order.",
                    carrier=fixed.name,
                )
                if why == "fixed_missing"
                else self.env._("No carrier chosen: no carrier can ship this order.")
            )
        return chosen

    def _fulfillment_apply_rate(self, rate, note="rule", manual=False):
        """Give the order and its open deliveries the rate's carrier; charge it as
        a delivery line only when the channel says so."""
        self.ensure_one()
        if not rate.available:
            raise UserError(
                self.env._(
                    "%(carrier)s cannot ship order %(order)s: %(reason)s",
                    carrier=rate.carrier_id.name,
                    order=self.name,
                    reason=rate.reason or "",
                )
            )
        carrier = rate.carrier_id
        (self.shipping_rate_ids - rate).chosen = False
        rate.chosen = True
        if self.team_id.shipping_charge == "line":
            self.set_delivery_line(carrier, rate.price)
        else:
            self.carrier_id = carrier
        self.picking_ids.filtered(
            lambda p: (
                p.picking_type_code == "outgoing"
                and p.state not in ("done", "cancel")
                and not p.carrier_tracking_ref
            )
        ).carrier_id = carrier
        if manual:
            self.shipping_rate_note = self.env._(
                "%(carrier)s chosen by hand.", carrier=carrier.name
            )
        elif note == "fallback_fastest":
            self.shipping_rate_note = self.env._(
                "%(carrier)s: no carrier delivers within %(days)s days, the "
                "fastest one is chosen.",
                carrier=carrier.name,
                days=self.team_id.shipping_max_days,
            )
        else:
            self.shipping_rate_note = self.env._(
                "%(carrier)s chosen by the rule %(rule)s.",
                carrier=carrier.name,
                rule=dict(
                    self.env["crm.team"]
                    ._fields["shipping_rule"]
                    ._description_selection(self.env)
                ).get(self._fulfillment_rule()[0]),
            )

    def _action_confirm(self):
        """Rate on confirmation when the channel has a rule, before the deliveries
        are created (they take the order's carrier). An order whose customer
        already chose and paid a delivery method (it has a delivery line) keeps it."""
        for order in self:
            if (
                order.team_id.shipping_rule not in (False, "none")
                and not order.order_line.filtered("is_delivery")
                and not order.is_all_service
            ):
                order._fulfillment_shop_rates()
        return super()._action_confirm()
