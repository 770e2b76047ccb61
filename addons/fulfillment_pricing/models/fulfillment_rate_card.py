# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime
import math

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from .. import pricing

# Fields that set a price: a card that has priced a fixed cost or a billed usage
# line keeps them forever (a new version is made instead).
PRICE_FIELDS = (
    "currency_id",
    "receiving_hour",
    "receiving_free_hours",
    "receiving_pallet",
    "receiving_carton",
    "receiving_unit",
    "receiving_noncompliant",
    "receiving_unannounced",
    "order_base",
    "first_unit",
    "additional_unit",
    "included_units",
    "additional_sku",
    "insert_price",
    "storage_basis",
    "storage_volume_month",
    "storage_days_per_order",
    "return_base",
    "return_first_item",
    "return_additional_item",
    "return_inspection_unit",
    "fuel_surcharge_pct",
    "dim_divisor",
    "dim_min_volume",
    "dim_min_weight",
    "monthly_minimum",
    "rule_ids",
)

# Limits of the hypothetical order / prospect a quote accepts.
QUOTE_LIMITS = {
    "orders": (1, 1_000_000),
    "units_per_order": (1, 100),
    "weight": (0.001, 70.0),
    "volume": (0.000001, 1.0),
    "skus": (1, 100_000),
    "storage_volume": (0, 10_000),
    "return_rate": (0, 100),
}


class FulfillmentRateCard(models.Model):
    _name = "fulfillment.rate.card"
    _description = "Fulfilment rate card"
    _order = "provider_id, client_id, date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    provider_id = fields.Many2one(
        "res.partner",
        required=True,
        default=lambda self: self.env.company.partner_id,
        help="Who fulfils: your own company (own warehouse) or a 3PL.",
    )
    provider_type = fields.Selection(
        [("own", "Own warehouse"), ("3pl", "3PL")],
        compute="_compute_provider_type",
        store=True,
    )
    client_id = fields.Many2one(
        "res.partner",
        help="A 3PL's card for one client only; empty: for every client.",
    )
    date_from = fields.Date(
        "Valid from", required=True, default=fields.Date.context_today
    )
    date_to = fields.Date("Valid until", help="Empty: until a newer version.")
    published = fields.Boolean(
        help="Shown on the public quote calculator (no client card can be published)."
    )
    source_url = fields.Char("Source")
    source_date = fields.Date(help="Date of the published figures this card copies.")
    source_note = fields.Text("Source notes")
    # receiving
    receiving_hour = fields.Monetary("Receiving per hour")
    receiving_free_hours = fields.Float("Free receiving hours")
    receiving_pallet = fields.Monetary("Receiving per pallet")
    receiving_carton = fields.Monetary("Receiving per carton")
    receiving_unit = fields.Monetary("Receiving per unit")
    receiving_noncompliant = fields.Monetary("Non-compliant delivery surcharge")
    receiving_unannounced = fields.Monetary("Unannounced delivery surcharge")
    # pick & pack
    order_base = fields.Monetary("Base per order")
    first_unit = fields.Monetary("First unit")
    additional_unit = fields.Monetary("Each additional unit")
    included_units = fields.Integer(
        "Included picks", help="Units covered by the base price of an order."
    )
    additional_sku = fields.Monetary("Each additional SKU")
    # packaging
    insert_price = fields.Monetary("Insert")
    # storage
    storage_basis = fields.Selection(
        [("volume", "Per m³ per month"), ("location", "Per location per month")],
        default="volume",
        required=True,
    )
    storage_volume_month = fields.Monetary("Storage per m³ per month")
    storage_days_per_order = fields.Float(
        "Storage days per order",
        help="For the cost of an order: days its units are assumed to sit on the "
        "shelf (per m³ storage only). The monthly statement bills the real stock.",
    )
    # returns
    return_base = fields.Monetary("Base per return")
    return_first_item = fields.Monetary("First returned item")
    return_additional_item = fields.Monetary("Each additional returned item")
    return_inspection_unit = fields.Monetary("Inspection per unit")
    # carrier
    fuel_surcharge_pct = fields.Float("Fuel surcharge (%)")
    dim_divisor = fields.Float(
        "DIM divisor (cm³/kg)", help="Dimensional weight = volume in cm³ / divisor."
    )
    dim_min_volume = fields.Float(
        "DIM from volume (cm³)", help="No DIM weight under this parcel volume."
    )
    dim_min_weight = fields.Float(
        "DIM from weight (kg)", help="No DIM weight under this parcel weight."
    )
    # account
    monthly_minimum = fields.Monetary()
    rule_ids = fields.One2many("fulfillment.rate.card.rule", "card_id", copy=True)
    cost_line_count = fields.Integer(compute="_compute_cost_line_count")

    _date_order = models.Constraint(
        "CHECK (date_to IS NULL OR date_to >= date_from)",
        "A rate card cannot end before it starts.",
    )

    @api.depends("provider_id", "company_id.partner_id")
    def _compute_provider_type(self):
        for card in self:
            card.provider_type = (
                "own" if card.provider_id == card.company_id.partner_id else "3pl"
            )

    def _compute_cost_line_count(self):
        counts = dict(
            self.env["fulfillment.cost.line"]._read_group(
                [("rate_card_id", "in", self.ids)], ["rate_card_id"], ["__count"]
            )
        )
        for card in self:
            card.cost_line_count = counts.get(card, 0)

    @api.constrains("published", "client_id")
    def _check_published(self):
        for card in self:
            if card.published and card.client_id:
                raise ValidationError(
                    self.env._(
                        "Rate card %(card)s: a card for one client (%(client)s) "
                        "cannot be published.",
                        card=card.name,
                        client=card.client_id.display_name,
                    )
                )

    @api.constrains(
        "date_from", "date_to", "provider_id", "client_id", "company_id", "active"
    )
    def _check_overlap(self):
        for card in self.filtered("active"):
            domain = [
                ("id", "!=", card.id),
                ("company_id", "=", card.company_id.id),
                ("provider_id", "=", card.provider_id.id),
                ("client_id", "=", card.client_id.id),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", card.date_from),
            ]
            if card.date_to:
                domain.append(("date_from", "<=", card.date_to))
            other = self.search(domain, limit=1)
            if other:
                raise ValidationError(
                    self.env._(
                        "Rate card %(card)s: its validity overlaps %(other)s for the "
                        "same provider and client. End the older version first "
                        "(New version does it).",
                        card=card.name,
                        other=other.name,
                    )
                )

    def _check_unlocked(self):
        used = (
            self.env["fulfillment.cost.line"]
            .sudo()  # a lock check: whoever edits the card, count every use of it
            .search_count(
                [
                    ("rate_card_id", "in", self.ids),
                    "|",
                    ("state", "=", "fixed"),
                    ("statement_id", "!=", False),
                ],
                limit=1,
            )
        )
        if used:
            raise UserError(
                self.env._(
                    "Rate card %(card)s has priced delivered orders or billed usage: "
                    "its prices cannot change. Use New version.",
                    card=", ".join(self.mapped("name")),
                )
            )

    def write(self, vals):
        if any(f in vals for f in PRICE_FIELDS):
            self._check_unlocked()
        self.env.registry.clear_cache()  # _published_quote_data
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()  # _published_quote_data
        return super().create(vals_list)

    def unlink(self):
        self.env.registry.clear_cache()  # _published_quote_data
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_if_unused(self):
        if (
            self.env["fulfillment.cost.line"]
            .sudo()
            .search_count([("rate_card_id", "in", self.ids)], limit=1)
        ):
            raise UserError(
                self.env._(
                    "Rate card %(card)s has priced costs: archive it instead.",
                    card=", ".join(self.mapped("name")),
                )
            )

    def action_new_version(self):
        """Copy the card as a new version valid from tomorrow (or from the day
        after the old one started) and end the old one the day before."""
        self.ensure_one()
        start = max(
            fields.Date.context_today(self) + datetime.timedelta(days=1),
            self.date_from + datetime.timedelta(days=1),
        )
        if self.date_to and self.date_to < start:
            raise UserError(
                self.env._(
                    "Rate card %(card)s ended on %(date)s: copy it instead.",
                    card=self.name,
                    date=self.date_to,
                )
            )
        old_end = self.date_to
        # date_to is not a price: an ended card keeps its prices.
        super().write({"date_to": start - datetime.timedelta(days=1)})
        new = self.copy({"date_from": start, "date_to": old_end, "name": self.name})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    def action_view_cost_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "fulfillment_pricing.fulfillment_cost_line_action"
        )
        action["domain"] = [("rate_card_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------
    # lookup and conversion to the pure pricing module
    # ------------------------------------------------------------------

    @api.model
    def _find_cards(self, keys):
        """Cards for ``keys``: a set of (company_id, provider_id, client_id,
        date). A client's own card wins over the provider's generic card.
        One query for any number of keys. Returns {key: card or None}."""
        if not keys:
            return {}
        companies = {k[0] for k in keys}
        providers = {k[1] for k in keys}
        cards = self.with_context(active_test=True).search(
            [
                ("company_id", "in", list(companies)),
                ("provider_id", "in", list(providers)),
            ]
        )
        by_provider = {}
        for card in cards:
            by_provider.setdefault(
                (card.company_id.id, card.provider_id.id), []
            ).append(card)
        result = {}
        for key in keys:
            company_id, provider_id, client_id, day = key
            best = None
            for card in by_provider.get((company_id, provider_id), []):
                if card.date_from > day or (card.date_to and card.date_to < day):
                    continue
                if card.client_id and card.client_id.id != client_id:
                    continue
                if best is None or (card.client_id and not best.client_id):
                    best = card
            result[key] = best
        return result

    def _to_card(self):
        """The pure-Python view of this card (see pricing.Card)."""
        self.ensure_one()
        rules = self.rule_ids
        card = pricing.Card(
            **{
                name: self[name]
                for name in pricing.Card.__dataclass_fields__
                if name in self._fields
                and name not in ("rule_ids",)
                and self._fields[name].type in ("float", "monetary", "integer")
            }
        )
        card.storage_basis = self.storage_basis
        card.pick_tiers = [
            pricing.Band(r.low, r.high, r.price) for r in rules if r.kind == "pick_tier"
        ]
        card.weight_bands = [
            pricing.Band(r.low, r.high, r.price, per_unit=r.per_unit)
            for r in rules
            if r.kind == "weight_band"
        ]
        card.boxes = [
            pricing.Box(r.code or str(r.id), r.name, r.volume, r.max_weight, r.price)
            for r in rules
            if r.kind == "box"
        ]
        card.storage_location_month = {
            r.storage_type: r.price for r in rules if r.kind == "storage_location"
        }
        card.season_multipliers = {
            int(r.month): r.multiplier for r in rules if r.kind == "season" and r.month
        }
        card.age_bands = [
            pricing.Band(r.low, r.high, r.price) for r in rules if r.kind == "age"
        ]
        card.services = {
            r.code: (r.name, r.price) for r in rules if r.kind == "service" and r.code
        }
        return card

    # ------------------------------------------------------------------
    # quotes (public calculator and XML-RPC)
    # ------------------------------------------------------------------

    @api.model
    def _published_cards(self):
        today = fields.Date.context_today(self)
        return self.search(
            [
                ("published", "=", True),
                ("client_id", "=", False),
                ("date_from", "<=", today),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", today),
            ]
        )

    @api.model
    def _validate_quote_input(self, values):
        """Clean prospect figures; raises ValidationError naming the field."""
        labels = {
            "orders": self.env._("Orders per month"),
            "units_per_order": self.env._("Units per order"),
            "weight": self.env._("Average weight per unit (kg)"),
            "volume": self.env._("Average volume per unit (m³)"),
            "skus": self.env._("Number of SKUs"),
            "storage_volume": self.env._("Storage (m³)"),
            "return_rate": self.env._("Return rate (%)"),
        }
        clean = {}
        for name, (low, high) in QUOTE_LIMITS.items():
            raw = values.get(name)
            if raw in (None, "") and name in ("storage_volume", "return_rate"):
                raw = 0
            try:
                value = float(str(raw).replace(",", "."))
            except (TypeError, ValueError):
                raise ValidationError(
                    self.env._("%(field)s: enter a number.", field=labels[name])
                ) from None
            if math.isnan(value) or not low <= value <= high:
                raise ValidationError(
                    self.env._(
                        "%(field)s: must be between %(low)s and %(high)s.",
                        field=labels[name],
                        low=low,
                        high=high,
                    )
                )
            clean[name] = value
        for name in ("orders", "skus"):
            clean[name] = int(clean[name])
        locations = {}
        for stype in ("bin", "shelf", "pallet"):
            raw = values.get(f"locations_{stype}") or 0
            try:
                count = int(str(raw))
            except (TypeError, ValueError):
                raise ValidationError(
                    self.env._(
                        "Storage locations (%(type)s): enter a whole number.",
                        type=stype,
                    )
                ) from None
            if not 0 <= count <= 10_000:
                raise ValidationError(
                    self.env._(
                        "Storage locations (%(type)s): must be between 0 and 10000.",
                        type=stype,
                    )
                )
            locations[stype] = count
        clean["locations"] = locations
        mix = {}
        for zone in ("domestic", "eu", "world"):
            raw = values.get(f"mix_{zone}")
            try:
                mix[zone] = float(str(raw or 0).replace(",", "."))
            except (TypeError, ValueError):
                raise ValidationError(
                    self.env._("Destination mix: enter percentages.")
                ) from None
            if not 0 <= mix[zone] <= 100:
                raise ValidationError(
                    self.env._("Destination mix: each share is between 0 and 100 %.")
                )
        if not mix.get("domestic") and not mix.get("eu") and not mix.get("world"):
            mix["domestic"] = 100.0
        if abs(sum(mix.values()) - 100.0) > 0.5:
            raise ValidationError(
                self.env._("Destination mix: the shares must add up to 100 %.")
            )
        clean["mix"] = mix
        return clean

    def _quote_data(self):
        """What a quote needs from this card, as plain data (cacheable): the
        pure card and, per destination zone, the carrier's price rules."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        zones = {}
        for rule in self.rule_ids.filtered(lambda r: r.kind == "zone" and r.carrier_id):
            # sudo: prospects price with the provider's carriers; only the
            # resulting price is shown.
            carrier = rule.carrier_id.sudo()
            rate = (
                1.0
                if carrier.currency_id == self.currency_id
                else self.env["res.currency"]._get_conversion_rate(
                    carrier.currency_id, self.currency_id, self.company_id, today
                )
            )
            zones[rule.zone] = {
                "carrier_id": carrier.id,
                "type": carrier.delivery_type,
                "rules": carrier._fulfillment_rules()
                if carrier.delivery_type == "base_on_rule"
                else None,
                "fixed_price": carrier.fixed_price,
                "rate": rate,
            }
        return {
            "id": self.id,
            "name": self.name,
            "currency": self.currency_id.name,
            "source_url": self.source_url or "",
            "source_date": self.source_date and fields.Date.to_string(self.source_date),
            "card": self._to_card(),
            "zones": zones,
        }

    @api.model
    @tools.ormcache("today", "lang")
    def _published_quote_data(self, today, lang):
        """Quote data of the cards published on ``today`` (cached until a
        card, a rule or a carrier changes). Call it with sudo."""
        return tuple(card._quote_data() for card in self._published_cards())

    @api.model
    def _quote_from_data(self, data, values):
        """Itemised monthly estimate of a prospect (``values`` as validated by
        _validate_quote_input) on a card's quote data. Returns a dict."""
        card = data["card"]
        units = values["units_per_order"]
        parcel_weight = units * values["weight"]
        parcel_volume = units * values["volume"]
        billable = pricing.billable_weight(
            card, parcel_weight, parcel_volume * 1_000_000
        )
        carrier_prices = {}
        for zone, carrier in data["zones"].items():
            share = values["mix"].get(zone, 0.0) / 100.0
            if not share:
                continue
            if carrier["type"] == "fixed":
                price = carrier["fixed_price"]
            elif carrier["rules"] is not None:
                price = pricing.carrier_rule_price(
                    carrier["rules"], 0.0, billable, parcel_volume, units
                )
            else:
                # sudo: see _quote_data
                price = (
                    self.env["delivery.carrier"]
                    .sudo()
                    .browse(carrier["carrier_id"])
                    ._fulfillment_parcel_price(0.0, billable, parcel_volume, units)
                )
            carrier_prices[zone] = (share, (price or 0.0) * carrier["rate"])
        prospect = pricing.Prospect(
            orders=values["orders"],
            units_per_order=units,
            weight=values["weight"],
            volume=values["volume"],
            skus=values["skus"],
            storage_volume=values["storage_volume"],
            storage_locations=values["locations"],
            return_rate=values["return_rate"] / 100.0,
            carrier_prices=carrier_prices,
        )
        month = fields.Date.context_today(self).month
        charges, total, per_order = pricing.quote_month(card, prospect, month)
        CostLine = self.env["fulfillment.cost.line"]
        labels = CostLine._component_labels()
        return {
            "card": data["name"],
            "currency": data["currency"],
            "lines": [
                {
                    "component": c.component,
                    "component_label": labels.get(c.component, c.component),
                    "label": CostLine._charge_label(c),
                    "quantity": round(c.quantity, 2),
                    "unit_price": round(c.unit_price, 4),
                    "amount": round(c.amount, 2),
                }
                for c in charges
            ],
            "total": total,
            "per_order": per_order,
            "missing_zones": sorted(
                z
                for z, share in values["mix"].items()
                if share and z not in carrier_prices
            ),
        }

    def _quote(self, values):
        self.ensure_one()
        return self._quote_from_data(self._quote_data(), values)

    @api.model
    def quote_hypothetical_order(self, values, card_id=None):
        """Price one hypothetical order (documented for XML-RPC).

        ``values``: ``units`` (int), ``skus`` (int, default 1), ``weight`` (kg
        per unit), ``volume`` (m³ per unit), ``zone`` ('domestic', 'eu' or
        'world', default 'domestic'), ``returned`` (bool). ``card_id``: a rate
        card the caller may read; default: the first published card valid
        today. Returns ``{"card", "currency", "lines": [{"component", "label",
        "quantity", "unit_price", "amount"}], "total"}``.
        """
        card = self.browse(card_id) if card_id else self._published_cards()[:1]
        if not card:
            raise UserError(self.env._("No published rate card is valid today."))
        card.check_access("read")
        zone = values.get("zone") or "domestic"
        clean = self._validate_quote_input(
            {
                "orders": 1,
                "units_per_order": values.get("units", 1),
                "weight": values.get("weight", 0.5),
                "volume": values.get("volume", 0.001),
                "skus": values.get("skus", 1),
                "return_rate": 100 if values.get("returned") else 0,
                f"mix_{zone}": 100,
            }
        )
        result = card._quote(clean)
        result.pop("per_order")
        return result
