# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductProduct(models.Model):
    _inherit = "product.product"

    home_bin_id = fields.Many2one(
        "stock.location",
        compute="_compute_home_bin_id",
        inverse="_inverse_home_bin_id",
        domain="[('usage', '=', 'internal')]",
        help="Where this product lives in the warehouse. Receipts put it away here "
        "(it is stored as a putaway rule of the warehouse stock location) and pick "
        "lists "
        "show it even when nothing is reserved yet.",
    )

    @api.model
    def _bin_warehouse(self):
        """Warehouse of the home bins shown: the context's, else the company's first."""
        warehouse_id = self.env.context.get("warehouse_id")
        if isinstance(warehouse_id, int):
            return self.env["stock.warehouse"].browse(warehouse_id)
        return self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], order="sequence, id", limit=1
        )

    def _home_bin_rules(self, warehouse):
        """{product id: putaway rule} of the home bins in ``warehouse`` (one query)."""
        if not warehouse or not self.ids:
            return {}
        rules = self.env["stock.putaway.rule"].search(
            [
                ("product_id", "in", self.ids),
                ("location_in_id", "=", warehouse.lot_stock_id.id),
                ("package_type_ids", "=", False),
            ],
            order="sequence, id",
        )
        by_product = {}
        for rule in rules:
            by_product.setdefault(rule.product_id.id, rule)
        return by_product

    def _get_home_bins(self, warehouse):
        """{product id: home bin} in ``warehouse``; products without one are absent."""
        return {
            pid: rule.location_out_id
            for pid, rule in self._home_bin_rules(warehouse).items()
        }

    @api.depends_context("warehouse_id", "company")
    def _compute_home_bin_id(self):
        # _origin: records edited in a form are new; their rules are the saved ones
        bins = self._origin._get_home_bins(self._bin_warehouse())
        for product in self:
            product.home_bin_id = bins.get(product._origin.id, False)

    def _inverse_home_bin_id(self):
        warehouse = self._bin_warehouse()
        if not warehouse:
            return
        stock = warehouse.lot_stock_id
        rules = self._home_bin_rules(warehouse)
        Rule = self.env["stock.putaway.rule"]
        to_unlink = Rule
        for product in self:
            rule = rules.get(product.id)
            bin_location = product.home_bin_id
            if not bin_location:
                to_unlink |= rule or Rule
                continue
            if (
                bin_location.usage != "internal"
                or not bin_location.parent_path.startswith(stock.parent_path)
            ):
                raise ValidationError(
                    self.env._(
                        "Product %(product)s: the home bin %(bin)s is not inside "
                        "%(stock)s of warehouse %(wh)s.",
                        product=product.display_name,
                        bin=bin_location.complete_name,
                        stock=stock.complete_name,
                        wh=warehouse.name,
                    )
                )
            if rule:
                rule.location_out_id = bin_location
            else:
                Rule.create(
                    {
                        "product_id": product.id,
                        "location_in_id": stock.id,
                        "location_out_id": bin_location.id,
                        "company_id": warehouse.company_id.id,
                    }
                )
        to_unlink.unlink()
