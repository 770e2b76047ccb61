# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""EU VAT decision for a supply of goods dispatched by (or for) the seller.

Plain Python, no ORM: the addon's models feed it facts read from records and apply
the outcome (fiscal position, taxes, rule text, legal mention). The rows refer to the
decision table of research/vat.md section 4.1 (Directive 2006/112/EC):

    1  delivery in the seller's member state -> seller's VAT (Art. 31-32)
    2  business with a VIES-valid VAT number of another member state, goods leave
       the seller's member state -> 0 %, Art. 138(1)
    3  business identified only in the seller's member state, goods sent to another
       member state -> seller's VAT (Art. 138(1)(b) not met)
    4  consumer (or unverified business) in another member state, EU-wide distance
       sales <= EUR 10,000, no opt-in -> seller's VAT (Art. 59c(1))
    5  same as 4, threshold exceeded or opted in -> destination VAT (Art. 33(a), 59c)
    6  consumer collects / arranges the transport -> seller's VAT (no distance sale)
    7  destination outside the EU VAT area (third country or an Art. 6 territory)
       -> 0 %, export, Art. 146(1)(a)
    8  Monaco -> as France (Art. 7)
    9  Northern Ireland, goods -> as a member state (XI), UK rates

Services, chain and triangular supplies, excise goods and new means of transport are
out of scope: the caller keeps Odoo's own behaviour for them.
"""

from dataclasses import dataclass, field

#: The 27 member states (ISO 3166 codes; Greece is GR here, EL in VAT numbers).
EU_MEMBER_STATES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)
#: Member states for goods: the EU plus Northern Ireland (Windsor Framework), prefix XI.
GOODS_MEMBER_STATES = EU_MEMBER_STATES | {"XI"}

#: Countries treated as another country for VAT (Art. 7 and the Windsor Framework).
COUNTRY_ALIASES = {
    "MC": ("FR", "Monaco"),
    "IM": ("GB", "Isle of Man"),
}

#: ISO codes Odoo knows for territories outside the EU VAT area (Art. 6): always export.
OUTSIDE_TERRITORY_CODES = {
    "AX": "Åland Islands",
    "GP": "Guadeloupe",
    "MQ": "Martinique",
    "GF": "French Guiana",
    "RE": "Réunion",
    "YT": "Mayotte",
    "MF": "Saint-Martin",
    "BL": "Saint-Barthélemy",
    "PM": "Saint-Pierre-et-Miquelon",
    "IC": "Canary Islands",
    "EA": "Ceuta and Melilla",
}

#: Territories of a member state recognised by postcode or state: (country, kind, value,
#: city hint, name, inside_vat_area). A city hint restricts a postcode shared by several
#: towns. Sources: Art. 6 Directive 2006/112/EC; kdeldycke/vat-rates territory list.
TERRITORY_RULES = (
    ("ES", "state", "GC", "", "Canary Islands", False),
    ("ES", "state", "TF", "", "Canary Islands", False),
    ("ES", "state", "CE", "", "Ceuta", False),
    ("ES", "state", "ME", "", "Melilla", False),
    ("ES", "zip", "35", "", "Canary Islands", False),
    ("ES", "zip", "38", "", "Canary Islands", False),
    ("ES", "zip", "51", "", "Ceuta", False),
    ("ES", "zip", "52", "", "Melilla", False),
    ("FI", "zip", "22", "", "Åland Islands", False),
    ("GR", "zip", "63086", "", "Mount Athos", False),
    ("GR", "zip", "63087", "", "Mount Athos", False),
    ("FR", "zip", "971", "", "Guadeloupe", False),
    ("FR", "zip", "972", "", "Martinique", False),
    ("FR", "zip", "973", "", "French Guiana", False),
    ("FR", "zip", "974", "", "Réunion", False),
    ("FR", "zip", "975", "", "Saint-Pierre-et-Miquelon", False),
    ("FR", "zip", "976", "", "Mayotte", False),
    ("FR", "zip", "977", "", "Saint-Barthélemy", False),
    ("FR", "zip", "978", "", "Saint-Martin", False),
    ("FR", "zip", "986", "", "Wallis and Futuna", False),
    ("FR", "zip", "987", "", "French Polynesia", False),
    ("FR", "zip", "988", "", "New Caledonia", False),
    ("DE", "zip", "27498", "", "Heligoland", False),
    ("DE", "zip", "78266", "", "Büsingen am Hochrhein", False),
    ("IT", "zip", "23041", "", "Livigno", False),
    ("IT", "zip", "23030", "livigno", "Livigno", False),
    ("IT", "zip", "22061", "", "Campione d'Italia", False),
    ("IT", "zip", "22060", "campione", "Campione d'Italia", False),
    ("GB", "zip", "BT", "", "Northern Ireland", True),
)

# Rule codes (stored on documents).
DOMESTIC = "domestic"
DOMESTIC_VAT_BUYER = "domestic_vat_buyer"
DISTANCE_LOCAL = "distance_local"
OSS = "oss"
IC_SUPPLY = "ic_supply"
EXPORT = "export"
CUSTOMER_COLLECTS = "customer_collects"
NOT_APPLICABLE = "not_applicable"

RULE_ROWS = {
    DOMESTIC: 1,
    IC_SUPPLY: 2,
    DOMESTIC_VAT_BUYER: 3,
    DISTANCE_LOCAL: 4,
    OSS: 5,
    CUSTOMER_COLLECTS: 6,
    EXPORT: 7,
    NOT_APPLICABLE: 0,
}
#: Which legal mention a rule prints on the invoice.
RULE_MENTIONS = {IC_SUPPLY: "ic_supply", EXPORT: "export", OSS: "oss"}
#: Decision rules mapped to the kind of fiscal position that carries them.
RULE_FPOS_KIND = {
    DOMESTIC: "domestic",
    DOMESTIC_VAT_BUYER: "domestic",
    DISTANCE_LOCAL: "domestic",
    CUSTOMER_COLLECTS: "domestic",
    IC_SUPPLY: "ic_supply",
    EXPORT: "export",
    OSS: "oss",
}

VIES_STATUSES = ("none", "valid", "invalid", "pending")


@dataclass(frozen=True)
class Territory:
    """Where the goods arrive, for VAT."""

    country: str  # the VAT country (MC -> FR, GB+BT -> XI, ...)
    name: str = ""  # special territory name, '' for the ordinary territory
    inside: bool = True  # inside the EU VAT area for goods

    @property
    def special(self):
        return bool(self.name)


def _norm_zip(zip_code):
    return "".join((zip_code or "").split()).upper()


def resolve_territory(country, zip_code="", state="", city=""):
    """Return the VAT territory where goods delivered to this address arrive.

    :param country: ISO code of the delivery country (case insensitive)
    :param zip_code: postcode of the delivery address
    :param state: state code (Odoo ``res.country.state.code``)
    :param city: city, used only to tell towns that share a postcode apart
    """
    country = (country or "").upper()
    if not country:
        raise ValueError("the delivery address has no country")
    if country in OUTSIDE_TERRITORY_CODES:
        return Territory(country, OUTSIDE_TERRITORY_CODES[country], False)
    if country == "XI":
        return Territory("XI", "Northern Ireland", True)
    name = ""
    if country in COUNTRY_ALIASES:
        country, name = COUNTRY_ALIASES[country]
    zip_norm = _norm_zip(zip_code)
    state = (state or "").upper()
    city_norm = (city or "").casefold()
    for rule_country, kind, value, city_hint, rule_name, inside in TERRITORY_RULES:
        if rule_country != country:
            continue
        if kind == "state" and state == value:
            matched = True
        elif kind == "zip" and zip_norm.startswith(value):
            matched = not city_hint or city_hint in city_norm
        else:
            matched = False
        if matched:
            if rule_name == "Northern Ireland":
                return Territory("XI", rule_name, True)
            return Territory(country, rule_name, inside)
    if country in GOODS_MEMBER_STATES:
        return Territory(country, name, True)
    return Territory(country, name, False)


def vat_number_country(vat):
    """ISO country of a VAT number's prefix ('EL' -> 'GR'), '' when it has none."""
    prefix = "".join((vat or "").split()).upper()[:2]
    if len(prefix) < 2 or not prefix.isalpha():
        return ""
    return "GR" if prefix == "EL" else prefix


@dataclass(frozen=True)
class Sale:
    """The facts of one supply of goods."""

    seller_country: str
    delivery_country: str
    delivery_zip: str = ""
    delivery_state: str = ""
    delivery_city: str = ""
    customer_vat: str = ""  # the number the customer communicated, '' for a consumer
    vies_status: str = "none"  # none (never checked) / valid / invalid / pending
    customer_collects: bool = False  # the customer collects or arranges the transport
    threshold_exceeded: bool = (
        False  # EUR 10,000 passed this or last year (incl. this sale)
    )
    oss_opt_in: bool = False  # the seller opted for destination VAT (Art. 59c(3))
    hold_when_pending: bool = (
        False  # hold, rather than bill as a consumer, if VIES pending
    )


@dataclass(frozen=True)
class Decision:
    rule: str
    tax_country: str  # whose rates apply ('' for 0 % exemptions)
    destination: str  # VAT country where the goods arrive
    territory: str = ""  # special territory name, if any
    mention: str = ""  # legal mention key: ic_supply / export / oss / ''
    hold: bool = False  # do not invoice yet (VIES pending and the seller holds)
    vies_pending: bool = False  # the customer's number waits for VIES
    customer_vat_country: str = ""
    notes: tuple = field(default_factory=tuple)  # extra facts (codes) for the rule text

    @property
    def row(self):
        return RULE_ROWS[self.rule]

    @property
    def exempt(self):
        return self.rule in (IC_SUPPLY, EXPORT)


def decide(sale):
    """Return the :class:`Decision` for ``sale`` (a :class:`Sale`)."""
    seller = (sale.seller_country or "").upper()
    if sale.vies_status not in VIES_STATUSES:
        raise ValueError(f"unknown VIES status {sale.vies_status!r}")
    territory = resolve_territory(
        sale.delivery_country,
        sale.delivery_zip,
        sale.delivery_state,
        sale.delivery_city,
    )
    dest = territory.country
    if seller not in EU_MEMBER_STATES:
        return Decision(NOT_APPLICABLE, "", dest, territory.name)
    vat_country = vat_number_country(sale.customer_vat)
    common = {
        "destination": dest,
        "territory": territory.name,
        "customer_vat_country": vat_country,
    }
    if not territory.inside:
        return Decision(EXPORT, "", mention=RULE_MENTIONS[EXPORT], **common)
    if dest == seller:
        return Decision(DOMESTIC, seller, **common)
    # Goods leave the seller's member state for another member state (or XI).
    notes = []
    vies_pending = False
    hold = False
    if vat_country:
        foreign = vat_country != seller and vat_country in GOODS_MEMBER_STATES
        if not foreign:
            if vat_country == seller:
                return Decision(DOMESTIC_VAT_BUYER, seller, **common)
            notes.append("vat_not_eu")
        elif sale.vies_status == "valid":
            return Decision(IC_SUPPLY, "", mention=RULE_MENTIONS[IC_SUPPLY], **common)
        elif sale.vies_status == "invalid":
            notes.append("vies_invalid")
        else:
            vies_pending = True
            hold = sale.hold_when_pending
            notes.append("vies_pending")
    if sale.customer_collects:
        return Decision(
            CUSTOMER_COLLECTS,
            seller,
            vies_pending=vies_pending,
            hold=hold,
            notes=tuple(notes),
            **common,
        )
    if sale.oss_opt_in or sale.threshold_exceeded:
        notes.append("opt_in" if sale.oss_opt_in else "threshold_exceeded")
        return Decision(
            OSS,
            dest,
            mention=RULE_MENTIONS[OSS],
            vies_pending=vies_pending,
            hold=hold,
            notes=tuple(notes),
            **common,
        )
    notes.append("under_threshold")
    return Decision(
        DISTANCE_LOCAL,
        seller,
        vies_pending=vies_pending,
        hold=hold,
        notes=tuple(notes),
        **common,
    )


def pick_rate(rows, country, category, on_date):
    """The rate of ``category`` in ``country`` on ``on_date`` from date-effective rows.

    ``rows`` is an iterable of mappings with keys country, category, rate, date_from,
    date_to (dates or None for open ends, both inclusive). Returns None when no row
    covers the date. Rows of the ``standard`` category are the fallback for a category
    a country does not list.
    """
    fallback = None
    for row in rows:
        if row["country"] != country:
            continue
        if row["date_from"] and on_date < row["date_from"]:
            continue
        if row["date_to"] and on_date > row["date_to"]:
            continue
        if row["category"] == category:
            return row["rate"]
        if row["category"] == "standard":
            fallback = row["rate"]
    return fallback
