# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, http
from odoo.exceptions import ValidationError
from odoo.http import request

LANGS = {"en": "en_US", "fr": "fr_FR", "de": "de_DE"}
FIELDS = (
    "orders",
    "units_per_order",
    "weight",
    "volume",
    "skus",
    "storage_volume",
    "locations_bin",
    "locations_shelf",
    "locations_pallet",
    "return_rate",
    "mix_domestic",
    "mix_eu",
    "mix_world",
)
DEFAULTS = {
    "orders": "300",
    "units_per_order": "2",
    "weight": "0.5",
    "volume": "0.002",
    "skus": "50",
    "storage_volume": "5",
    "locations_bin": "0",
    "locations_shelf": "0",
    "locations_pallet": "0",
    "return_rate": "5",
    "mix_domestic": "60",
    "mix_eu": "40",
    "mix_world": "0",
}


class FulfillmentQuoteController(http.Controller):
    """The public quote calculator: a page without login (no `website`
    dependency: a plain public route rendering a frontend QWeb page)."""

    @http.route(
        ["/fulfillment/quote", "/fulfillment/quote/<string:lang_code>"],
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def quote(self, lang_code="en", **params):
        lang = LANGS.get(lang_code)
        if not lang:
            raise request.not_found()
        installed = {code for code, __ in request.env["res.lang"].get_installed()}
        if lang in installed:
            request.update_context(lang=lang)
        # sudo: the public user cannot read rate cards; only published cards
        # without a client are listed (a client's card cannot be published).
        Card = request.env["fulfillment.rate.card"].sudo()
        today = fields.Date.context_today(Card)
        cards = Card._published_quote_data(today, request.env.lang)
        values = {
            "cards": cards,
            "card": cards[0] if cards else None,
            "form": {**DEFAULTS, **{k: params[k] for k in FIELDS if k in params}},
            "errors": [],
            "result": None,
            "lang_code": lang_code,
            "langs": [
                (code, LANGS[code]) for code in LANGS if LANGS[code] in installed
            ],
            "title": request.env._("Fulfilment quote"),
        }
        status = 200
        if params.get("card"):
            card = next((c for c in cards if str(c["id"]) == params["card"]), None)
            if not card:
                values["errors"].append(request.env._("Choose a published rate card."))
                status = 400
            else:
                values["card"] = card
        if params.get("submitted") and not values["errors"]:
            ip = request.httprequest.remote_addr
            if not request.env["fulfillment.quote.hit"].sudo()._hit(ip):
                values["errors"].append(
                    request.env._(
                        "Too many quotes from your address: try again in a few minutes."
                    )
                )
                status = 429
            elif not values["card"]:
                values["errors"].append(request.env._("No rate card is published yet."))
                status = 400
            else:
                try:
                    clean = Card._validate_quote_input(values["form"])
                    values["result"] = Card._quote_from_data(values["card"], clean)
                except ValidationError as error:
                    values["errors"].append(error.args[0])
                    status = 400
        response = request.render("fulfillment_pricing.quote_page", values)
        response.status_code = status
        return response
