from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestHomeTour(HttpCase):
    """Each role logs in through the browser and lands on its OMS home."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for role in ("vendor", "warehouse", "accountant"):
            new_test_user(
                cls.env,
                login=f"oms_tour_{role}",
                groups=f"base.group_user,letzshop_oms.group_oms_{role}",
            )

    def test_vendor_lands_on_orders(self):
        self.start_tour("/odoo", "letzshop_oms_home_vendor", login="oms_tour_vendor")

    def test_warehouse_lands_on_transfers(self):
        self.start_tour(
            "/odoo", "letzshop_oms_home_warehouse", login="oms_tour_warehouse"
        )

    def test_accountant_lands_on_invoices(self):
        self.start_tour(
            "/odoo", "letzshop_oms_home_accountant", login="oms_tour_accountant"
        )
