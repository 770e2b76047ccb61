# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request
from odoo.tools import consteq

LANGS = {"en": "en_US", "fr": "fr_FR", "de": "de_DE"}


class SaleChannelRmaPortal(http.Controller):
    """The public return page: the customer finds the order by its number and
    e-mail address (no account needed), picks delivered lines, quantities and a
    reason, and gets a confirmed return by e-mail."""

    def _set_lang(self, lang_code):
        lang = LANGS.get(lang_code)
        if not lang:
            raise request.not_found()
        installed = {code for code, __ in request.env["res.lang"].get_installed()}
        if lang in installed:
            request.update_context(lang=lang)
        return [(code, LANGS[code]) for code in LANGS if LANGS[code] in installed]

    def _render(self, lang_code, langs, status=200, **values):
        # sudo: the public user cannot read return reasons or operations; only
        # the reasons marked for the page and the two operations are offered.
        reasons = (
            request.env["rma.return.reason"]
            .sudo()
            .search([("portal_visible", "=", True)])
        )
        values.update(
            {
                "lang_code": lang_code,
                "langs": langs,
                "reasons": reasons,
                "errors": values.get("errors", []),
                "step": values.get("step", "lookup"),
                "form": values.get("form", {}),
            }
        )
        response = request.render("sale_channel_rma.return_page", values)
        response.status_code = status
        return response

    def _not_found_message(self):
        # The same words whether the order does not exist or the e-mail does not
        # match: the page never tells which orders exist.
        return request.env._(
            "We could not find a delivered order with this number and e-mail "
            "address. Check both and try again."
        )

    @http.route(
        ["/returns", "/returns/<string:lang_code>"],
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def return_page(self, lang_code="en", **_params):
        langs = self._set_lang(lang_code)
        return self._render(lang_code, langs)

    @http.route(
        "/returns/<string:lang_code>/lookup",
        type="http",
        auth="public",
        methods=["POST"],
        sitemap=False,
    )
    def return_lookup(self, lang_code="en", order_number="", email="", **_params):
        langs = self._set_lang(lang_code)
        form = {"order_number": order_number, "email": email}
        # sudo: the look-up counter is written for the public user (raw SQL,
        # one row per IP address and window, nothing else is touched).
        ip = request.httprequest.remote_addr
        if not request.env["rma.portal.attempt"].sudo()._hit(ip):
            return self._render(
                lang_code,
                langs,
                status=429,
                form=form,
                errors=[
                    request.env._(
                        "Too many attempts from your address: try again in a few "
                        "minutes."
                    )
                ],
            )
        # sudo: the visitor has no account; the order is found only by its exact
        # number AND an e-mail address of its customer. What is shown next is
        # limited to that order's delivered lines (product, quantity).
        order = request.env["sale.order"].sudo()._rma_portal_find(order_number, email)
        if not order:
            return self._render(
                lang_code,
                langs,
                status=404,
                form=form,
                errors=[self._not_found_message()],
            )
        return self._render_lines(order, lang_code, langs, form)

    def _render_lines(self, order, lang_code, langs, form, errors=None, status=200):
        order._portal_ensure_token()
        refund_label = request.env._("Refund")
        exchange_label = request.env._("Exchange for the same item")
        operations = [("refund", refund_label), ("replace", exchange_label)]
        return self._render(
            lang_code,
            langs,
            status=status,
            step="lines",
            form=form,
            errors=errors or [],
            order=order,
            lines=order._rma_portal_lines(),
            operations=operations,
        )

    @http.route(
        "/returns/<string:lang_code>/submit",
        type="http",
        auth="public",
        methods=["POST"],
        sitemap=False,
    )
    def return_submit(
        self, lang_code="en", order_id="", access_token="", reason_id="", **params
    ):
        langs = self._set_lang(lang_code)
        # sudo: the order is reached only with its access token, handed out on the
        # previous step to whoever gave its number and e-mail address.
        order = request.env["sale.order"].sudo().browse(int(order_id or 0)).exists()
        if (
            not order
            or order.state != "sale"
            or not order.access_token
            or not consteq(order.access_token, access_token or "")
        ):
            return self._render(
                lang_code, langs, status=404, errors=[self._not_found_message()]
            )
        form = {"comment": params.get("comment", "")}
        reason = (
            request.env["rma.return.reason"]
            .sudo()
            .search(
                [("id", "=", int(reason_id or 0)), ("portal_visible", "=", True)],
                limit=1,
            )
        )
        if not reason:
            return self._render_lines(
                order,
                lang_code,
                langs,
                form,
                errors=[request.env._("Choose the reason of the return.")],
                status=400,
            )
        operation = request.env.ref(
            "rma.rma_operation_replace"
            if params.get("operation") == "replace"
            else "rma.rma_operation_refund"
        ).sudo()
        quantities = {
            key[4:]: value for key, value in params.items() if key.startswith("qty_")
        }
        try:
            # sudo (order above): the RMAs are created and confirmed for this
            # order's own delivered lines only, which _rma_portal_create checks.
            rmas = order._rma_portal_create(
                quantities, reason, operation, params.get("comment", "").strip()
            )
        except ValidationError as error:
            return self._render_lines(
                order, lang_code, langs, form, errors=[error.args[0]], status=400
            )
        return self._render(
            lang_code,
            langs,
            step="done",
            order=order,
            rmas=rmas,
        )
