# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Legal mentions printed on invoices (Art. 226(11) and (11a) Directive 2006/112/EC).

Plain Python, no ORM. The wording is legal text, so it is kept here, in one place, in
English, French and German (the languages of Luxembourg's customers), rather than in
the .po files of the user interface: the invoice report prints it in the customer's
language whatever languages the database has installed.
"""

MENTIONS = {
    "ic_supply": {
        "en": "Exempt intra-Community supply of goods – Article 138 of "
        "Directive 2006/112/EC. Reverse charge: VAT to be accounted for by the "
        "customer.",
        "fr": "Livraison intracommunautaire de biens exonérée – article 138 de la "
        "directive 2006/112/CE. Autoliquidation : TVA due par le preneur.",
        "de": "Steuerfreie innergemeinschaftliche Lieferung von Gegenständen – "
        "Artikel 138 der Richtlinie 2006/112/EG. Steuerschuldnerschaft des "
        "Leistungsempfängers (Reverse Charge).",
    },
    "export": {
        "en": "Export – VAT exempt, Article 146 of Directive 2006/112/EC.",
        "fr": "Exportation – exonération de TVA, article 146 de la "
        "directive 2006/112/CE.",
        "de": "Ausfuhrlieferung – steuerfrei, Artikel 146 der Richtlinie 2006/112/EG.",
    },
    "oss": {
        "en": "Distance sale of goods: VAT of the member state of arrival "
        "({country}), declared under the One-Stop-Shop (Union scheme).",
        "fr": "Vente à distance de biens : TVA de l'État membre d'arrivée "
        "({country}), déclarée via le guichet unique (OSS, régime de l'Union).",
        "de": "Fernverkauf von Gegenständen: Mehrwertsteuer des "
        "Bestimmungsmitgliedstaats ({country}), erklärt über den One-Stop-Shop "
        "(OSS, Unionsregelung).",
    },
}


def mention(kind, lang="en", country=""):
    """Text of the mention ``kind`` in ``lang`` (an Odoo code such as fr_BE or a bare
    ISO 639-1 code); English when the language is not one we translated."""
    texts = MENTIONS.get(kind)
    if not texts:
        return ""
    short = (lang or "en")[:2].lower()
    return texts.get(short, texts["en"]).format(country=country)
