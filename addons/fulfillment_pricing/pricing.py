# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Fulfilment pricing formulas, with no ORM in them.

Every function takes plain numbers (a card is a :class:`Card` built from the
rate card record) and returns :class:`Charge` items: component, label, quantity,
unit price and amount. The functions are unit-agnostic (the Odoo layer passes
kilograms, centimetres and cubic metres; the tests replay ShipHero's published
examples in pounds and inches).

Sources of the published fee structures this models:
https://fulfillment-help.shiphero.com/knowledge-base/pricing-billing/ (picks,
DIM weight, storage), https://fulfillment-help.shiphero.com/hc/en-us/articles/
4422154081677-Return-Options (returns) and https://software-help.shiphero.com/
hc/en-us/articles/46573338603021-How-Picking-Fees-are-Calculated-in-3PL-Billing
(first pick, picks within range, remainder picks, additional-SKU charge).
"""

import calendar
import math
import operator
from dataclasses import dataclass, field

COMPONENTS = (
    "receiving",
    "pick_pack",
    "packaging",
    "storage",
    "returns",
    "vas",
    "carrier",
    "minimum",
)


@dataclass(frozen=True)
class Charge:
    component: str
    code: str
    label: str
    quantity: float
    unit_price: float

    @property
    def amount(self):
        return round(self.quantity * self.unit_price, 6)


@dataclass(frozen=True)
class Band:
    """A rule with a lower bound (inclusive) and an upper bound (exclusive, 0 =
    none): a pick tier (units), a weight band (weight), an age band (days)."""

    low: float
    high: float
    price: float
    per_unit: bool = True

    def contains(self, value):
        return value >= self.low and (not self.high or value < self.high)


@dataclass(frozen=True)
class Box:
    code: str
    label: str
    volume: float
    max_weight: float
    price: float


@dataclass
class Card:
    """The figures of one rate card version. Zero means "not charged"."""

    # receiving
    receiving_hour: float = 0.0
    receiving_free_hours: float = 0.0
    receiving_pallet: float = 0.0
    receiving_carton: float = 0.0
    receiving_unit: float = 0.0
    receiving_noncompliant: float = 0.0
    receiving_unannounced: float = 0.0
    # pick & pack
    order_base: float = 0.0
    first_unit: float = 0.0
    additional_unit: float = 0.0
    included_units: int = 0
    additional_sku: float = 0.0
    pick_tiers: list = field(default_factory=list)  # Band over the unit number
    weight_bands: list = field(default_factory=list)  # Band over weight
    # packaging
    boxes: list = field(default_factory=list)  # Box
    insert_price: float = 0.0
    # storage: "volume" (price per volume unit per month) or "location"
    storage_basis: str = "volume"
    storage_volume_month: float = 0.0
    storage_location_month: dict = field(default_factory=dict)  # type -> price
    season_multipliers: dict = field(default_factory=dict)  # month -> factor
    age_bands: list = field(default_factory=list)  # Band over age in days
    storage_days_per_order: float = 0.0
    # returns
    return_base: float = 0.0
    return_first_item: float = 0.0
    return_additional_item: float = 0.0
    return_inspection_unit: float = 0.0
    # value-added services: code -> (label, price)
    services: dict = field(default_factory=dict)
    # carrier
    fuel_surcharge_pct: float = 0.0
    dim_divisor: float = 0.0
    dim_min_volume: float = 0.0
    dim_min_weight: float = 0.0
    # account
    monthly_minimum: float = 0.0


# --------------------------------------------------------------------------
# carrier price rules
# --------------------------------------------------------------------------

RULE_OPERATORS = {
    "==": operator.eq,
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
    ">": operator.gt,
}
RULE_VARIABLES = {"price", "volume", "weight", "wv", "quantity"}


@dataclass(frozen=True)
class CarrierRule:
    """One price rule of an Odoo rule-based carrier (delivery.price.rule)."""

    variable: str
    operator: str
    max_value: float
    base_price: float
    price: float
    factor: str


def carrier_rule_price(rules, total, weight, volume, quantity, wv=0.0):
    """The price of Odoo's delivery.carrier._get_price_from_picking, computed
    without safe_eval: the first rule (in sequence) whose ``variable operator
    max_value`` holds gives base price + price x factor. None when no rule
    matches (Odoo then says "Not available for current order")."""
    values = {
        "price": total,
        "volume": volume,
        "weight": weight,
        "wv": wv or volume * weight,
        "quantity": quantity,
    }
    for rule in rules:
        if RULE_OPERATORS[rule.operator](values[rule.variable], rule.max_value):
            return rule.base_price + rule.price * values[rule.factor]
    return None


# --------------------------------------------------------------------------
# weights and boxes
# --------------------------------------------------------------------------


def dim_weight(volume, divisor):
    """Dimensional weight: volume / divisor (ShipHero: L*W*H in / 166 = lb)."""
    if not divisor or not volume:
        return 0.0
    return volume / divisor


def billable_weight(card, weight, volume):
    """The greater of actual and DIM weight, unless the parcel is under the
    card's thresholds (ShipHero ignores DIM weight when the volume is under one
    cubic foot or the weight under one pound)."""
    if not card.dim_divisor:
        return weight
    if volume < card.dim_min_volume or weight < card.dim_min_weight:
        return weight
    return max(weight, dim_weight(volume, card.dim_divisor))


def choose_box(boxes, volume, weight):
    """The smallest box (by volume, then price) that holds ``volume`` and
    ``weight``; None when none does."""
    fitting = [
        b
        for b in boxes
        if b.volume >= volume and (not b.max_weight or b.max_weight >= weight)
    ]
    if not fitting:
        return None
    return min(fitting, key=lambda b: (b.volume, b.price, b.code))


# --------------------------------------------------------------------------
# components
# --------------------------------------------------------------------------


def _group(charges):
    """Merge charges with the same component, code and unit price."""
    merged = {}
    for c in charges:
        key = (c.component, c.code, c.label, c.unit_price)
        if key in merged:
            merged[key] = Charge(
                c.component,
                c.code,
                c.label,
                merged[key].quantity + c.quantity,
                c.unit_price,
            )
        else:
            merged[key] = c
    return [c for c in merged.values() if c.quantity]


def pick_pack(card, units, skus=1, unit_weights=(), order_weight=0.0):
    """Pick & pack of one order.

    ``units``: units shipped; ``skus``: distinct products; ``unit_weights``: the
    weight of each unit (for per-unit weight bands); ``order_weight``: billable
    weight of the parcel (for per-order weight bands). Unit 1 is the first pick,
    units up to ``included_units`` are in the base price, then each unit is
    charged at the rate of the tier that holds its number, else at the
    additional-unit rate.
    """
    charges = []
    if units <= 0:
        return charges
    if card.order_base:
        charges.append(Charge("pick_pack", "base", "Order base", 1, card.order_base))
    for n in range(1, int(units) + 1):
        if n <= card.included_units:
            continue
        if n == 1:
            if card.first_unit:
                charges.append(
                    Charge("pick_pack", "first", "First unit", 1, card.first_unit)
                )
            continue
        tier = next((t for t in card.pick_tiers if t.contains(n)), None)
        if tier is not None:
            label = (
                f"Units {int(tier.low)}-{int(tier.high - 1)}"
                if tier.high
                else (f"Units from {int(tier.low)}")
            )
            charges.append(
                Charge("pick_pack", f"tier{int(tier.low)}", label, 1, tier.price)
            )
        elif card.additional_unit:
            charges.append(
                Charge(
                    "pick_pack",
                    "additional",
                    "Additional unit",
                    1,
                    card.additional_unit,
                )
            )
    if card.additional_sku and skus > 1:
        charges.append(
            Charge("pick_pack", "sku", "Additional SKU", skus - 1, card.additional_sku)
        )
    for band in card.weight_bands:
        if band.per_unit:
            heavy = sum(1 for w in unit_weights if band.contains(w))
            if heavy:
                charges.append(
                    Charge(
                        "pick_pack",
                        f"weight{band.low:g}",
                        "Weight surcharge (per unit)",
                        heavy,
                        band.price,
                    )
                )
        elif band.contains(order_weight):
            charges.append(
                Charge(
                    "pick_pack",
                    f"weight{band.low:g}",
                    "Weight surcharge (per order)",
                    1,
                    band.price,
                )
            )
    return _group(charges)


def packaging(card, box=None, inserts=0):
    charges = []
    if box is not None and box.price:
        charges.append(Charge("packaging", box.code, box.label, 1, box.price))
    if inserts and card.insert_price:
        charges.append(
            Charge("packaging", "insert", "Insert", inserts, card.insert_price)
        )
    return charges


def carrier(card, base_price):
    """The carrier's price and the card's fuel surcharge on it."""
    charges = []
    if base_price:
        charges.append(Charge("carrier", "rate", "Carrier rate", 1, base_price))
        if card.fuel_surcharge_pct:
            charges.append(
                Charge(
                    "carrier",
                    "fuel",
                    "Fuel surcharge",
                    1,
                    round(base_price * card.fuel_surcharge_pct / 100.0, 6),
                )
            )
    return charges


def returns(card, items, inspected_units=None):
    """A return: base per return, first item, each additional item, and
    inspection per unit (ShipHero: $2.75 + 4 x $0.25 + 5 x $3.45 = $21.00 for
    a five-item return)."""
    if items <= 0:
        return []
    inspected = items if inspected_units is None else inspected_units
    charges = []
    if card.return_base:
        charges.append(Charge("returns", "base", "Return", 1, card.return_base))
    if card.return_first_item:
        charges.append(
            Charge("returns", "first", "First returned item", 1, card.return_first_item)
        )
    if card.return_additional_item and items > 1:
        charges.append(
            Charge(
                "returns",
                "additional",
                "Additional returned item",
                items - 1,
                card.return_additional_item,
            )
        )
    if card.return_inspection_unit and inspected:
        charges.append(
            Charge(
                "returns",
                "inspection",
                "Inspection",
                inspected,
                card.return_inspection_unit,
            )
        )
    return charges


def receiving(
    card,
    hours=0.0,
    pallets=0,
    cartons=0,
    units=0,
    noncompliant=False,
    unannounced=False,
):
    charges = []
    billable_hours = max(0.0, hours - card.receiving_free_hours)
    if card.receiving_hour and billable_hours:
        charges.append(
            Charge(
                "receiving",
                "hour",
                "Receiving hours",
                billable_hours,
                card.receiving_hour,
            )
        )
    for code, label, qty, price in (
        ("pallet", "Pallets received", pallets, card.receiving_pallet),
        ("carton", "Cartons received", cartons, card.receiving_carton),
        ("unit", "Units received", units, card.receiving_unit),
    ):
        if qty and price:
            charges.append(Charge("receiving", code, label, qty, price))
    if noncompliant and card.receiving_noncompliant:
        charges.append(
            Charge(
                "receiving",
                "noncompliant",
                "Non-compliant delivery",
                1,
                card.receiving_noncompliant,
            )
        )
    if unannounced and card.receiving_unannounced:
        charges.append(
            Charge(
                "receiving",
                "unannounced",
                "Unannounced delivery",
                1,
                card.receiving_unannounced,
            )
        )
    return charges


def service(card, code, quantity=1):
    if code not in card.services or not quantity:
        return []
    label, price = card.services[code]
    return [Charge("vas", code, label, quantity, price)]


def daily_storage_rate(card, day, storage_type=None):
    """Price of one storage unit (a volume unit, or one location of
    ``storage_type``) for one day: the monthly price over the days of that
    month, times the seasonal multiplier of the month."""
    days = calendar.monthrange(day.year, day.month)[1]
    monthly = (
        card.storage_volume_month
        if card.storage_basis == "volume"
        else card.storage_location_month.get(storage_type, 0.0)
    )
    return monthly / days * card.season_multipliers.get(day.month, 1.0)


def age_surcharge_rate(card, day, age_days):
    """Extra daily price per storage unit for stock of ``age_days``."""
    days = calendar.monthrange(day.year, day.month)[1]
    extra = sum(b.price for b in card.age_bands if b.contains(age_days))
    return extra / days


def storage(card, day_rows):
    """Storage of a period from daily rows ``(day, storage_type, quantity,
    age_days)``: ``quantity`` is a volume (volume basis) or a number of
    locations (location basis). One charge per storage type (or one for the
    volume), one per age surcharge; amounts are the exact sum of the days."""
    totals = {}
    for day, storage_type, quantity, age_days in day_rows:
        if not quantity:
            continue
        key = "volume" if card.storage_basis == "volume" else storage_type
        base = daily_storage_rate(card, day, storage_type) * quantity
        extra = age_surcharge_rate(card, day, age_days) * quantity
        acc = totals.setdefault(key, [0.0, 0.0, 0.0])
        acc[0] += quantity
        acc[1] += base
        acc[2] += extra
    charges = []
    for key, (qty_days, base, extra) in sorted(totals.items()):
        if base:
            charges.append(
                Charge(
                    "storage",
                    key,
                    f"Storage ({key}) per day",
                    qty_days,
                    round(base / qty_days, 6),
                )
            )
        if extra:
            charges.append(
                Charge(
                    "storage",
                    f"{key}_age",
                    f"Long-term storage ({key}) per day",
                    qty_days,
                    round(extra / qty_days, 6),
                )
            )
    return charges


def storage_per_order(card, volume, month=None):
    """Storage allocated to an order: its volume kept ``storage_days_per_order``
    days at the card's volume price (volume basis only)."""
    if card.storage_basis != "volume" or not card.storage_days_per_order or not volume:
        return []
    factor = card.season_multipliers.get(month, 1.0) if month else 1.0
    daily = card.storage_volume_month * 12 / 365 * factor
    return [
        Charge(
            "storage",
            "order",
            "Storage share",
            round(volume * card.storage_days_per_order, 6),
            round(daily, 6),
        )
    ]


def monthly_minimum(card, total):
    """The difference to the monthly minimum, charged as its own line."""
    if card.monthly_minimum and total < card.monthly_minimum:
        return [
            Charge(
                "minimum",
                "minimum",
                "Monthly minimum difference",
                1,
                round(card.monthly_minimum - total, 6),
            )
        ]
    return []


def total(charges):
    return round(sum(c.amount for c in charges), 2)


# --------------------------------------------------------------------------
# a month of a prospect
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Prospect:
    orders: int
    units_per_order: float
    weight: float  # per unit
    volume: float  # per unit
    skus: int
    storage_volume: float  # on hand, volume basis
    storage_locations: dict  # type -> locations, location basis
    return_rate: float  # 0..1
    carrier_prices: dict  # zone -> (share 0..1, price per parcel)


def quote_month(card, prospect, month=1):
    """Itemised estimate of a month: the orders (pick & pack, packaging,
    carrier by destination zone), returns, storage and the monthly minimum.
    Fractional units per order are priced as a mix of the two neighbouring
    whole numbers, so 1.5 units per order is half 1-unit and half 2-unit orders.
    Returns ``(charges, total, per_order)``."""
    charges = []
    low = max(1, math.floor(prospect.units_per_order))
    frac = prospect.units_per_order - low
    mix = [(low, 1.0 - frac)] + ([(low + 1, frac)] if frac > 1e-9 else [])
    skus_per_order = max(1, min(prospect.skus, low))
    for units, share in mix:
        n_orders = prospect.orders * share
        if not n_orders:
            continue
        weight = units * prospect.weight
        volume = units * prospect.volume
        order_weight = billable_weight(card, weight, volume)
        per_order = pick_pack(
            card, units, skus_per_order, [prospect.weight] * units, order_weight
        )
        per_order += packaging(card, choose_box(card.boxes, volume, weight))
        charges += [_scale(c, n_orders) for c in per_order]
    for zone, (share, price) in sorted(prospect.carrier_prices.items()):
        if share and price:
            n = prospect.orders * share
            charges += [
                _scale(
                    Charge(
                        c.component,
                        f"{c.code}_{zone}",
                        f"{c.label} ({zone})",
                        1,
                        c.unit_price,
                    ),
                    n,
                )
                for c in carrier(card, price)
            ]
    n_returns = prospect.orders * prospect.return_rate
    if n_returns:
        items = max(1, round(prospect.units_per_order))
        charges += [_scale(c, n_returns) for c in returns(card, items)]
    if card.storage_basis == "volume":
        rate = card.storage_volume_month * card.season_multipliers.get(month, 1.0)
        if prospect.storage_volume and rate:
            charges.append(
                Charge(
                    "storage",
                    "volume",
                    "Storage (volume) per month",
                    prospect.storage_volume,
                    round(rate, 6),
                )
            )
    else:
        for stype, count in sorted(prospect.storage_locations.items()):
            rate = card.storage_location_month.get(
                stype, 0.0
            ) * card.season_multipliers.get(month, 1.0)
            if count and rate:
                charges.append(
                    Charge(
                        "storage",
                        stype,
                        f"Storage ({stype}) per month",
                        count,
                        round(rate, 6),
                    )
                )
    charges = _group(charges)
    subtotal = total(charges)
    charges += monthly_minimum(card, subtotal)
    grand = total(charges)
    per_order = round(grand / prospect.orders, 2) if prospect.orders else 0.0
    return charges, grand, per_order


def _scale(charge, factor):
    return Charge(
        charge.component,
        charge.code,
        charge.label,
        charge.quantity * factor,
        charge.unit_price,
    )
