# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""1.1: the vendor lands on the OMS home and sees the OMS apps (with "show all
Odoo apps" one click away), the warehouse on the scan view, the accountant on the
VAT return. Roles whose home an administrator changed keep it."""

from odoo import SUPERUSER_ID, api

NEW_HOMES = {
    "letzshop_oms.group_oms_vendor": (
        "sale.action_orders",
        "letzshop_oms.action_oms_vendor_home",
    ),
    "letzshop_oms.group_oms_warehouse": (
        "stock.action_picking_tree_ready",
        "bin_locations.stock_picking_action_scan",
    ),
    "letzshop_oms.group_oms_accountant": (
        "account.action_move_out_invoice_type",
        "account_close_lu.lu_vat_return_action",
    ),
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for group_xmlid, (old, new) in NEW_HOMES.items():
        group = env.ref(group_xmlid)
        if group.oms_home_action_id.id == env.ref(old).id:
            group.oms_home_action_id = env.ref(new).id
    vendor = env.ref("letzshop_oms.group_oms_vendor")
    if not vendor.oms_menu_ids:
        vendor.oms_menu_ids = [
            env.ref("letzshop_oms.menu_oms_root").id,
            env.ref("mail.menu_root_discuss").id,
        ]
