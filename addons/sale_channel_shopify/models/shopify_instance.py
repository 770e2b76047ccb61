# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime

from odoo import api, fields, models
from odoo.tools import frozendict

#: The next run looks this much before the last one, for transactions that were
#: still running then (their write dates are earlier than their commit).
PUSH_OVERLAP = datetime.timedelta(seconds=60)


class ShopifyInstance(models.Model):
    _inherit = "shopify.instance"

    team_id = fields.Many2one(
        "crm.team",
        "Sales Channel",
        index=True,
        ondelete="restrict",
        check_company=True,
        copy=False,
        help="Sales channel of this shop: its orders are booked in it (reports, "
        "customer figures) and the quantity pushed to Shopify is what this "
        "channel may sell (its buffer, incoming stock). Created with the shop "
        "when left empty.",
    )
    stock_pushed_until = fields.Datetime(
        "Stock Changes Pushed Until",
        readonly=True,
        copy=False,
        help="Products whose publishable quantity changed after this time are "
        "pushed to Shopify at the next run.",
    )

    _team_unique = models.Constraint(
        "UNIQUE(team_id)", "A sales channel belongs to one Shopify shop only."
    )

    @api.model_create_multi
    def create(self, vals_list):
        instances = super().create(vals_list)
        for instance in instances.filtered(lambda i: not i.team_id):
            # sudo: the shop's channel is created with the shop, also by a
            # Shopify manager who is not a sales manager.
            instance.team_id = (
                self.env["crm.team"]
                .sudo()
                .create(
                    {
                        "name": f"Shopify {instance.name}",
                        "company_id": instance.company_id.id,
                    }
                )
            )
        return instances

    def _sale_channel_order_values(self):
        """Sale order values of this shop's orders: its sales channel, and the
        channel's warehouse when it sells from one."""
        self.ensure_one()
        values = {"team_id": self.team_id.id}
        if self.team_id.atp_warehouse_id:
            values["warehouse_id"] = self.team_id.atp_warehouse_id.id
        return values

    def _job_reconcile_inventory(self):
        """The connector's reconciliation (*Push Inventory*, daily cron) asks
        each variant's quantity at each location: computed here once per
        location for every bound product (a fixed number of queries), not once
        per variant."""
        if not self.team_id:
            return super()._job_reconcile_inventory()
        # sudo: as the connector's job itself (the shop's bindings and stock).
        instance = self.sudo()
        products = (
            instance.env["shopify.product.variant"]
            .search(
                [
                    ("instance_id", "=", instance.id),
                    ("inventory_item_shopify_id", "!=", False),
                ]
            )
            .odoo_id
        )
        team = instance.team_id.with_company(instance.company_id)
        quantities = {}
        warehouses = instance.location_binding_ids.filtered(
            lambda loc: loc.active and loc.odoo_location_id
        ).odoo_location_id.warehouse_id
        for warehouse in warehouses:
            for product_id, qty in team._get_publishable_quantities(
                products, warehouse=warehouse
            ).items():
                quantities[warehouse.id, product_id] = max(0, int(qty or 0))
        return super(
            ShopifyInstance,
            self.with_context(sale_channel_shopify_publishable=frozendict(quantities)),
        )._job_reconcile_inventory()

    # ------------------------------------------------------------------
    # Publishable quantity changes that are not stock quant changes
    # ------------------------------------------------------------------

    @api.model
    def _cron_push_publishable_changes(self):
        for instance in self.search(
            [
                ("active", "=", True),
                ("state", "=", "connected"),
                ("team_id", "!=", False),
            ]
        ):
            instance._push_publishable_changes()

    def _push_publishable_changes(self):
        """Queue a push of every bound variant whose publishable quantity on the
        shop's channel may have changed since the last run: quants push by
        themselves (shopify_connector), but a confirmed order, a new purchase
        or a buffer change moves the publishable quantity too."""
        self.ensure_one()
        now = fields.Datetime.now()
        team = self.team_id.with_company(self.company_id)
        changed = team._get_publishable_changed_since(self.stock_pushed_until)
        variants = self.env["shopify.product.variant"].search(
            [
                ("instance_id", "=", self.id),
                ("odoo_id", "in", changed.ids),
                ("state", "=", "synced"),
                ("inventory_sync_enabled", "=", True),
                ("template_binding_id.inventory_sync_enabled", "=", True),
                ("inventory_tracked", "=", True),
                ("inventory_item_shopify_id", "!=", False),
            ]
        )
        locations = self.location_binding_ids.filtered(
            lambda loc: loc.active and loc.odoo_location_id
        )
        for variant in variants:
            for location in locations:
                # The connector's own job and identity key: a push already
                # queued for this variant and location is not queued twice.
                variant.with_delay(
                    description=self.env._(
                        "Push Shopify inventory for %(variant)s at %(location)s",
                        variant=variant.odoo_id.display_name,
                        location=location.name,
                    ),
                    identity_key=(
                        f"shopify.inventory.delta.{self.id}.{variant.id}.{location.id}"
                    ),
                )._job_push_inventory_level(location.id)
        self.stock_pushed_until = now - PUSH_OVERLAP
        return variants
