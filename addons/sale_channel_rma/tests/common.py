# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import unittest

from odoo import Command, fields


class RmaCommon:
    """A Luxembourg company on Odoo's LU chart selling a storable mug to a French
    consumer; orders confirmed, delivered and invoiced."""

    @classmethod
    def _setup_rma(cls):
        company = cls.env["res.company"].search(
            [("chart_template", "=", "lu")], limit=1
        )
        if not company:
            raise unittest.SkipTest("no company on the Luxembourg chart of accounts")
        cls.env.user.write(
            {"company_ids": [Command.link(company.id)], "company_id": company.id}
        )
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=[company.id])
        )
        cls.company = cls.env.company
        cls.company.write(
            {"oss_vat_enabled": True, "oss_opt_in": False, "oss_threshold": 10000}
        )
        cls.today = fields.Date.context_today(cls.company)
        cls.last_year_q2 = datetime.date(cls.today.year - 1, 5, 15)
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock = cls.warehouse.lot_stock_id
        cls.returns_bin = cls.warehouse.rma_loc_id
        cls.tax17 = (
            cls.env["account.chart.template"]
            .with_company(cls.company)
            .ref("lu_2015_tax_VP-PA-17")
        )
        standard = cls.env["oss.vat.category"].search(
            [("code", "=", "standard")], limit=1
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Returnable mug",
                "type": "consu",
                "is_storable": True,
                "list_price": 20.0,
                "taxes_id": [Command.set(cls.tax17.ids)],
                "oss_vat_category_id": standard.id,
            }
        )
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.stock, 10)
        cls.france = cls.env.ref("base.fr")
        Partner = cls.env["res.partner"].with_context(oss_vies_no_check=True)
        cls.customer = Partner.create(
            {
                "name": "Camille Retour",
                "email": "camille.retour@example.com",
                "country_id": cls.france.id,
                "zip": "75001",
                "city": "Paris",
            }
        )
        cls.other_customer = Partner.create(
            {
                "name": "Dominique Autre",
                "email": "dominique.autre@example.com",
                "country_id": cls.france.id,
                "zip": "69001",
                "city": "Lyon",
            }
        )
        cls.channel = cls.env["crm.team"].create({"name": "Own web shop"})

    @classmethod
    def _delivered_order(cls, partner, qty=2, product=None, name=None):
        product = product or cls.product
        vals = {
            "partner_id": partner.id,
            "team_id": cls.channel.id,
            "warehouse_id": cls.warehouse.id,
            "order_line": [
                Command.create({"product_id": product.id, "product_uom_qty": qty})
            ],
        }
        if name:
            vals["name"] = name
        order = cls.env["sale.order"].create(vals)
        order.action_confirm()
        picking = order.picking_ids
        picking.move_ids.quantity = qty
        picking.move_ids.picked = True
        picking.button_validate()
        return order

    @classmethod
    def _invoice(cls, order, day):
        invoice = order._create_invoices()
        invoice.invoice_date = day
        invoice.action_post()
        return invoice

    @classmethod
    def _rma_for(cls, order, qty=1, operation="rma.rma_operation_refund"):
        lines = order._rma_portal_lines()
        return order._rma_portal_create(
            {lines[0]["key"]: qty},
            cls.env.ref("sale_channel_rma.rma_return_reason_damaged"),
            cls.env.ref(operation),
        )

    @staticmethod
    def _receive(rma):
        picking = rma.reception_move_id.picking_id
        picking.move_ids.quantity = rma.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()
        return picking
