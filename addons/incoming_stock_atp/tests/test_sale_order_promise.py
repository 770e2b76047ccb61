# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo.tests import Form, tagged

from .common import AtpCommon


@tagged("post_install", "-at_install")
class TestSaleOrderPromise(AtpCommon):
    def test_promise_date_on_quotation(self):
        self._set_stock(self.product, 5)
        self._sell([(self.product, 4)], 3)  # ships before the receipt
        self._purchase([(self.product, 10, 6)])
        quotation = self._sell([(self.product, 1), (self.product, 3)], 2, confirm=False)
        first, second = quotation.order_line.sorted("sequence")
        self.assertEqual(first.atp_promise_date, self.today)
        self.assertFalse(first.atp_late)
        # 1 + 3 units: only 1 is free before the day-6 receipt.
        self.assertEqual(second.atp_promise_date, self._day(6))
        self.assertTrue(second.atp_late)
        self.assertIn("ATP Chair (3 Units): cannot ship before", quotation.atp_warning)
        quotation.commitment_date = self._datetime(7)
        self.assertFalse(second.atp_late)
        self.assertFalse(quotation.atp_warning)

    def test_not_enough_at_all(self):
        self._set_stock(self.product, 1)
        quotation = self._sell([(self.product, 2)], 5, confirm=False)
        line = quotation.order_line
        self.assertFalse(line.atp_promise_date)
        self.assertTrue(line.atp_late)
        self.assertIn("not enough in stock nor on order", quotation.atp_warning)

    def test_unit_of_measure_on_line(self):
        self._set_stock(self.product, 12)
        quotation = self._sell([(self.product, 1, self.uom_dozen)], 0, confirm=False)
        self.assertEqual(quotation.order_line.atp_promise_date, self.today)
        quotation.order_line.product_uom_qty = 2
        self.assertTrue(quotation.order_line.atp_late)

    def test_confirmed_order_has_no_promise_date(self):
        self._set_stock(self.product, 3)
        order = self._sell([(self.product, 2)], 1)
        self.assertFalse(order.order_line.atp_promise_date)
        self.assertFalse(order.atp_warning)

    def test_form_shows_promise_while_typing(self):
        self._purchase([(self.product, 10, 4)])
        with Form(self.env["sale.order"]) as form:
            form.partner_id = self.customer
            form.warehouse_id = self.wh_a
            with form.order_line.new() as line:
                line.product_id = self.product
                line.product_uom_qty = 6
                self.assertEqual(line.atp_promise_date, self._day(4))
                self.assertTrue(line.atp_late)
