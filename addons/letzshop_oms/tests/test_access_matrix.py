from datetime import timedelta

from lxml import etree

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import convert_file

from .common import OmsCommon
from .test_menu_screens import _specification

ALLOWED, REFUSED = True, False


@tagged("post_install", "-at_install")
class TestAccessMatrix(OmsCommon):
    """Each role against the documents of the OMS, reads and writes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records = {
            "sale.order": cls.order,
            "stock.picking": cls.picking,
            "account.move": cls.invoice,
            "res.partner": cls.other_customer,
            "product.template": cls.product.product_tmpl_id,
        }
        cls.write_values = {
            "sale.order": {"client_order_ref": "REF-1"},
            "stock.picking": {"origin": "checked"},
            "account.move": {"ref": "REF-2"},
            "res.partner": {"phone": "+352 123"},
            "product.template": {"description_pickingout": "Fragile"},
        }

    def _can(self, user, model, operation):
        record = self.records[model].with_user(user)
        try:
            if operation == "read":
                record.check_access("read")
                record.read(["display_name"])
            else:
                with self.env.cr.savepoint():
                    record.write(self.write_values[model])
                    record.flush_recordset()
        except AccessError:
            return False
        return True

    def _assert_matrix(self, user, matrix):
        for (model, operation), expected in matrix.items():
            with self.subTest(user=user.login, model=model, operation=operation):
                self.assertEqual(
                    self._can(user, model, operation),
                    expected,
                    f"{user.login} {operation} {model}: expected "
                    f"{'allowed' if expected else 'refused'}",
                )

    def test_vendor_sees_and_changes_everything(self):
        self._assert_matrix(
            self.vendor,
            {
                (model, op): ALLOWED
                for model in self.records
                for op in ("read", "write")
            },
        )

    def test_warehouse_works_on_stock_only(self):
        self._assert_matrix(
            self.warehouse_user,
            {
                ("sale.order", "read"): REFUSED,
                ("sale.order", "write"): REFUSED,
                ("stock.picking", "read"): ALLOWED,
                ("stock.picking", "write"): ALLOWED,
                ("account.move", "read"): REFUSED,
                ("account.move", "write"): REFUSED,
                ("res.partner", "read"): REFUSED,
                ("res.partner", "write"): REFUSED,
                ("product.template", "read"): ALLOWED,
                ("product.template", "write"): ALLOWED,
            },
        )

    def test_warehouse_reads_the_shipping_address_of_its_pickings(self):
        picking = self.picking.with_user(self.warehouse_user)
        self.assertEqual(picking.partner_id.name, "OMS Test Customer")
        self.assertTrue(
            self.customer.with_user(self.warehouse_user).oms_warehouse_visible
        )
        visible = (
            self.env["res.partner"]
            .with_user(self.warehouse_user)
            .search([("id", "in", (self.customer | self.other_customer).ids)])
        )
        self.assertEqual(visible, self.customer, "the customer list stays hidden")

    def _warehouse_sees(self, partners):
        return (
            self.env["res.partner"]
            .with_user(self.warehouse_user)
            .search([("id", "in", partners.ids)])
        )

    def _done_delivery(self, partner, days_ago):
        picking = self.picking.copy({"partner_id": partner.id})
        picking.move_ids.quantity = 2
        picking.move_ids.picked = True
        picking.button_validate()
        picking.date_done = fields.Datetime.now() - timedelta(days=days_ago)
        return picking

    def test_warehouse_forgets_the_partners_of_old_deliveries(self):
        recent, old, pending = self.env["res.partner"].create(
            [
                {"name": "Shipped 3 Days Ago"},
                {"name": "Shipped 20 Days Ago"},
                {"name": "To Ship"},
            ]
        )
        self._done_delivery(recent, days_ago=3)
        old_picking = self._done_delivery(old, days_ago=20)
        self.picking.partner_id = pending
        partners = recent | old | pending
        self.assertEqual(self._warehouse_sees(partners), recent | pending)
        with self.assertRaises(AccessError):
            old.with_user(self.warehouse_user).read(["street"])
        # the old transfer itself still opens, with the partner's name
        self.assertEqual(
            old_picking.with_user(self.warehouse_user).web_read(
                {"partner_id": {"fields": {"display_name": {}}}}
            )[0]["partner_id"]["display_name"],
            "Shipped 20 Days Ago",
        )
        self.env["ir.config_parameter"].set_param(
            "letzshop_oms.warehouse_partner_days", "30"
        )
        self.assertEqual(self._warehouse_sees(partners), partners)

    def test_warehouse_sees_no_portal_customer(self):
        portal = new_test_user(
            self.env, login="oms_test_portal_customer", groups="base.group_portal"
        )
        internal = self.vendor.partner_id
        self.assertEqual(self._warehouse_sees(portal.partner_id | internal), internal)

    def test_warehouse_validates_a_delivery(self):
        picking = self.picking.with_user(self.warehouse_user)
        picking.move_ids.quantity = 2
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.order.order_line.qty_delivered, 2)

    def test_accountant_invoices_but_does_not_touch_stock(self):
        self._assert_matrix(
            self.accountant,
            {
                ("sale.order", "read"): ALLOWED,
                # invoicing an order updates it, as for Odoo's own billing users
                ("sale.order", "write"): ALLOWED,
                ("stock.picking", "read"): ALLOWED,
                ("stock.picking", "write"): REFUSED,
                ("account.move", "read"): ALLOWED,
                ("account.move", "write"): ALLOWED,
                ("res.partner", "read"): ALLOWED,
                ("res.partner", "write"): ALLOWED,
                ("product.template", "read"): ALLOWED,
                ("product.template", "write"): REFUSED,
            },
        )

    def test_accountant_cannot_validate_a_delivery(self):
        picking = self.picking.with_user(self.accountant)
        with self.assertRaises(AccessError):
            picking.button_validate()

    def test_warehouse_opens_and_receives_a_return_of_a_sale_order(self):
        """The warehouse receives the returns of sale orders it may not read: the
        return's form opens (OCA rma_sale reads the moves the return may be of
        through the order's lines), the order stays closed to it."""
        self.picking.move_ids.quantity = 2
        self.picking.move_ids.picked = True
        self.picking.button_validate()
        lines = self.order._rma_portal_lines()
        rma = self.order._rma_portal_create(
            {lines[0]["key"]: 1},
            self.env.ref("sale_channel_rma.rma_return_reason_damaged"),
            self.env.ref("rma.rma_operation_refund"),
        )
        as_warehouse = rma.with_user(self.warehouse_user)
        # the form as the web client reads it, in a new request (nothing cached)
        self.env.invalidate_all()
        views = as_warehouse.get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        spec = _specification(arch, views["models"]["rma"]["fields"])
        self.assertIn("allowed_move_ids", spec)
        [values] = as_warehouse.web_read(spec)
        self.assertEqual(values["name"], rma.name)
        self.assertEqual(
            [move["id"] for move in values["allowed_move_ids"]],
            self.picking.move_ids.ids,
        )
        self.assertEqual(values["partner_id"]["display_name"], "OMS Test Customer")
        # the warehouse receives the parcel
        reception = as_warehouse.reception_move_id.picking_id
        reception.move_ids.quantity = 1
        reception.move_ids.picked = True
        reception.button_validate()
        self.assertEqual(rma.state, "received")
        # ... and still may neither read nor change the order
        order = self.order.with_user(self.warehouse_user)
        with self.assertRaises(AccessError):
            order.read(["client_order_ref"])
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            order.write({"client_order_ref": "RETURNED"})
            order.flush_recordset()


@tagged("post_install", "-at_install")
class TestWarehouseSeesNoPrices(OmsCommon):
    """The warehouse role handles goods, never money."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supplier = cls.env["res.partner"].create({"name": "OMS Test Supplier"})
        cls.purchase = cls.env["purchase.order"].create(
            {
                "partner_id": cls.supplier.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_qty": 5,
                            "price_unit": 9,
                        }
                    )
                ],
            }
        )
        cls.purchase.button_confirm()

    def test_order_prices_are_not_readable_over_rpc(self):
        for line, field in (
            (self.order.order_line, "price_unit"),
            (self.order, "amount_total"),
            (self.purchase.order_line, "price_unit"),
            (self.purchase, "amount_total"),
        ):
            with (
                self.subTest(field=f"{line._name}.{field}"),
                self.assertRaises(AccessError),
            ):
                line.with_user(self.warehouse_user).read([field])
        # what the warehouse needs about the product stays readable
        values = self.product.with_user(self.warehouse_user).read(
            ["name", "barcode", "default_code", "qty_available"]
        )[0]
        self.assertEqual(values["barcode"], "5400000000012")

    def test_purchase_orders_are_hidden_but_receipts_work(self):
        purchase = self.purchase.with_user(self.warehouse_user)
        with self.assertRaises(AccessError):
            purchase.read(["amount_total"])
        with self.assertRaises(AccessError):
            purchase.order_line.read(["price_unit"])
        receipt = self.purchase.picking_ids.with_user(self.warehouse_user)
        self.assertEqual(receipt.partner_id.name, "OMS Test Supplier")
        receipt.move_ids.quantity = 5
        receipt.move_ids.picked = True
        receipt.button_validate()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(self.purchase.order_line.qty_received, 5)
        self.assertEqual(self.product.qty_available, 15)


@tagged("post_install", "-at_install")
class TestSaleStockRuleUntouched(OmsCommon):
    """The warehouse role reads no sale order line, by a rule of our own."""

    def _assert_warehouse_reads_no_sale_line(self):
        line = self.order.order_line.with_user(self.warehouse_user)
        with self.assertRaises(AccessError):
            line.read(["price_unit"])
        self.assertFalse(
            self.env["sale.order.line"]
            .with_user(self.warehouse_user)
            .search([("id", "=", line.id)])
        )

    def test_sale_stock_rule_keeps_its_own_domain(self):
        rule = self.env.ref("sale_stock.sale_order_line_rule_stock_user")
        self.assertEqual(rule.domain_force, "[(1, '=', 1)]")
        self.assertEqual(rule.groups, self.env.ref("stock.group_stock_user"))
        self._assert_warehouse_reads_no_sale_line()

    def test_reloading_sale_stock_rules_keeps_the_warehouse_out(self):
        """What ``-u sale_stock`` (forced) does to its rules changes nothing here."""
        convert_file(
            self.env,
            "sale_stock",
            "security/sale_stock_security.xml",
            {},
            mode="init",
            noupdate=False,
        )
        self.env.registry.clear_cache()
        self._assert_warehouse_reads_no_sale_line()
        # the vendor, who is a stock user too, still reads them
        self.order.order_line.with_user(self.vendor).read(["price_unit"])

    def test_warehouse_who_also_sells_reads_sale_lines(self):
        self.warehouse_user.group_ids |= self.env.ref(
            "sales_team.group_sale_salesman_all_leads"
        )
        self.order.order_line.with_user(self.warehouse_user).read(["price_unit"])
