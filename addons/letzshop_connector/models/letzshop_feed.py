"""The product feed Letzshop fetches: which products, at what price, how many.

An AbstractModel (a service, no table) called with the ``letzshop.account`` it
publishes for. Quantities come from the account's sales channel
(``incoming_stock_atp``: dated available-to-promise minus the channel's buffer).
"""

from odoo import api, fields, models
from odoo.tools import SQL

FEED_LANGS = {"en": "en_US", "fr": "fr_FR", "de": "de_DE"}
FEED_COLUMNS = (
    "id",
    "title",
    "description",
    "availability",
    "quantity",
    "price",
    "gtin",
    "mpn",
    "condition",
    "link",
)


class LetzshopFeed(models.AbstractModel):
    _name = "letzshop.feed"
    _description = "Letzshop Product Feed"

    @api.model
    def _publishable_quantities(self, account, products):
        """{product_id: quantity Letzshop may sell}: the sales channel's
        available-to-promise in the account's warehouse."""
        if not products:
            return {}
        return account.team_id._get_publishable_quantities(
            products, warehouse=account.warehouse_id
        )

    @api.model
    def _changed_products(self, account, since=None, products=None):
        """Feed products whose publishable quantity may have changed since
        ``since`` (default: the last publication), found by the sales channel's
        SQL over stock moves, quants and purchases, never product by product."""
        since = since or account.last_publication_date
        changed = account.team_id._get_publishable_changed_since(
            since, products=products, warehouse=account.warehouse_id
        )
        if products is None:
            products = self._feed_products(account, changed.ids)
        return changed & products

    @api.model
    def _feed_products(self, account, among_ids=None):
        """Products the feed publishes: saleable, storable, marked 'Publish on
        Letzshop', with a barcode or an internal reference."""
        domain = [
            ("sale_ok", "=", True),
            ("is_storable", "=", True),
            ("letzshop_published", "=", True),
            ("company_id", "in", [False, *account.company_id.parent_ids.ids]),
            "|",
            ("barcode", "!=", False),
            ("default_code", "!=", False),
        ]
        if among_ids is not None:
            domain.append(("id", "in", list(among_ids)))
        return self.env["product.product"].search(domain, order="id")

    @api.model
    def _rows(self, account, lang_short):
        """Rows (tuples in FEED_COLUMNS order) of the feed in ``lang_short``."""
        lang = FEED_LANGS[lang_short]
        products = self._feed_products(account)
        if not products:
            return []
        self.env["product.product"].flush_model()
        self.env["product.template"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT pp.id, pp.default_code, pp.barcode,
                       COALESCE(pt.name->>%(lang)s, pt.name->>'en_US'),
                       COALESCE(pt.description_sale->>%(lang)s,
                                pt.description_sale->>'en_US'),
                       pt.list_price + COALESCE(extra.price, 0), pt.id
                  FROM product_product pp
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  LEFT JOIN (
                        SELECT rel.product_product_id AS pid,
                               SUM(ptav.price_extra) AS price
                          FROM product_variant_combination rel
                          JOIN product_template_attribute_value ptav
                            ON ptav.id = rel.product_template_attribute_value_id
                         WHERE rel.product_product_id = ANY(%(ids)s)
                         GROUP BY rel.product_product_id
                       ) extra ON extra.pid = pp.id
                 WHERE pp.id = ANY(%(ids)s)
                 ORDER BY pp.id
                """,
                lang=lang,
                ids=products.ids,
            )
        )
        quantities = self._publishable_quantities(account, products)
        gross = self._gross_prices(account, {r[0]: (r[6], r[5]) for r in rows})
        currency = account.company_id.currency_id
        result = []
        for pid, code, barcode, title, description, _price, _tmpl in rows:
            qty = max(0, int(quantities.get(pid) or 0))
            result.append(
                (
                    code or barcode,
                    _tsv(title),
                    _tsv(description),
                    "in_stock" if qty > 0 else "out_of_stock",
                    str(qty),
                    f"{gross[pid]:.{currency.decimal_places}f} {currency.name}",
                    barcode or "",
                    code or "",
                    "new",
                    "",
                )
            )
        return result

    @api.model
    def _gross_prices(self, account, prices):
        """{product_id: price as published} from {product_id: (template_id, price)}.

        Letzshop shows prices VAT included (when the account says so): the
        product's sale taxes of the account's company, or of its parent company
        for a branch (as a sale order line chooses them), are added. Percent
        taxes go through one factor per tax set, rounded half-up to the currency
        as Odoo rounds; other tax kinds go through Odoo's tax engine."""
        currency = account.company_id.currency_id
        if not account.prices_include_vat:
            return {pid: currency.round(price) for pid, (_t, price) in prices.items()}
        tmpl_ids = list({t for t, _p in prices.values()})
        rel = self.env.execute_query(
            SQL(
                "SELECT prod_id, tax_id FROM product_taxes_rel WHERE prod_id = ANY(%s)",
                tmpl_ids,
            )
        )
        taxes_by_tmpl = {}
        for tmpl_id, tax_id in rel:
            taxes_by_tmpl.setdefault(tmpl_id, []).append(tax_id)
        Tax = self.env["account.tax"]
        factors = {}
        result = {}
        for pid, (tmpl_id, price) in prices.items():
            key = tuple(sorted(taxes_by_tmpl.get(tmpl_id, ())))
            if key not in factors:
                taxes = Tax.browse(key)._filter_taxes_by_company(account.company_id)
                excluded = taxes.filtered(lambda t: not t.price_include)
                if all(t.amount_type == "percent" for t in excluded):
                    factors[key] = 1 + sum(excluded.mapped("amount")) / 100
                else:
                    factors[key] = taxes
            factor = factors[key]
            if isinstance(factor, float | int):
                result[pid] = currency.round(price * factor)
            else:
                result[pid] = factor.compute_all(price, currency=currency)[
                    "total_included"
                ]
        return result

    @api.model
    def _render(self, account, lang_short):
        """The tab-separated Google Shopping feed (str) in ``lang_short``."""
        lines = ["\t".join(FEED_COLUMNS)]
        lines.extend("\t".join(row) for row in self._rows(account, lang_short))
        return "\n".join(lines) + "\n"

    @api.model
    def _mark_published(self, account, overlap):
        """A fetch of the feed is a publication: the "changed since" set restarts
        (``overlap`` earlier, for transactions still running meanwhile)."""
        # sudo: the feed is fetched by Letzshop, without an Odoo user.
        account.sudo().last_publication_date = fields.Datetime.now() - overlap


def _tsv(value):
    """A value safe inside one tab-separated cell."""
    if not value:
        return ""
    return " ".join(str(value).split())
