# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import Command
from odoo.tests import tagged

from .common import AtpCommon


@tagged("post_install", "-at_install")
class TestProductAtp(AtpCommon):
    def _figures(self, product, warehouse=None, include_rfq=False):
        return product._get_atp_figures(
            warehouse=warehouse or self.wh_a, include_rfq=include_rfq
        )[product.id]

    def test_purchases_and_sales_crossing_in_time(self):
        self._set_stock(self.product, 5)
        self._purchase([(self.product, 50, 10)])
        self._sell([(self.product, 2)], 1)  # reserved now: stock is there
        self._sell([(self.product, 10)], 5)  # before the receipt
        self._sell([(self.product, 20)], 15)  # after the receipt
        values = self._figures(self.product)
        self.assertEqual(values["on_hand"], 5)
        self.assertEqual(values["reserved"], 5)
        self.assertEqual(values["free"], 0)
        self.assertEqual(values["incoming"], 50)
        self.assertEqual(values["outgoing"], 32)
        self.assertEqual(values["unreserved_demand"], 27)
        self.assertEqual(values["next_arrival"], self._day(10))
        # 5 - 2 - 10 = -7 before the receipt: oversold until it arrives.
        self.assertEqual(values["atp_now"], -7)
        # 43 after the receipt, 23 once the day-15 order ships.
        self.assertEqual(values["atp"], 23)
        _on_hand, rows = self.product._get_atp_timeline(warehouse=self.wh_a)
        self.assertEqual(
            [(r.date, r.incoming, r.outgoing, r.projected, r.atp) for r in rows],
            [
                (self.today, 0, 0, 5, -7),
                (self._day(1), 0, 2, 3, -7),
                (self._day(5), 0, 10, -7, -7),
                (self._day(10), 50, 0, 43, 23),
                (self._day(15), 0, 20, 23, 23),
            ],
        )
        self.assertEqual(
            self.product._get_atp_earliest_date(1, warehouse=self.wh_a), self._day(10)
        )
        self.assertEqual(
            self.product._get_atp_earliest_date(23, warehouse=self.wh_a), self._day(10)
        )
        self.assertIsNone(self.product._get_atp_earliest_date(24, warehouse=self.wh_a))
        # Odoo's own forecast at day 6 would promise 43 units more than ATP.
        forecast = self.product.with_context(
            warehouse_id=self.wh_a.id, to_date=self._datetime(11)
        ).virtual_available
        self.assertEqual(forecast, 43)

    def test_summary_in_sellers_words(self):
        self._set_stock(self.product, 5)
        self._sell([(self.product, 2)], 1)
        self._purchase([(self.product, 50, 10)])
        product = self.product.with_context(warehouse_id=self.wh_a.id, lang="en_US")
        self.assertEqual(product.atp_on_hand, 5)
        self.assertEqual(product.atp_reserved, 2)
        self.assertEqual(product.atp_free, 3)
        self.assertEqual(product.atp_incoming, 50)
        self.assertEqual(product.atp_qty_now, 3)
        self.assertEqual(product.atp_qty, 53)
        arriving = self._day(10).strftime("%-d %b")
        self.assertEqual(
            product.atp_summary,
            "In stock 5 · Reserved 2 · Available 3 · On order 50 (arriving "
            f"{arriving}) · Available to promise 53 (3 now)",
        )
        self.assertEqual(
            self.product.product_tmpl_id.with_context(
                warehouse_id=self.wh_a.id
            ).atp_qty,
            53,
        )

    def test_summary_in_french_and_german(self):
        self._set_stock(self.product, 5)
        self._sell([(self.product, 2)], 1)
        for code in ("fr_FR", "de_DE"):
            self.env["res.lang"]._activate_lang(code)
        self.env["ir.module.module"]._load_module_terms(
            ["incoming_stock_atp"], ["fr_FR", "de_DE"], overwrite=True
        )
        product = self.product.with_context(warehouse_id=self.wh_a.id)
        self.assertEqual(
            product.with_context(lang="fr_FR").atp_summary,
            "En stock 5 · Réservé 2 · Disponible 3 · Disponible à la promesse 3",
        )
        self.assertEqual(
            product.with_context(lang="de_DE").atp_summary,
            "Auf Lager 5 · Reserviert 2 · Verfügbar 3 · Zusagbar 3",
        )

    def test_partial_receipt(self):
        order = self._purchase([(self.product, 50, 3)])
        picking = order.picking_ids
        move = picking.move_ids
        move.quantity = 20
        move.picked = True
        picking._action_done()
        values = self._figures(self.product)
        self.assertEqual(values["on_hand"], 20)
        self.assertEqual(values["incoming"], 30)
        self.assertEqual(values["atp"], 50)
        self.assertEqual(values["atp_now"], 20)

    def test_cancelled_purchase(self):
        self._set_stock(self.product, 4)
        order = self._purchase([(self.product, 50, 3)])
        self.assertEqual(self._figures(self.product)["atp"], 54)
        order.button_cancel()
        values = self._figures(self.product)
        self.assertEqual(values["incoming"], 0)
        self.assertEqual(values["atp"], 4)
        self.assertFalse(values["next_arrival"])

    def test_rfq_sent_only_when_asked(self):
        self._set_stock(self.product, 1)
        draft = self._purchase([(self.product, 7, 4)], confirm=False)
        sent = self._purchase([(self.product, 30, 6)], confirm=False)
        sent.write({"state": "sent"})
        self.assertEqual(self._figures(self.product)["atp"], 1)
        values = self._figures(self.product, include_rfq=True)
        # Draft RFQs are not sent to anyone yet: they never count.
        self.assertEqual(values["incoming"], 30)
        self.assertEqual(values["next_arrival"], self._day(6))
        self.assertEqual(values["atp"], 31)
        self.assertTrue(draft)

    def test_multi_warehouse(self):
        self._set_stock(self.product, 8, self.wh_a)
        self._set_stock(self.product, 3, self.wh_b)
        self._purchase([(self.product, 10, 2)], warehouse=self.wh_b)
        self._sell([(self.product, 5)], 1, warehouse=self.wh_b)
        self.assertEqual(self._figures(self.product, self.wh_a)["atp"], 8)
        # The search panel's warehouse filter (by name) scopes the list figures.
        listed = self.product.with_context(search_warehouse="ATP Warehouse B")
        self.assertEqual(listed.atp_on_hand, 3)
        self.assertEqual(listed.atp_qty, 8)
        values_b = self._figures(self.product, self.wh_b)
        self.assertEqual(values_b["on_hand"], 3)
        self.assertEqual(values_b["atp_now"], -2)
        self.assertEqual(values_b["atp"], 8)
        both = self.product._get_atp_figures(warehouse=self.wh_a | self.wh_b)[
            self.product.id
        ]
        self.assertEqual(both["on_hand"], 11)
        self.assertEqual(both["atp"], 16)
        self.assertEqual(both["atp_now"], 6)

    def test_multi_step_routes_count_once(self):
        """Pick-then-ship deliveries and two-step receipts: only the moves that
        cross the warehouse's boundary count, never the internal steps."""
        self.wh_b.write({"delivery_steps": "pick_ship", "reception_steps": "two_steps"})
        self._set_stock(self.product, 10, self.wh_b)
        order = self._sell([(self.product, 4)], 2, warehouse=self.wh_b)
        # Only the pick exists (stock -> output, for the customer): it counts.
        self.assertEqual(
            order.picking_ids.move_ids.location_dest_id,
            self.wh_b.wh_output_stock_loc_id,
        )
        self.assertEqual(self._figures(self.product, self.wh_b)["outgoing"], 4)
        pick = order.picking_ids
        pick.move_ids.quantity = 4
        pick.move_ids.picked = True
        pick._action_done()
        # Now the ship move (output -> customer) carries the demand: still 4.
        self.assertEqual(self._figures(self.product, self.wh_b)["outgoing"], 4)
        purchase = self._purchase([(self.product, 6, 5)], warehouse=self.wh_b)
        receipt = purchase.picking_ids
        receipt.move_ids.quantity = 6
        receipt.move_ids.picked = True
        receipt._action_done()
        values = self._figures(self.product, self.wh_b)
        # The 6 received units wait in the input area: in the warehouse, and
        # their put-away to stock is no new receipt.
        self.assertEqual(values["on_hand"], 16)
        self.assertEqual(values["incoming"], 0)
        self.assertEqual(values["outgoing"], 4)
        self.assertEqual(values["atp"], 12)

    def test_chained_moves_count_once(self):
        """Fully created chains (pull routes, resupply between warehouses)."""
        Move = self.env["stock.move"]
        customers = self.env.ref("stock.stock_location_customers")
        transit = self.env["stock.location"].create(
            {"name": "ATP transit", "usage": "transit", "location_id": False}
        )

        def move(source, dest, qty, days, **values):
            return Move.create(
                dict(
                    {
                        "product_id": self.product.id,
                        "product_uom_qty": qty,
                        "location_id": source.id,
                        "location_dest_id": dest.id,
                        "date": self._datetime(days),
                    },
                    **values,
                )
            )

        # Delivery from A in two steps, both moves already there.
        ship = move(self.wh_a.wh_output_stock_loc_id, customers, 3, 4)
        pick = move(
            self.wh_a.lot_stock_id,
            self.wh_a.wh_output_stock_loc_id,
            3,
            3,
            location_final_id=customers.id,
            move_dest_ids=[Command.link(ship.id)],
        )
        # Resupply of B from A through a transit location.
        arrive = move(transit, self.wh_b.lot_stock_id, 5, 6)
        leave = move(
            self.wh_a.lot_stock_id,
            transit,
            5,
            5,
            location_final_id=self.wh_b.lot_stock_id.id,
            move_dest_ids=[Command.link(arrive.id)],
        )
        (pick | ship | leave | arrive)._action_confirm(merge=False)
        self.assertTrue(
            all(
                m.state in ("confirmed", "waiting")
                for m in pick | ship | leave | arrive
            )
        )
        values_a = self._figures(self.product, self.wh_a)
        self.assertEqual(values_a["outgoing"], 8)
        self.assertEqual(values_a["incoming"], 0)
        values_b = self._figures(self.product, self.wh_b)
        self.assertEqual(values_b["incoming"], 5)
        self.assertEqual(values_b["next_arrival"], self._day(5))
        self.assertEqual(values_b["outgoing"], 0)
        both = self.product._get_atp_figures(warehouse=self.wh_a | self.wh_b)[
            self.product.id
        ]
        self.assertEqual((both["incoming"], both["outgoing"]), (0, 3))

    def test_units_of_measure(self):
        self._set_stock(self.product, 6)
        # 2 dozens bought, 1 dozen sold: figures are in the product's unit.
        self._purchase([(self.product, 2, 5, self.uom_dozen)])
        self._sell([(self.product, 1, self.uom_dozen)], 8)
        values = self._figures(self.product)
        self.assertEqual(values["incoming"], 24)
        self.assertEqual(values["outgoing"], 12)
        self.assertEqual(values["atp_now"], 6)
        self.assertEqual(values["atp"], 18)
        self.assertEqual(
            self.product._get_atp_earliest_date(18, warehouse=self.wh_a), self._day(5)
        )

    def test_many_products_fixed_queries(self):
        products = self.product | self.product_2
        self._set_stock(self.product, 3)
        self._set_stock(self.product_2, 9)
        self._purchase([(self.product, 4, 2), (self.product_2, 1, 2)])
        products._get_atp_figures(warehouse=self.wh_a)  # warm the ORM cache
        self.env.flush_all()
        # One query for the quants, one for the moves (plus one for sent RFQs).
        with self.assertQueryCount(2):
            figures = products._get_atp_figures(warehouse=self.wh_a)
        self.assertEqual(figures[self.product.id]["atp"], 7)
        self.assertEqual(figures[self.product_2.id]["atp"], 10)

    def test_search_atp_qty(self):
        self._set_stock(self.product, 3)
        self._sell([(self.product_2, 1)], 3)
        scope = [("id", "in", (self.product | self.product_2).ids)]
        Product = self.env["product.product"].with_context(warehouse_id=self.wh_a.id)
        self.assertEqual(Product.search(scope + [("atp_qty", ">", 0)]), self.product)
        self.assertEqual(Product.search(scope + [("atp_qty", "<", 0)]), self.product_2)
