from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


class HomeTourCase(HttpCase):
    """One user per role and one order to pick."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for role in ("vendor", "warehouse", "accountant"):
            new_test_user(
                cls.env,
                login=f"oms_tour_{role}",
                groups=f"base.group_user,letzshop_oms.group_oms_{role}",
            )
        # an order to pick, so that the number opens a list with a row
        product = cls.env["product.product"].create(
            {"name": "OMS tour product", "is_storable": True}
        )
        warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.env["stock.quant"]._update_available_quantity(
            product, warehouse.lot_stock_id, 5
        )
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.env["res.partner"].create({"name": "OMS tour"}).id,
                "warehouse_id": warehouse.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        order.action_confirm()


@tagged("post_install", "-at_install")
class TestHomeTour(HomeTourCase):
    """Each role logs in through the browser and lands on its OMS home."""

    def test_vendor_lands_on_the_home_and_opens_a_number(self):
        self.start_tour("/odoo", "letzshop_oms_home_vendor", login="oms_tour_vendor")

    def test_warehouse_lands_on_the_scan_view(self):
        self.start_tour(
            "/odoo", "letzshop_oms_home_warehouse", login="oms_tour_warehouse"
        )

    def test_accountant_lands_on_the_vat_return(self):
        self.start_tour(
            "/odoo", "letzshop_oms_home_accountant", login="oms_tour_accountant"
        )


@tagged("post_install", "-at_install")
class TestHomeTourPhone(HomeTourCase):
    """The vendor and the warehouse on a phone."""

    browser_size = "375x667"
    touch_enabled = True

    def test_vendor_lands_on_the_home_and_opens_a_number(self):
        self.start_tour("/odoo", "letzshop_oms_home_vendor", login="oms_tour_vendor")

    def test_warehouse_lands_on_the_scan_view(self):
        self.start_tour(
            "/odoo", "letzshop_oms_home_warehouse", login="oms_tour_warehouse"
        )
