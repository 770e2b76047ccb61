# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime
import logging

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_round

from .. import vat_decision as vd

_logger = logging.getLogger(__name__)

#: Tax report tags (account.account.tag names of the seller country's return) for the
#: base of goods supplies we create taxes for. Only Luxembourg is sourced: box 457
#: "Intra-Community supply of goods" and box 014 "Exports" (l10n_lu tax report,
#: research/vat.md 1.4). Box 226 (OSS turnover) is unverified and left out.
RETURN_TAGS = {
    "LU": {"ic_supply": "457", "export": "014"},
}
#: UBL/CII tax category and exemption reason (fields of account_edi_ubl_cii,
#: when installed).
UBL_CODES = {
    "ic_supply": ("K", "VATEX-EU-IC"),
    "export": ("G", "VATEX-EU-G"),
    "oss": ("S", False),
}
#: Decision rules mapped to the kind of fiscal position that carries them.
RULE_FPOS_KIND = {
    vd.DOMESTIC: "domestic",
    vd.DOMESTIC_VAT_BUYER: "domestic",
    vd.DISTANCE_LOCAL: "domestic",
    vd.CUSTOMER_COLLECTS: "domestic",
    vd.IC_SUPPLY: "ic_supply",
    vd.EXPORT: "export",
    vd.OSS: "oss",
}


class ResCompany(models.Model):
    _inherit = "res.company"

    oss_vat_enabled = fields.Boolean(
        string="Decide EU VAT on sales",
        default=True,
        help="Decide the VAT treatment (domestic, OSS, intra-Community, export) of "
        "every "
        "customer invoice and sale order from the delivery address, the customer's "
        "VIES "
        "status, the product's VAT category and the date.",
    )
    oss_threshold = fields.Monetary(
        string="Distance sales threshold",
        default=10000.0,
        currency_field="currency_id",
        help="EU-wide threshold of cross-border sales to consumers (Art. 59c), EUR "
        "10,000.",
    )
    oss_threshold_warning = fields.Float(
        string="Warn from (%)",
        default=80.0,
        help="Warn on invoices when this year's distance sales reach this share of "
        "the threshold.",
    )
    oss_opt_in = fields.Boolean(
        string="Opted for destination VAT",
        help="Charge destination VAT on every cross-border consumer sale, whatever the "
        "threshold (Art. 59c(3)). Binding for two calendar years.",
    )
    oss_opt_in_date = fields.Date(string="Opted in on")
    oss_vies_pending_policy = fields.Selection(
        [
            ("consumer", "Invoice as a consumer sale"),
            ("hold", "Hold the invoice until VIES answers"),
        ],
        string="While VIES is pending",
        default="consumer",
        required=True,
        help="A business customer whose VAT number VIES has not confirmed yet never "
        "gets "
        "0 %: either invoice with VAT as for a consumer, or refuse to post until "
        "confirmed.",
    )
    oss_vies_recheck_days = fields.Integer(
        string="Re-check valid numbers every (days)",
        default=90,
    )
    oss_threshold_current = fields.Monetary(
        string="Distance sales this year",
        compute="_compute_oss_threshold",
        currency_field="currency_id",
    )
    oss_threshold_previous = fields.Monetary(
        string="Distance sales last year",
        compute="_compute_oss_threshold",
        currency_field="currency_id",
    )
    oss_threshold_state = fields.Selection(
        [("below", "Below"), ("near", "Near the threshold"), ("exceeded", "Exceeded")],
        string="Threshold status",
        compute="_compute_oss_threshold",
    )

    # ------------------------------------------------------------- threshold
    def _compute_oss_threshold(self):
        today = fields.Date.context_today(self)
        for company in self:
            current, previous = company._oss_distance_sales(today.year)
            company.oss_threshold_current = current
            company.oss_threshold_previous = previous
            company.oss_threshold_state = company._oss_threshold_state(
                current, previous
            )

    def _oss_threshold_state(self, current, previous):
        self.ensure_one()
        if previous > self.oss_threshold or current > self.oss_threshold:
            return "exceeded"
        if current >= self.oss_threshold * self.oss_threshold_warning / 100.0:
            return "near"
        return "below"

    def _oss_distance_sales(self, year, exclude_move_ids=()):
        """Posted cross-border consumer sales of goods (untaxed, company currency) for
        ``year`` and ``year - 1``: invoices minus credit notes whose rule was a distance
        sale (LU VAT under the threshold or destination VAT). One query."""
        self.ensure_one()
        self.env["account.move"].flush_model(
            ["oss_vat_rule", "amount_untaxed_signed", "state", "date"]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT EXTRACT(YEAR FROM m.date)::int,
                       COALESCE(SUM(m.amount_untaxed_signed), 0)
                  FROM account_move m
                 WHERE m.company_id = %(company)s
                   AND m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.oss_vat_rule IN %(rules)s
                   AND m.date >= %(start)s AND m.date < %(end)s
                   AND m.id NOT IN %(exclude)s
                 GROUP BY 1
                """,
                company=self.id,
                rules=(vd.DISTANCE_LOCAL, vd.OSS),
                start=datetime.date(year - 1, 1, 1),
                end=datetime.date(year + 1, 1, 1),
                exclude=tuple(exclude_move_ids) or (0,),
            )
        )
        totals = dict(self.env.cr.fetchall())
        return float(totals.get(year, 0.0)), float(totals.get(year - 1, 0.0))

    def _oss_opt_in_active(self, on_date):
        self.ensure_one()
        return self.oss_opt_in and (
            not self.oss_opt_in_date or self.oss_opt_in_date <= on_date
        )

    def write(self, vals):
        if "oss_opt_in" in vals and not vals["oss_opt_in"]:
            today = fields.Date.context_today(self)
            for company in self.filtered("oss_opt_in"):
                start = company.oss_opt_in_date or today
                # Binding for the calendar year of the option and the next one
                # (Art. 59c(3)).
                if today.year < start.year + 2:
                    raise UserError(
                        self.env._(
                            "%(company)s opted for destination VAT on %(date)s: the "
                            "option "
                            "(field 'Opted for destination VAT') binds until 31 "
                            "December %(year)s.",
                            company=company.display_name,
                            date=start,
                            year=start.year + 1,
                        )
                    )
        if vals.get("oss_opt_in") and "oss_opt_in_date" not in vals:
            vals["oss_opt_in_date"] = fields.Date.context_today(self)
        return super().write(vals)

    # ------------------------------------------------------------- country
    def _oss_seller_country(self):
        """The member state the goods leave from: the company's fiscal country."""
        self.ensure_one()
        return self.account_fiscal_country_id or self.country_id

    # ------------------------------------------------------------- fiscal positions
    def _oss_fiscal_position(self, kind, country=None):
        """The fiscal position carrying ``kind`` (domestic / ic_supply / export / oss),
        created once on first use; ``country`` only for oss."""
        self.ensure_one()
        country = country if kind == "oss" else self.env["res.country"]
        # sudo: the fiscal positions of the EU VAT decision are system-managed
        # configuration, created on first need by whoever records the sale.
        Fpos = (
            self.env["account.fiscal.position"]
            .sudo()
            .with_company(self)
            .with_context(active_test=False)
        )
        fpos = Fpos.search(
            [
                ("company_id", "=", self.id),
                ("oss_vat_kind", "=", kind),
                ("oss_country_id", "=", country.id),
            ],
            limit=1,
        )
        if fpos:
            return fpos.with_env(self.env)
        names = {
            "domestic": self.env._(
                "VAT of %(country)s", country=self._oss_seller_country().name
            ),
            "ic_supply": self.env._("Intra-Community supply of goods (Art. 138)"),
            "export": self.env._("Export of goods (Art. 146)"),
            "oss": self.env._("OSS %(country)s", country=country.name),
        }
        vals = {
            "name": names[kind],
            "company_id": self.id,
            "auto_apply": False,
            "oss_vat_kind": kind,
            "oss_country_id": country.id,
            "sequence": 900,
        }
        try:
            with self.env.cr.savepoint():
                fpos = Fpos.create(vals)
        except psycopg2.IntegrityError:
            # Created meanwhile by a concurrent transaction that committed first.
            return Fpos.search(
                [
                    ("company_id", "=", self.id),
                    ("oss_vat_kind", "=", kind),
                    ("oss_country_id", "=", country.id),
                ],
                limit=1,
            ).with_env(self.env)
        self._oss_link_fiscal_position(fpos)
        return fpos.with_env(self.env)

    def _oss_link_fiscal_position(self, fpos):
        """Register ``fpos`` in Odoo 19's tax mapping (account.tax.fiscal_position_ids
        and original_tax_ids) so that Odoo's own ``map_tax`` (used for prices with
        included taxes and the "Update taxes" button) agrees with the decision:

        * domestic and OSS positions keep every domestic sale tax (the per-line
          destination tax is then set by the decision, by product category);
        * intra-Community and export positions replace every domestic sale tax with
          the 0 % exemption, so that a tax-included price drops to its net amount.
        """
        Tax = self.env["account.tax"].sudo().with_context(active_test=False)
        domestic = Tax.search(
            [
                ("company_id", "=", self.id),
                ("type_tax_use", "=", "sale"),
                ("amount_type", "=", "percent"),
                ("oss_vat_key", "=", False),
            ]
        )
        # Only the taxes that replace nothing: the chart's own 0 % IC/export taxes
        # already replace domestic ones and must not be carried over.
        domestic = domestic.filtered(lambda t: not t.original_tax_ids)
        kind = fpos.oss_vat_kind
        if kind in ("ic_supply", "export"):
            self._oss_tax(kind).sudo().write(
                {
                    "fiscal_position_ids": [(4, fpos.id)],
                    "original_tax_ids": [(4, t.id) for t in domestic],
                }
            )
        else:
            domestic.filtered("fiscal_position_ids").write(
                {"fiscal_position_ids": [(4, fpos.id)]}
            )

    # ------------------------------------------------------------- taxes
    def _oss_tax(self, kind, country=None, rate=0.0, price_include=False):
        """The sale tax for ``kind`` (ic_supply / export: 0 %; oss: ``rate`` of
        ``country``), created once on first use and found by its key afterwards."""
        self.ensure_one()
        rate = float_round(rate, 2)
        if kind == "oss":
            included = "incl" if price_include else "excl"
            key = f"oss:{country.code.upper()}:{rate:g}:{included}"
        else:
            key = kind
        # sudo: taxes of the EU VAT decision are system-managed configuration, created
        # once on first need by whoever records the sale (a salesperson cannot).
        Tax = self.env["account.tax"].sudo().with_context(active_test=False)
        domain = [("company_id", "=", self.id), ("oss_vat_key", "=", key)]
        tax = Tax.search(domain, limit=1)
        if not tax:
            vals = self.sudo()._oss_tax_vals(kind, key, country, rate, price_include)
            try:
                with self.env.cr.savepoint():
                    tax = Tax.create(vals)
            except psycopg2.IntegrityError:
                tax = Tax.search(domain, limit=1)
        return tax.with_env(self.env)

    def _oss_tax_vals(self, kind, key, country, rate, price_include):
        fiscal_country = self.account_fiscal_country_id
        tags = self._oss_tags(kind)
        account = (
            self._oss_tax_account() if kind == "oss" else self.env["account.account"]
        )
        if kind == "oss":
            cc = country.code.upper()
            name = self.env._(
                "%(rate)s%% %(country)s VAT (OSS)", rate=f"{rate:g}", country=cc
            )
            if price_include:
                name = self.env._("%(name)s incl.", name=name)
            label = f"{rate:g}% {cc}"
            group = self._oss_tax_group(
                self.env._("%(rate)s%% %(country)s VAT", rate=f"{rate:g}", country=cc),
                f"oss_group:{cc}:{rate:g}",
            )
        else:
            name = {
                "ic_supply": self.env._("0% intra-Community supply of goods"),
                "export": self.env._("0% export of goods"),
            }[kind]
            label = "0%"
            group = self._oss_tax_group(self.env._("0% exempt"), "exempt_group")

        def repartition():
            return [
                (0, 0, {"repartition_type": "base", "tag_ids": [(6, 0, tags.ids)]}),
                (
                    0,
                    0,
                    {
                        "repartition_type": "tax",
                        "account_id": account.id,
                        "tag_ids": [
                            (6, 0, tags.filtered(lambda t: t.name == "OSS").ids)
                        ],
                    },
                ),
            ]

        vals = {
            "name": name,
            "invoice_label": label,
            "description": label,
            "amount": rate,
            "amount_type": "percent",
            "type_tax_use": "sale",
            "tax_scope": "consu",
            "company_id": self.id,
            "country_id": fiscal_country.id,
            "tax_group_id": group.id,
            "price_include_override": "tax_included"
            if price_include
            else "tax_excluded",
            "oss_vat_key": key,
            "oss_country_id": country.id if country else False,
            "sequence": 1000,
            "invoice_repartition_line_ids": repartition(),
            "refund_repartition_line_ids": repartition(),
        }
        Tax = self.env["account.tax"]
        category, reason = UBL_CODES[kind]
        if "ubl_cii_tax_category_code" in Tax._fields:
            vals["ubl_cii_tax_category_code"] = category
        if reason and "ubl_cii_tax_exemption_reason_code" in Tax._fields:
            vals["ubl_cii_tax_exemption_reason_code"] = reason
        return vals

    def _oss_tax_group(self, name, key):
        Group = self.env["account.tax.group"]
        group = Group.search(
            [("company_id", "=", self.id), ("oss_vat_key", "=", key)], limit=1
        )
        if not group:
            group = Group.create(
                {
                    "name": name,
                    "company_id": self.id,
                    "country_id": self.account_fiscal_country_id.id,
                    "oss_vat_key": key,
                    "sequence": 100,
                }
            )
        return group

    def _oss_tags(self, kind):
        """Return tags for the base of ``kind``: the seller country's return box, and
        the generic 'OSS' tag for destination VAT."""
        Tag = self.env["account.account.tag"].with_context(active_test=False)
        if kind == "oss":
            tag = self.env.ref(
                "oss_vat_invoice.account_tag_oss", raise_if_not_found=False
            )
            return tag or Tag
        code = RETURN_TAGS.get(
            (self.account_fiscal_country_id.code or "").upper(), {}
        ).get(kind)
        if not code:
            return Tag
        return Tag.search(
            [
                ("applicability", "=", "taxes"),
                ("country_id", "=", self.account_fiscal_country_id.id),
                ("name", "=", code),
            ],
            limit=1,
        )

    def _oss_tax_account(self):
        """A liability account for VAT owed to other member states, apart from the
        domestic VAT account so that the OSS payment reconciles on its own."""
        self.ensure_one()
        Account = self.env["account.account"].with_company(self)
        account = Account.search(
            [("company_ids", "in", self.id), ("oss_vat_account", "=", True)], limit=1
        )
        if account:
            return account
        domestic = self.account_sale_tax_id.invoice_repartition_line_ids.filtered(
            lambda rl: rl.repartition_type == "tax"
        ).account_id[:1]
        base_code = domestic.code or "4700"
        code, n = f"{base_code}OSS", 1
        while Account.search_count(
            [("code", "=", code), ("company_ids", "in", self.id)]
        ):
            n += 1
            code = f"{base_code}OSS{n}"
        return Account.create(
            {
                "name": self.env._("VAT payable under OSS"),
                "code": code,
                "account_type": "liability_current",
                "company_ids": [(6, 0, self.ids)],
                "oss_vat_account": True,
            }
        )

    # ------------------------------------------------------------- per-line taxes
    def _oss_line_taxes(self, fpos, product, on_date, taxes, cache):
        """Taxes of a product line under fiscal position ``fpos`` (one of ours).

        ``taxes`` are those Odoo computed (the product's domestic taxes mapped by the
        fiscal position); ``cache`` is a dict shared by a batch of lines."""
        kind = fpos.oss_vat_kind
        if kind == "domestic" or not taxes:
            return taxes
        if kind in ("ic_supply", "export"):
            key = (kind,)
            if key not in cache:
                cache[key] = self._oss_tax(kind)
            return cache[key]
        category = self._oss_product_category(product, taxes, cache)
        country = fpos.oss_country_id
        rows_key = ("rows", country.id)
        if rows_key not in cache:
            cache[rows_key] = self.env["oss.vat.rate"]._rate_rows(country)
        rate = vd.pick_rate(
            cache[rows_key], country.code.upper(), category.code or "standard", on_date
        )
        if rate is None:
            raise UserError(
                self.env._(
                    "No VAT rate for %(category)s in %(country)s on %(date)s: add one "
                    "in "
                    "Invoicing > Configuration > VAT rates (product %(product)s).",
                    category=category.name or "standard",
                    country=country.name,
                    date=on_date,
                    product=product.display_name,
                )
            )
        price_include = any(t.price_include for t in taxes)
        key = ("oss", country.id, rate, price_include)
        if key not in cache:
            cache[key] = self._oss_tax("oss", country, rate, price_include)
        return cache[key]

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
                self._oss_seller_country(), rate
            )
        return cache[key]

    # ------------------------------------------------------------- decision
    @api.model
    def _oss_vies_status(self, partner):
        """The VIES status of the commercial partner for its current VAT number."""
        commercial = partner.commercial_partner_id
        if not commercial.vat:
            return "none"
        if commercial.oss_vies_vat != commercial.vat:
            return "none"
        return commercial.oss_vies_status or "none"
