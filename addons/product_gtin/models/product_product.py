# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from stdnum import ean

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..gtin import normalize

# The lengths of a GTIN as sellers write it (GTIN-8, UPC-A, EAN-13, GTIN-14): an
# imported barcode of only digits and of one of these lengths is meant as a GTIN.
GTIN_NOTATION_LENGTHS = (8, 12, 13, 14)


class ProductProduct(models.Model):
    _inherit = "product.product"

    gtin14 = fields.Char(
        string="GTIN-14",
        compute="_compute_gtin14",
        store=True,
        index="btree_not_null",
        copy=False,
        help="The barcode as a 14-digit GS1 GTIN (GTIN-8, UPC-A and EAN-13 padded "
        "with leading zeros), empty when the barcode is not a valid GTIN. Products "
        "are matched on it, so that every notation of one GTIN finds the product.",
    )

    @api.depends("barcode")
    def _compute_gtin14(self):
        for product in self:
            product.gtin14 = normalize(product.barcode)

    # Not a constraint on gtin14: Odoo checks constraints of a computed field when it
    # computes it, so installing this module on a database that already holds two
    # notations of one GTIN would fail. Such products can still be installed; they
    # are refused as soon as one of them is saved, and _match_gtin() does not guess
    # between them meanwhile.
    @api.constrains("barcode", "company_id", "active")
    def _check_gtin14_unique(self):
        """Refuse two active products of one company (or a shared product and any
        other) whose barcodes are two notations of the same GTIN.

        Odoo already refuses two identical barcodes; ``4006381333931`` and
        ``04006381333931`` are different strings but the same trade item, and a scan
        or an import could only pick one of them at random. Refusing (rather than
        warning) keeps the rule Odoo applies to identical barcodes.
        """
        products = self.filtered(lambda p: p.gtin14 and p.active)
        if not products:
            return
        by_company = defaultdict(set)
        for product in products:
            by_company[product.company_id.id].add(product.gtin14)
        for company_id, gtins in by_company.items():
            domain = [("gtin14", "in", list(gtins))]
            if company_id:
                domain.append(("company_id", "in", (False, company_id)))
            # sudo: a duplicate the user cannot read (another company's product,
            # when this one is shared) still counts; the message then names only
            # the products the user may read (_gtin_duplicate_names)
            groups = (
                self.sudo()
                .with_context(active_test=True)
                ._read_group(
                    domain,
                    ["gtin14"],
                    ["id:recordset"],
                    having=[("__count", ">", 1)],
                )
            )
            if groups:
                lines = [
                    self.env._(
                        "- GTIN %(gtin)s: %(products)s",
                        gtin=gtin,
                        products=self._gtin_duplicate_names(duplicates),
                    )
                    for gtin, duplicates in groups
                ]
                raise ValidationError(
                    self.env._(
                        "Two products cannot have the same GTIN, even written "
                        "differently (with or without leading zeros):\n%(lines)s",
                        lines="\n".join(lines),
                    )
                )

    @api.constrains("barcode")
    def _check_barcode_is_gtin_on_import(self):
        """In an import (Odoo's import screen, ``import_file`` in the context),
        refuse a barcode written like a GTIN (8, 12, 13 or 14 digits) whose check
        digit is wrong: it is almost always a typo or a number a spreadsheet
        rounded, and a product imported with it would never match a scan or a
        marketplace order. The import screen shows the message on the file's row.

        Only imports are checked: a barcode typed in the form, or an internal
        barcode saved before, is left as it is (product_gtin then treats it as an
        internal reference, not a GTIN)."""
        if not self.env.context.get("import_file"):
            return
        for product in self:
            code = (product.barcode or "").strip()
            if (
                code.isdigit()
                and len(code) in GTIN_NOTATION_LENGTHS
                and not normalize(code)
            ):
                raise ValidationError(
                    self.env._(
                        'Barcode "%(barcode)s" of product "%(product)s" is not a '
                        "valid GTIN: its last digit (check digit) should be "
                        "%(digit)s. Check the number on the packaging.",
                        barcode=code,
                        product=product.name,
                        digit=ean.calc_check_digit(code[:-1]),
                    )
                )

    @api.model
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        """In an import, a product column may hold the product's GTIN in any
        notation (``04006381333931`` for a barcode saved as ``4006381333931``):
        Odoo's import looks products up with ``=`` on the internal reference, then
        the barcode as written; when that finds nothing, the GTIN decides."""
        result = super().name_search(
            name=name, domain=domain, operator=operator, limit=limit
        )
        if result or operator != "=" or not self.env.context.get("import_file"):
            return result
        product = self._match_gtin([name]).get(name)
        if product and (not domain or product.filtered_domain(domain)):
            return [(product.id, product.display_name)]
        return result

    def _gtin_duplicate_names(self, duplicates):
        """The "name [barcode]" list of the products the user may read (constraints run
        as superuser: the user's own rights decide what the message names)."""
        user_env = self.env(su=False)
        visible = duplicates.with_env(user_env)._filtered_access("read")
        names = [f"{p.display_name} [{p.barcode}]" for p in visible.sorted("id")]
        hidden = len(duplicates) - len(visible)
        if hidden:
            names.append(
                user_env._("%(count)s product(s) you cannot see", count=hidden)
            )
        return ", ".join(names)

    @api.model
    def _match_gtin(self, codes, company=None):
        """Find products by GTIN, whatever the notation of ``codes``.

        :param codes: iterable of strings as read by a scanner or an import:
            GTIN-8, UPC-A, EAN-13 or GTIN-14 with or without leading zeros, or a GS1
            element string holding AI 01 (see :func:`~..gtin.normalize`)
        :param company: the company whose products are matched (default: the
            environment's company); shared products (no company) match too
        :return: ``{code: product}`` for every code that names exactly one active
            product the user can read; codes that are not GTINs, match nothing or,
            in data saved before this module was installed, more than one product,
            are left out (the caller treats them as unknown)

        One SQL query for all the codes. Where two products share a GTIN (only
        possible in data saved before this module was installed), the one whose
        barcode is written exactly like the code wins; otherwise the code is left
        out rather than guessed.
        """
        company = company or self.env.company
        gtin_of = {}
        for code in codes:
            gtin = normalize(code)
            if gtin:
                gtin_of[code] = gtin
        if not gtin_of:
            return {}
        products = self.with_context(active_test=True).search_fetch(
            [
                ("gtin14", "in", list(set(gtin_of.values()))),
                ("company_id", "in", (False, company.id)),
            ],
            ["gtin14", "barcode"],
            order="id",
        )
        by_gtin = defaultdict(list)
        for product in products:
            by_gtin[product.gtin14].append(product)
        result = {}
        for code, gtin in gtin_of.items():
            candidates = by_gtin.get(gtin, [])
            if len(candidates) > 1:
                candidates = [p for p in candidates if p.barcode == code.strip()]
            if len(candidates) == 1:
                result[code] = candidates[0]
        return result
