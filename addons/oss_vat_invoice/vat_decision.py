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


#: Legal sources (public EUR-Lex addresses) of the two areas and of the exceptions.
VAT_DIRECTIVE_URL = "https://eur-lex.europa.eu/eli/dir/2006/112/oj"
UNION_CUSTOMS_CODE_URL = "https://eur-lex.europa.eu/eli/reg/2013/952/oj"
CAMPIONE_CUSTOMS_URL = "https://eur-lex.europa.eu/eli/reg/2019/474/oj"
CAMPIONE_VAT_URL = "https://eur-lex.europa.eu/eli/dir/2019/475/oj"
WITHDRAWAL_AGREEMENT_URL = (
    "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12020W/TXT"
)

#: The customs dimension of every special territory the rules above name:
#: name -> (inside the EU customs territory, legal source). The EU customs territory
#: is defined by Art. 4 of the Union Customs Code (Regulation (EU) No 952/2013), the
#: VAT area by Art. 5 to 7 of Directive 2006/112/EC: Art. 6(1) lists the territories
#: inside the customs territory but outside the VAT area, Art. 6(2) those outside
#: both. Campione d'Italia and the Italian waters of Lake Lugano joined the customs
#: territory on 1 January 2020 (Regulation (EU) 2019/474; Directive (EU) 2019/475
#: moved them to Art. 6(1)); the waters of Lake Lugano carry no delivery address, so
#: no rule matches them. Monaco is inside both (UCC Art. 4(2), VAT Art. 7); Corsica,
#: the Azores and Madeira are ordinary parts of their member state.
SPECIAL_TERRITORY_CUSTOMS = {
    # Art. 6(1)(b) VAT; UCC Art. 4 (Spain includes the Canary Islands)
    "Canary Islands": (True, f"{VAT_DIRECTIVE_URL} Art. 6(1)(b); UCC Art. 4"),
    # Art. 6(1)(d) VAT; UCC Art. 4 (Finland includes the Åland Islands)
    "Åland Islands": (True, f"{VAT_DIRECTIVE_URL} Art. 6(1)(d); UCC Art. 4"),
    # Art. 6(1)(a) VAT; UCC Art. 4 (Greece)
    "Mount Athos": (True, f"{VAT_DIRECTIVE_URL} Art. 6(1)(a); UCC Art. 4"),
    # Art. 6(1)(c) VAT: French territories of Art. 349 TFEU (outermost regions);
    # UCC Art. 4: France except the overseas countries and territories
    "Guadeloupe": (True, f"{VAT_DIRECTIVE_URL} Art. 6(1)(c); UCC Art. 4"),
    "Martinique": (True, f"{VAT_DIRECTIVE_URL} Art. 6(1)(c); UCC Art. 4"),
    "French Guiana": (True, f"{VAT_DIRECTIVE_URL} Art. 6(1)(c); UCC Art. 4"),
    "Réunion": (True, f"{VAT_DIRECTIVE_URL} Art. 6(1)(c); UCC Art. 4"),
    "Mayotte": (True, f"{VAT_DIRECTIVE_URL} Art. 6(1)(c); UCC Art. 4"),
    "Saint-Martin": (True, f"{VAT_DIRECTIVE_URL} Art. 6(1)(c); UCC Art. 4"),
    # Overseas countries and territories (Part Four TFEU): outside both
    "Saint-Barthélemy": (False, f"{UNION_CUSTOMS_CODE_URL} Art. 4 (OCT since 2012)"),
    "Saint-Pierre-et-Miquelon": (False, f"{UNION_CUSTOMS_CODE_URL} Art. 4 (OCT)"),
    "Wallis and Futuna": (False, f"{UNION_CUSTOMS_CODE_URL} Art. 4 (OCT)"),
    "French Polynesia": (False, f"{UNION_CUSTOMS_CODE_URL} Art. 4 (OCT)"),
    "New Caledonia": (False, f"{UNION_CUSTOMS_CODE_URL} Art. 4 (OCT)"),
    # Art. 6(2) VAT; UCC Art. 4: Germany except Heligoland and Büsingen
    "Heligoland": (False, f"{VAT_DIRECTIVE_URL} Art. 6(2)(b); UCC Art. 4"),
    "Büsingen am Hochrhein": (False, f"{VAT_DIRECTIVE_URL} Art. 6(2)(b); UCC Art. 4"),
    # Art. 6(2)(c) VAT; UCC Art. 4: Spain except Ceuta and Melilla
    "Ceuta": (False, f"{VAT_DIRECTIVE_URL} Art. 6(2)(c); UCC Art. 4"),
    "Melilla": (False, f"{VAT_DIRECTIVE_URL} Art. 6(2)(c); UCC Art. 4"),
    "Ceuta and Melilla": (False, f"{VAT_DIRECTIVE_URL} Art. 6(2)(c); UCC Art. 4"),
    # Art. 6(2)(d) VAT; UCC Art. 4: Italy except Livigno
    "Livigno": (False, f"{VAT_DIRECTIVE_URL} Art. 6(2)(d); UCC Art. 4"),
    # inside the customs territory since 1 January 2020, outside the VAT area
    "Campione d'Italia": (True, f"{CAMPIONE_CUSTOMS_URL}; {CAMPIONE_VAT_URL}"),
    # Windsor Framework: the Protocol on Ireland/Northern Ireland (Withdrawal
    # Agreement, Art. 5 and 8) applies the Union Customs Code and the EU VAT rules on
    # goods in Northern Ireland; goods from the EU need no customs declaration.
    "Northern Ireland": (True, f"{WITHDRAWAL_AGREEMENT_URL} Protocol Art. 5, 8"),
    # Monaco: UCC Art. 4(2)(a) (customs convention of 18 May 1963), VAT Art. 7
    "Monaco": (True, f"{UNION_CUSTOMS_CODE_URL} Art. 4(2); {VAT_DIRECTIVE_URL} Art. 7"),
    # Isle of Man: part of the United Kingdom's customs territory, outside the EU
    "Isle of Man": (False, f"{UNION_CUSTOMS_CODE_URL} Art. 4"),
}


@dataclass(frozen=True)
class Territory:
    """Where the goods arrive, for VAT and for customs."""

    country: str  # the VAT country (MC -> FR, GB+BT -> XI, ...)
    name: str = ""  # special territory name, '' for the ordinary territory
    inside: bool = True  # inside the EU VAT area for goods
    #: inside the EU customs territory (UCC Art. 4); None: decided from the above
    #: (an ordinary member state is inside, a third country outside)
    inside_customs: bool | None = None

    def __post_init__(self):
        if self.inside_customs is None:
            if self.name in SPECIAL_TERRITORY_CUSTOMS:
                customs = SPECIAL_TERRITORY_CUSTOMS[self.name][0]
            else:
                customs = self.country in GOODS_MEMBER_STATES
            object.__setattr__(self, "inside_customs", customs)

    @property
    def special(self):
        return bool(self.name)

    @property
    def in_union(self):
        """Inside both the EU VAT area and the EU customs territory: goods move
        between such places without any customs formality."""
        return self.inside and self.inside_customs

    @property
    def legal_source(self):
        """Where the law places this territory (public EUR-Lex addresses)."""
        if self.name in SPECIAL_TERRITORY_CUSTOMS:
            return SPECIAL_TERRITORY_CUSTOMS[self.name][1]
        if self.country in GOODS_MEMBER_STATES:
            return f"{VAT_DIRECTIVE_URL} Art. 5; {UNION_CUSTOMS_CODE_URL} Art. 4"
        return f"{UNION_CUSTOMS_CODE_URL} Art. 4 (third country)"

    def needs_customs_from(self, origin):
        """Whether goods sent from ``origin`` (a :class:`Territory`) to this one
        cross a customs or fiscal border, hence need customs papers. Nothing is
        needed between two places of the common area, nor inside one territory."""
        if self.in_union and origin.in_union:
            return False
        return (self.country, self.name) != (origin.country, origin.name)


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


def needs_customs(country, zip_code="", state="", city="", origin=None):
    """Whether a parcel to this address needs customs papers (CN22/CN23 or a
    commercial invoice).

    :param origin: the :class:`Territory` the goods leave from; by default an
        ordinary EU member state (inside the VAT area and the customs territory)
    """
    destination = resolve_territory(country, zip_code, state, city)
    if origin is None:
        origin = Territory("LU")
    return destination.needs_customs_from(origin)


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
