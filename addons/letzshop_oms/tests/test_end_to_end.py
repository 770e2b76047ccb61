from datetime import datetime, timedelta

from odoo.tests import new_test_user, tagged

from odoo.addons.letzshop_connector.tests.common import LetzshopCase
from odoo.addons.queue_job.tests.common import trap_jobs


@tagged("post_install", "-at_install")
class TestLetzshopOrderToCustomer(LetzshopCase):
    """One Letzshop order through the whole product: published stock from
    available-to-promise, import, decision, picking by bin on the scan view by the
    warehouse role, tracking back to Letzshop, invoice, customer figures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.account.team_id
        cls.team.write({"atp_buffer_type": "units", "atp_buffer_qty": 1})
        cls.bin = cls.env["stock.location"].create(
            {
                "name": "E-01-1",
                "barcode": "E-01-1",
                "usage": "internal",
                "location_id": cls.warehouse.lot_stock_id.id,
            }
        )
        cls.mug.with_context(warehouse_id=cls.warehouse.id).home_bin_id = cls.bin
        cls.env["stock.quant"]._update_available_quantity(cls.mug, cls.bin, 5)
        cls.carrier = cls.env["delivery.carrier"].create(
            {
                "name": "OMS Post",
                "product_id": cls.env["product.product"]
                .create({"name": "OMS shipping", "type": "service"})
                .id,
                "letzshop_tracking_provider": "post_lu",
            }
        )
        cls.picker = new_test_user(
            cls.env,
            login="oms_e2e_warehouse",
            groups="base.group_user,letzshop_oms.group_oms_warehouse",
        )

    def test_letzshop_order_from_feed_to_customer_figures(self):
        # The feed publishes what the channel may sell: 5 in stock, 1 held back.
        published = self.account._letzshop_publishable_quantities(self.mug)
        self.assertEqual(published[self.mug.id], 4.0)
        self.assertEqual(
            published, self.team._get_publishable_quantities(self.mug, self.warehouse)
        )

        # A Letzshop order arrives and is confirmed on Letzshop from Odoo.
        shipment = self.add_shipment(
            [(self.mug, 2, 11.7)], email="e2e.buyer@example.com", first_name="Eva"
        )
        self.import_now()
        order = self.order_of(shipment)
        self.assertEqual(order.partner_id.email, "e2e.buyer@example.com")
        self.assertEqual(order.team_id, self.team)
        # Letzshop prices include VAT: the order's total is what the buyer paid.
        self.assertEqual(order.oss_vat_rule, "domestic")
        self.assertAlmostEqual(order.amount_total, 23.40)
        with trap_jobs() as trap:
            order.action_letzshop_confirm_all()
            trap.perform_enqueued_jobs()
        self.assertEqual(order.state, "sale")
        self.assertEqual(
            [unit["state"] for unit in shipment["inventoryUnits"]],
            ["confirmed_available"] * 2,
        )
        self.assertEqual(
            self.account._letzshop_publishable_quantities(self.mug)[self.mug.id], 2.0
        )
        # ...and the mug is among the products to publish again.
        since = datetime.now() - timedelta(minutes=5)
        changed = self.account._letzshop_changed_products(since=since)
        self.assertIn(self.mug, changed)
        self.assertIn(
            self.mug, self.team._get_publishable_changed_since(since, self.mug)
        )

        # The warehouse role picks it on the scan view: bin first, then product.
        picking = order.picking_ids.with_user(self.picker)
        picking.write({"carrier_id": self.carrier.id})
        opened = picking.bin_scan_open(picking.name)
        self.assertNotIn("price", str(opened).lower())
        scanned_bin = picking.bin_scan_barcode("E-01-1")
        for _unit in range(2):
            picking.bin_scan_barcode(self.mug.barcode, bin_id=scanned_bin["bin"]["id"])
        with trap_jobs() as trap:
            picking.carrier_tracking_ref = "LU-E2E-1"
            picking.bin_scan_validate()
            self.assertEqual(picking.state, "done")
            trap.perform_enqueued_jobs()
        self.assertEqual(
            shipment["tracking"], {"code": "LU-E2E-1", "provider": "post_lu"}
        )

        # Letzshop's channel invoices on delivery: the jobs run above created,
        # posted and e-mailed the invoice as PDF, without a click.
        self.assertEqual(self.team.invoice_policy, "delivery")
        invoice = order.invoice_ids
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.amount_total, order.amount_total)
        self.assertTrue(invoice.is_move_sent)
        self.assertTrue(invoice.invoice_pdf_report_id)
        # the customer's figures follow
        customer = order.partner_id.commercial_partner_id
        customer._customer_stats_update(customer.ids)
        self.assertEqual(customer.customer_order_count, 1)
        self.assertAlmostEqual(customer.customer_total_spent, order.amount_total)

    def test_a_letzshop_channel_invoices_on_delivery_unless_chosen_otherwise(self):
        # the account of setUpClass took a channel left "by hand"
        self.assertEqual(self.team.invoice_policy, "delivery")
        chosen = self.env["crm.team"].create(
            {"name": "Invoiced at confirmation", "invoice_policy": "order"}
        )
        self.env["letzshop.account"].create(
            {
                "name": "LZ second shop",
                "endpoint": self.server.url,
                "team_id": chosen.id,
            }
        )
        self.assertEqual(chosen.invoice_policy, "order")
        # and any channel a Letzshop account uses needs tracking numbers
        self.assertTrue(self.team.shipping_needs_tracking)
        self.assertTrue(chosen.shipping_needs_tracking)

    def test_letzshop_order_to_france_under_oss_keeps_the_gross_price(self):
        self.company.write({"oss_opt_in": True, "oss_opt_in_date": "2026-01-01"})
        self.mug.oss_vat_category_id = self.env.ref(
            "oss_vat_invoice.oss_vat_category_standard"
        )
        shipment = self.add_shipment(
            [(self.mug, 2, 11.7)],
            email="e2e.france@example.com",
            country="FR",
            ship_country="FR",
            zip="57100",
            city="Thionville",
        )
        self.import_now()
        order = self.order_of(shipment)
        self.assertEqual(order.partner_shipping_id.country_id.code, "FR")
        self.assertEqual(order.oss_vat_rule, "oss")
        self.assertEqual(order.oss_vat_country_id.code, "FR")
        self.assertEqual(order.order_line.tax_ids.amount, 20.0)
        # French VAT, same gross price: 23.40 paid on Letzshop, of which 3.90 VAT.
        self.assertAlmostEqual(order.amount_total, 23.40)
        self.assertAlmostEqual(order.amount_tax, 3.90)
        with trap_jobs() as trap:
            order.action_letzshop_confirm_all()
            trap.perform_enqueued_jobs()
        self.assertEqual(order.state, "sale")
        self.assertAlmostEqual(order.amount_total, 23.40)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.oss_vat_rule, "oss")
        self.assertAlmostEqual(invoice.amount_total, 23.40)
