# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import vat_decision as vd


class AccountFiscalPosition(models.Model):
    """The fiscal positions of the EU VAT decision, and how a product line's taxes
    are chosen under them (destination rate by VAT category and date)."""

    _inherit = "account.fiscal.position"

    oss_vat_kind = fields.Selection(
        [
            ("domestic", "Seller's VAT"),
            ("ic_supply", "Intra-Community supply (Art. 138)"),
            ("export", "Export (Art. 146)"),
            ("oss", "Destination VAT (OSS)"),
        ],
        string="EU VAT treatment",
        readonly=True,
        copy=False,
        help="Set on the fiscal positions the EU VAT decision creates and applies.",
    )
    oss_country_id = fields.Many2one(
        "res.country", string="Destination VAT country", readonly=True, copy=False
    )

    _oss_kind_unique = models.UniqueIndex(
        "(company_id, oss_vat_kind, COALESCE(oss_country_id, 0)) WHERE oss_vat_kind "
        "IS NOT NULL",
        "One fiscal position per company, EU VAT treatment and destination.",
    )

    # ------------------------------------------------------------ get or create
    @api.model
    def _oss_get_or_create(self, company, kind, country=None):
        """The fiscal position of ``company`` carrying ``kind`` (domestic / ic_supply
        / export / oss), created once on first use; ``country`` only for oss."""
        country = country if kind == "oss" else self.env["res.country"]
        # sudo: the fiscal positions of the EU VAT decision are system-managed
        # configuration, created on first need by whoever records the sale.
        Fpos = self.sudo().with_company(company).with_context(active_test=False)
        domain = [
            ("company_id", "=", company.id),
            ("oss_vat_kind", "=", kind),
            ("oss_country_id", "=", country.id),
        ]
        fpos = Fpos.search(domain, limit=1)
        if fpos:
            return fpos.with_env(self.env)
        names = {
            "domestic": self.env._(
                "VAT of %(country)s", country=company._oss_seller_country().name
            ),
            "ic_supply": self.env._("Intra-Community supply of goods (Art. 138)"),
            "export": self.env._("Export of goods (Art. 146)"),
            "oss": self.env._("OSS %(country)s", country=country.name),
        }
        try:
            with self.env.cr.savepoint():
                fpos = Fpos.create(
                    {
                        "name": names[kind],
                        "company_id": company.id,
                        "auto_apply": False,
                        "oss_vat_kind": kind,
                        "oss_country_id": country.id,
                        "sequence": 900,
                    }
                )
        except psycopg2.IntegrityError:
            # Created meanwhile by a concurrent transaction that committed first.
            return Fpos.search(domain, limit=1).with_env(self.env)
        fpos._oss_link_taxes()
        return fpos.with_env(self.env)

    def _oss_link_taxes(self):
        """Register the position in Odoo 19's tax mapping (account.tax
        fiscal_position_ids and original_tax_ids) so that Odoo's own ``map_tax``
        (used for prices with included taxes and the "Update taxes" button) agrees
        with the decision:

        * domestic and OSS positions keep every domestic sale tax (the per-line
          destination tax is then set by the decision, by product category);
        * intra-Community and export positions replace every domestic sale tax with
          the 0 % exemption, so that a tax-included price drops to its net amount.

        Called with sudo by :meth:`_oss_get_or_create` (taxes are configuration)."""
        self.ensure_one()
        company = self.company_id
        Tax = self.env["account.tax"].with_context(active_test=False)
        domestic = Tax.search(
            [
                ("company_id", "=", company.id),
                ("type_tax_use", "=", "sale"),
                ("amount_type", "=", "percent"),
                ("oss_vat_key", "=", False),
            ]
        )
        # Only the taxes that replace nothing: the chart's own 0 % IC/export taxes
        # already replace domestic ones and must not be carried over.
        domestic = domestic.filtered(lambda t: not t.original_tax_ids)
        kind = self.oss_vat_kind
        if kind in ("ic_supply", "export"):
            Tax._oss_get_or_create(company, kind).write(
                {
                    "fiscal_position_ids": [(4, self.id)],
                    "original_tax_ids": [(4, t.id) for t in domestic],
                }
            )
        else:
            domestic.filtered("fiscal_position_ids").write(
                {"fiscal_position_ids": [(4, self.id)]}
            )

    # ------------------------------------------------------------ line taxes
    def _oss_line_taxes(self, product, on_date, taxes, cache):
        """Taxes of a product line under this position (one of ours).

        ``taxes`` are those Odoo computed (the product's domestic taxes mapped by the
        position); ``cache`` is a dict shared by a batch of lines.

        * domestic: the seller country's rate of the product's VAT category on
          ``on_date`` (a 2023 LU sale takes that year's 16 %), when the rate table
          knows it and it differs from the product's tax;
        * intra-Community supply / export: the 0 % exemption;
        * OSS: the destination country's rate of the category on ``on_date``."""
        self.ensure_one()
        kind = self.oss_vat_kind
        company = self.company_id
        if not taxes:
            return taxes
        if kind == "domestic":
            return self._oss_dated_domestic_taxes(product, on_date, taxes, cache)
        Tax = self.env["account.tax"]
        if kind in ("ic_supply", "export"):
            key = (kind,)
            if key not in cache:
                cache[key] = Tax._oss_get_or_create(company, kind)
            return cache[key]
        country = self.oss_country_id
        category = self._oss_product_category(product, taxes, cache)
        rate = self._oss_category_rate(country, category, on_date, cache)
        if rate is None:
            raise UserError(
                self.env._(
                    "No VAT rate for %(category)s in %(country)s on %(date)s: add one "
                    "in Invoicing > Configuration > VAT rates (product %(product)s).",
                    category=category.name or "standard",
                    country=country.name,
                    date=on_date,
                    product=product.display_name,
                )
            )
        price_include = any(t.price_include for t in taxes)
        key = ("oss", country.id, rate, price_include)
        if key not in cache:
            cache[key] = Tax._oss_get_or_create(
                company, "oss", country, rate, price_include
            )
        return cache[key]

    def _oss_dated_domestic_taxes(self, product, on_date, taxes, cache):
        country = self.company_id._oss_seller_country()
        category = self._oss_product_category(product, taxes, cache)
        rate = self._oss_category_rate(country, category, on_date, cache)
        today = self._oss_category_rate(
            country, category, fields.Date.context_today(self), cache
        )
        if rate is None or today is None or abs(rate - today) < 0.001:
            return taxes
        result = taxes.browse()
        for tax in taxes:
            # Only the product's tax at today's rate of its category is dated: an
            # exemption or a special rate set on purpose stays as it is.
            if (
                tax.amount_type != "percent"
                or tax.oss_vat_key
                or abs(tax.amount - today) >= 0.001
            ):
                result |= tax
                continue
            key = ("dated", tax.id, rate)
            if key not in cache:
                cache[key] = tax._oss_dated_sibling(rate)
            result |= cache[key]
        return result

    def _oss_category_rate(self, country, category, on_date, cache):
        rows_key = ("rows", country.id)
        if rows_key not in cache:
            cache[rows_key] = self.env["oss.vat.rate"]._rate_rows(country)
        return vd.pick_rate(
            cache[rows_key], country.code.upper(), category.code or "standard", on_date
        )

    def _oss_product_category(self, product, taxes, cache):
        """The product's VAT category; without one, the first category (by sequence)
        whose rate in the seller's country equals the product's domestic tax rate."""
        category = product.product_tmpl_id.oss_vat_category_id
        if category:
            return category
        rate = max(
            (
                t.amount
                for t in taxes
                if t.amount_type == "percent" and not t.oss_vat_key
            ),
            default=None,
        )
        key = ("guess", rate)
        if key not in cache:
            cache[key] = self.env["oss.vat.category"]._oss_guess(
                self.company_id._oss_seller_country(), rate
            )
        return cache[key]
