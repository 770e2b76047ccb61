# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import AtpCommon


@tagged("post_install", "-at_install")
class TestChannelPublishable(AtpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create(
            {
                "name": "ATP Letzshop",
                "company_id": cls.company.id,
                "atp_warehouse_id": cls.wh_a.id,
            }
        )
        cls.products = cls.product | cls.product_2

    def _publishable(self, team=None, warehouse=None):
        return (team or self.team)._get_publishable_quantities(
            self.products, warehouse=warehouse
        )

    def test_stock_minus_every_delivery(self):
        self._set_stock(self.product, 10)
        self._sell([(self.product, 3)], 2)
        self._sell([(self.product, 4)], 40)  # promised far ahead: still taken
        self._purchase([(self.product, 50, 3)])  # not counted by default
        self.assertEqual(
            self._publishable(), {self.product.id: 3.0, self.product_2.id: 0.0}
        )

    def test_buffer_units_and_percentage(self):
        self._set_stock(self.product, 10)
        self._set_stock(self.product_2, 7)
        self.team.write({"atp_buffer_type": "units", "atp_buffer_qty": 2})
        self.assertEqual(
            self._publishable(), {self.product.id: 8.0, self.product_2.id: 5.0}
        )
        self.team.write({"atp_buffer_type": "percent", "atp_buffer_qty": 10})
        # 10 % of 7 is 0.7: a channel publishes whole units, rounded down.
        self.assertEqual(
            self._publishable(), {self.product.id: 9.0, self.product_2.id: 6.0}
        )
        self.team.write({"atp_buffer_type": "units", "atp_buffer_qty": 20})
        self.assertEqual(
            self._publishable(), {self.product.id: 0.0, self.product_2.id: 0.0}
        )

    def test_incoming_within_days(self):
        self._set_stock(self.product, 2)
        self._sell([(self.product, 5)], 1)
        self._purchase([(self.product, 20, 3), (self.product_2, 6, 12)])
        self.assertEqual(self._publishable()[self.product.id], 0.0)
        self.team.write({"atp_count_incoming": True, "atp_incoming_days": 7})
        self.assertEqual(
            self._publishable(), {self.product.id: 17.0, self.product_2.id: 0.0}
        )
        self.team.atp_incoming_days = 12
        self.assertEqual(
            self._publishable(), {self.product.id: 17.0, self.product_2.id: 6.0}
        )

    def test_rfq_sent_counts_when_channel_says_so(self):
        rfq = self._purchase([(self.product, 9, 2)], confirm=False)
        rfq.write({"state": "sent"})
        self.team.write({"atp_count_incoming": True, "atp_incoming_days": 5})
        self.assertEqual(self._publishable()[self.product.id], 0.0)
        self.team.atp_include_rfq = True
        self.assertEqual(self._publishable()[self.product.id], 9.0)

    def test_warehouse_scope(self):
        self._set_stock(self.product, 4, self.wh_a)
        self._set_stock(self.product, 6, self.wh_b)
        self.assertEqual(self._publishable()[self.product.id], 4.0)
        self.assertEqual(self._publishable(warehouse=self.wh_b)[self.product.id], 6.0)
        self.team.atp_warehouse_id = False
        # Every warehouse of the company (the demo data may hold more stock of
        # other products, not of ours).
        self.assertEqual(self._publishable()[self.product.id], 10.0)

    def test_warehouse_of_another_company_is_refused(self):
        other = self.env["res.company"].create({"name": "ATP Other Company"})
        other_wh = self.env["stock.warehouse"].search(
            [("company_id", "=", other.id)], limit=1
        )
        with self.assertRaisesRegex(UserError, "ATP Letzshop"):
            self._publishable(warehouse=other_wh)
        with self.assertRaises(ValidationError), mute_logger("odoo.sql_db"):
            self.team.atp_warehouse_id = other_wh

    def test_settings_constraints(self):
        with self.assertRaisesRegex(ValidationError, "cannot exceed 100"):
            self.team.write({"atp_buffer_type": "percent", "atp_buffer_qty": 150})
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.team.write({"atp_buffer_qty": -1})
            self.team.flush_recordset()

    def test_fixed_query_count(self):
        self._set_stock(self.product, 1)
        self.team.write({"atp_count_incoming": True, "atp_include_rfq": True})
        many = self.env["product.product"].search([], limit=50) | self.products
        self.team._get_publishable_quantities(many)  # warm the ORM cache
        self.env.flush_all()
        # Quants, moves, sent RFQs.
        with self.assertQueryCount(3):
            result = self.team._get_publishable_quantities(many)
        self.assertEqual(len(result), len(many))
        self.assertEqual(result[self.product.id], 1.0)

    def test_form_edits_channel_settings(self):
        with Form(self.team) as form:
            form.atp_buffer_qty = 3
            form.atp_buffer_type = "percent"
            form.atp_count_incoming = True
            form.atp_incoming_days = 10
            form.atp_include_rfq = True
        self.assertEqual(self.team.atp_buffer_qty, 3)
        self.assertEqual(self.team.atp_buffer_type, "percent")
        self.assertEqual(self.team.atp_incoming_days, 10)
        self.assertTrue(self.team.atp_include_rfq)

    # ------------------------------------------------------------------
    # changed since
    # ------------------------------------------------------------------

    def _backdate_everything(self):
        """Pretend that our data and the channel settings are two days old."""
        self.env.flush_all()
        old = self.env.cr.now() - datetime.timedelta(days=2)
        for table in (
            "stock_move",
            "stock_quant",
            "purchase_order",
            "purchase_order_line",
        ):
            self.env.cr.execute(
                f"UPDATE {table} SET write_date = %s WHERE write_date > %s",
                (old, old),
            )
        self.env.cr.execute(
            "UPDATE crm_team SET atp_settings_date = %s WHERE id = %s",
            (old, self.team.id),
        )
        self.env.invalidate_all()
        return self.env.cr.now() - datetime.timedelta(days=1)

    def test_changed_since(self):
        self._set_stock(self.product, 5)
        self._set_stock(self.product_2, 5)
        order = self._sell([(self.product, 1)], 3, confirm=False)
        since = self._backdate_everything()
        changed = self.team._get_publishable_changed_since(
            since, products=self.products
        )
        self.assertFalse(changed)
        order.action_confirm()
        changed = self.team._get_publishable_changed_since(
            since, products=self.products
        )
        self.assertEqual(changed, self.product)
        # A quant change (inventory, receipt) too.
        self._set_stock(self.product_2, 1)
        changed = self.team._get_publishable_changed_since(
            since, products=self.products
        )
        self.assertEqual(changed, self.products)

    def test_changed_since_never_published(self):
        self._backdate_everything()
        self.assertEqual(
            self.team._get_publishable_changed_since(False, products=self.products),
            self.products,
        )

    def test_channel_for_all_companies_uses_the_given_warehouse(self):
        self._set_stock(self.product, 4, self.wh_b)
        self.team.company_id = False
        other = self.env["res.company"].create({"name": "ATP Other Company"})
        team = self.team.with_company(other)
        self.assertEqual(
            team._get_publishable_quantities(self.product, self.wh_b),
            {self.product.id: 4.0},
        )

    def test_changed_since_other_warehouse_ignored(self):
        since = self._backdate_everything()
        self._set_stock(self.product, 5, self.wh_b)
        self.assertFalse(
            self.team._get_publishable_changed_since(since, products=self.products)
        )
        self.assertEqual(
            self.team._get_publishable_changed_since(
                since, products=self.products, warehouse=self.wh_b
            ),
            self.product,
        )

    def test_changed_since_settings_change_everything(self):
        since = self._backdate_everything()
        self.assertFalse(
            self.team._get_publishable_changed_since(since, products=self.products)
        )
        # Creating a channel is no settings change: it has never published.
        new_team = self.env["crm.team"].create({"name": "ATP new channel"})
        self.assertFalse(
            new_team._get_publishable_changed_since(since, products=self.products)
        )
        self.team.atp_buffer_qty = 1
        self.assertEqual(
            self.team._get_publishable_changed_since(since, products=self.products),
            self.products,
        )

    def test_changed_since_receipt_enters_window(self):
        self.team.write({"atp_count_incoming": True, "atp_incoming_days": 3})
        self._purchase([(self.product, 5, 3), (self.product_2, 5, 10)])
        since = self._backdate_everything()
        # Two days ago the window ended on day 1; today it ends on day 3: the
        # day-3 receipt entered it without any write.
        changed = self.team._get_publishable_changed_since(
            since, products=self.products
        )
        self.assertEqual(changed, self.product)

    def test_changed_since_rfq(self):
        self.team.write({"atp_count_incoming": True, "atp_include_rfq": True})
        rfq = self._purchase([(self.product_2, 5, 30)], confirm=False)
        since = self._backdate_everything()
        self.assertFalse(
            self.team._get_publishable_changed_since(since, products=self.products)
        )
        rfq.write({"state": "sent"})
        self.assertEqual(
            self.team._get_publishable_changed_since(since, products=self.products),
            self.product_2,
        )

    # ------------------------------------------------------------------
    # RPC wrappers
    # ------------------------------------------------------------------

    def test_rpc_wrappers(self):
        self._set_stock(self.product, 4)
        result = self.team.get_publishable_quantities(
            [self.product_2.id, self.product.id]
        )
        self.assertEqual(
            result,
            [
                {"product_id": self.product_2.id, "qty": 0.0},
                {"product_id": self.product.id, "qty": 4.0},
            ],
        )
        self.assertEqual(
            self.team.get_publishable_quantities([self.product.id], self.wh_b.id),
            [{"product_id": self.product.id, "qty": 0.0}],
        )
        since = self._backdate_everything()
        self._set_stock(self.product, 1)
        ids = self.team.get_publishable_changed_since(
            since.strftime("%Y-%m-%d %H:%M:%S"), self.products.ids
        )
        self.assertEqual(ids, self.product.ids)
        with self.assertRaisesRegex(UserError, "unknown product ids"):
            self.team.get_publishable_quantities([self.product.id, 999999999])
        with self.assertRaisesRegex(UserError, "not a date"):
            self.team.get_publishable_changed_since("yesterday")
