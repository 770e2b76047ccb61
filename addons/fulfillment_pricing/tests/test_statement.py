# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import base64
import datetime
import io
import zipfile

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import FulfillmentCase


@tagged("post_install", "-at_install")
class TestStatement(FulfillmentCase):
    """A 3PL (this company) stores and ships for two clients, who own their
    stock (owner on quants), and bills them monthly."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.card.write(
            {
                "receiving_hour": 40,
                "receiving_free_hours": 1,
                "receiving_pallet": 10,
                "receiving_noncompliant": 25,
                "storage_volume_month": 30,  # June: 1.00 per m³ per day
                "monthly_minimum": 50,
            }
        )
        cls.client1 = cls.env["res.partner"].create(
            {"name": "Brand One", "is_company": True}
        )
        cls.client2 = cls.env["res.partner"].create(
            {"name": "Brand Two", "is_company": True}
        )
        cls.crate = cls.env["product.product"].create(
            {"name": "Crate", "is_storable": True, "weight": 1.0, "volume": 0.05}
        )

    @classmethod
    def _picking(cls, picking_type, client, qty, **vals):
        picking = cls.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "owner_id": client.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": cls.crate.id,
                            "product_uom_qty": qty,
                            "location_id": picking_type.default_location_src_id.id
                            or cls.env.ref("stock.stock_location_suppliers").id,
                            "location_dest_id": picking_type.default_location_dest_id.id
                            or cls.env.ref("stock.stock_location_customers").id,
                        }
                    )
                ],
                **vals,
            }
        )
        picking.action_confirm()
        return cls._deliver(picking)

    def _june(self):
        with freeze_time("2026-06-05 09:00:00"):
            self._picking(
                self.warehouse.in_type_id,
                self.client1,
                20,
                fulfillment_receiving_hours=2.5,
                fulfillment_pallets=1,
                fulfillment_noncompliant=True,
            )
            self._picking(
                self.warehouse.in_type_id, self.client2, 1, fulfillment_pallets=1
            )
            self._picking(self.warehouse.out_type_id, self.client1, 4)
        Storage = self.env["fulfillment.storage.day"]
        for day in range(6, 16):
            Storage._snapshot(datetime.date(2026, 6, day))
        Storage._snapshot(datetime.date(2026, 6, 15))  # twice the same day: no double

    def _bill(self, day):
        """Run the month and its invoice jobs."""
        with trap_jobs() as trap:
            statements = self.env["fulfillment.statement"]._run_month(day)
            trap.assert_jobs_count(len(statements))
            trap.perform_enqueued_jobs()
        return statements

    def _usage(self, client):
        return self.env["fulfillment.cost.line"].search([("client_id", "=", client.id)])

    def test_usage_lines_per_client(self):
        self._june()
        usage = self._usage(self.client1)
        receiving = usage.filtered(lambda u: u.component == "receiving")
        self.assertEqual(
            sorted((u.code, u.quantity, u.amount) for u in receiving),
            [("hour", 1.5, 60.0), ("noncompliant", 1, 25.0), ("pallet", 1, 10.0)],
        )
        # 4 crates shipped: base 1 + first 0.50 + 3 x 0.25; no box holds 0.2 m³
        self.assertAlmostEqual(
            sum(usage.filtered(lambda u: u.component == "pick_pack").mapped("amount")),
            2.25,
        )
        self.assertEqual(set(usage.mapped("origin")), {"receipt", "order"})
        days = self.env["fulfillment.storage.day"].search(
            [("owner_id", "=", self.client1.id)]
        )
        self.assertEqual(len(days), 10)
        self.assertAlmostEqual(days[0].volume, 0.8)

    def test_month_statement_invoice_and_no_double_billing(self):
        self._june()
        with freeze_time("2026-07-01 06:00:00"):
            statements = self._bill(datetime.date(2026, 6, 1))
        self.assertEqual(statements.client_id, self.client1 | self.client2)
        st1 = statements.filtered(lambda s: s.client_id == self.client1)
        by_component = {line.component: 0 for line in st1.line_ids}
        for line in st1.line_ids:
            by_component[line.component] += line.amount
        # storage: 0.8 m³ x 10 days x 1.00
        self.assertEqual(
            {k: round(v, 2) for k, v in by_component.items()},
            {"receiving": 95.0, "pick_pack": 2.25, "packaging": 0.05, "storage": 8.0},
        )
        invoice = st1.invoice_id
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.partner_id, self.client1)
        self.assertEqual(len(invoice.invoice_line_ids), 4)
        self.assertAlmostEqual(invoice.amount_untaxed, 105.30)
        # client 2: pallet 10 + storage 0.05 m³ x 10 days = 10.50, minimum 50
        st2 = statements - st1
        minimum = st2.line_ids.filtered(lambda line: line.component == "minimum")
        self.assertAlmostEqual(minimum.amount, 39.50)
        self.assertAlmostEqual(st2.invoice_id.amount_untaxed, 50.0)
        # running June again bills nothing twice
        invoices = self.env["account.move"].search_count(
            [("move_type", "=", "out_invoice")]
        )
        again = self._bill(datetime.date(2026, 6, 20))
        self.assertFalse(again)
        self.assertEqual(
            self.env["account.move"].search_count([("move_type", "=", "out_invoice")]),
            invoices,
        )
        # a usage line recorded late for June goes to July's statement, flagged
        late = self.env["fulfillment.cost.line"].create(
            {
                "client_id": self.client1.id,
                "component": "vas",
                "name": "Kitting (June)",
                "quantity": 2,
                "unit_price": 7.5,
                "currency_id": self.eur.id,
                "date": "2026-06-28",
            }
        )
        july = self._bill(datetime.date(2026, 7, 1))
        self.assertEqual(
            late.statement_id, july.filtered(lambda s: s.client_id == self.client1)
        )
        self.assertTrue(late.late)
        self.assertEqual(late.statement_id.late_count, 1)
        # billed usage cannot change
        with self.assertRaisesRegex(Exception, "billed"):
            late.unit_price = 1.0

    def test_detail_per_order_csv_and_xlsx(self):
        self._june()
        statements = self._bill(datetime.date(2026, 6, 1))
        st1 = statements.filtered(lambda s: s.client_id == self.client1)
        action = st1.action_export_detail()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", st1._name), ("res_id", "=", st1.id)], limit=1
        )
        self.assertIn(f"/web/content/{attachment.id}", action["url"])
        text = base64.b64decode(attachment.datas).decode()
        out_picking = self.env["stock.picking"].search(
            [("owner_id", "=", self.client1.id), ("picking_type_code", "=", "outgoing")]
        )
        self.assertIn(out_picking.name, text)
        self.assertIn("Receiving hours", text)
        self.assertEqual(len(text.strip().splitlines()), len(st1.line_ids) + 1)
        with zipfile.ZipFile(io.BytesIO(st1._detail_xlsx())) as book:
            strings = book.read("xl/sharedStrings.xml").decode()
        self.assertIn(out_picking.name, strings)
        self.assertIn("Receiving hours", strings)

    def test_client_sees_only_its_own_statement(self):
        self._june()
        statements = self._bill(datetime.date(2026, 6, 1))
        contact = self.env["res.partner"].create(
            {"name": "Brand One accounts", "parent_id": self.client1.id}
        )
        portal = new_test_user(
            self.env, "fp_portal", groups="base.group_portal", partner_id=contact.id
        )
        visible = self.env["fulfillment.statement"].with_user(portal).search([])
        self.assertEqual(visible.client_id, self.client1)
        other = statements.filtered(lambda s: s.client_id == self.client2)
        with self.assertRaises(AccessError):
            other.with_user(portal).read(["amount_total"])
        lines = self.env["fulfillment.cost.line"].with_user(portal).search([])
        self.assertEqual(lines.client_id, self.client1)
        worker = new_test_user(self.env, "fp_worker2", groups="stock.group_stock_user")
        with self.assertRaises(AccessError):
            self.env["fulfillment.statement"].with_user(worker).search([])

    def test_unbilled_line_of_an_unbilled_month_is_not_late(self):
        line = self.env["fulfillment.cost.line"].create(
            {
                "client_id": self.client2.id,
                "component": "vas",
                "name": "Labelling (May)",
                "quantity": 10,
                "unit_price": 0.3,
                "currency_id": self.eur.id,
                "date": "2026-05-20",
            }
        )
        statement = self._bill(datetime.date(2026, 6, 1))
        self.assertEqual(line.statement_id, statement)
        self.assertFalse(line.late)
        # 3.00 of labelling, topped up to the 50.00 monthly minimum
        self.assertAlmostEqual(statement.invoice_id.amount_untaxed, 50.0)
