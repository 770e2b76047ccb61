from unittest.mock import patch

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.letzshop_connector.tests.fake_letzshop import FakeLetzshopServer
from odoo.addons.oss_vat_invoice.tests.fake_vies import FakeVies

from .test_onboarding import API_KEY, hide_other_catalogues


@tagged("post_install", "-at_install")
class TestOnboardingTour(HttpCase):
    """A new seller, alone in a new company, walks the checklist in the browser;
    VIES and Letzshop are local fakes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vies = FakeVies().start()
        cls.addClassCleanup(cls.vies.stop)
        params = cls.env["ir.config_parameter"]
        params.set_param("oss_vat_invoice.vies_url", cls.vies.url)
        params.set_param("oss_vat_invoice.vies_soap_url", "disabled")
        cls.letzshop = FakeLetzshopServer(api_key=API_KEY).start()
        cls.addClassCleanup(cls.letzshop.stop)
        # a customer's first order waits on Letzshop: a mug of the catalogue
        # the seller imports in the tour
        cls.shipment = cls.letzshop.store.add_shipment(
            [("TOUR-MUG", "4006381333931", 12.5, 2, "Tour mug")]
        )
        # the seller would keep Letzshop's address; here it is the fake's
        cls.env["ir.default"].set("letzshop.account", "endpoint", cls.letzshop.url)
        hide_other_catalogues(cls.env)
        cls.company = cls.env["res.company"].create(
            {"name": "Tour Shop", "country_id": cls.env.ref("base.lu").id}
        )
        cls.vendor = new_test_user(
            cls.env,
            login="onboarding_tour_vendor",
            groups="base.group_user,letzshop_oms.group_oms_vendor",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def test_new_seller_walks_the_checklist(self):
        # The queue runs the import job as soon as the seller asks for it (the
        # test cursor's jobs are out of the job runner's sight).
        with patch(
            "odoo.addons.queue_job.delay.must_run_without_delay", return_value=True
        ):
            self.start_tour(
                "/odoo",
                "letzshop_oms_onboarding",
                login="onboarding_tour_vendor",
            )
        onboarding = self.env["letzshop.oms.onboarding"].search(
            [("company_id", "=", self.company.id)]
        )
        states = dict(
            zip(
                onboarding.step_ids.mapped("code"),
                onboarding.step_ids.mapped("state"),
                strict=True,
            )
        )
        self.assertEqual(set(states.values()), {"done"}, states)
        self.assertEqual(len(states), 8)
        self.assertEqual(onboarding.progress, "8 of 8 done")
        self.assertEqual(self.company.vat, "LU26375245")
        self.assertEqual(onboarding.expected_cross_border_volume, "below")
        anna = self.env["res.users"].search([("login", "=", "anna@example.com")])
        self.assertTrue(anna.has_group("letzshop_oms.group_oms_warehouse"))
        self.assertEqual(anna.company_id, self.company)
        # the catalogue, from the CSV file
        products = self.env["product.product"].search(
            [("default_code", "in", ("TOUR-MUG", "TOUR-SCARF"))], order="default_code"
        )
        self.assertEqual(
            [(p.name, p.barcode, p.list_price, p.is_storable) for p in products],
            [
                ("Tour mug", "4006381333931", 12.5, True),
                ("Tour scarf", "4006381333948", 24.9, True),
            ],
        )
        mug = products[0]
        # the first import: the customer's order, with the mug of the catalogue
        account = self.env["letzshop.account"].search(
            [("company_id", "=", self.company.id)]
        )
        log = self.env["letzshop.sync.log"].search(
            [("account_id", "=", account.id), ("operation", "=", "import")]
        )
        self.assertEqual(log.mapped("state"), ["success"])
        order = self.env["sale.order"].search(
            [("letzshop_shipment_id.account_id", "=", account.id)]
        )
        self.assertEqual(order.client_order_ref, self.shipment["order"]["number"])
        self.assertEqual(order.company_id, self.company)
        self.assertEqual(order.order_line.product_id, mug)
        self.assertEqual(order.order_line.product_uom_qty, 2)
        # the opening stock, counted in a bin of the bins step
        quant = self.env["stock.quant"].search(
            [("product_id", "=", mug.id), ("location_id.usage", "=", "internal")]
        )
        self.assertEqual(quant.location_id.name, "A-01-1")
        self.assertEqual(quant.location_id.company_id, self.company)
        self.assertEqual(quant.quantity, 12)


@tagged("post_install", "-at_install")
class TestOnboardingTourPhone(TestOnboardingTour):
    """The same checklist at phone width: cards with their buttons."""

    browser_size = "375x667"
    touch_enabled = True

    def test_new_seller_walks_the_checklist(self):
        self.start_tour(
            "/odoo/oms-getting-started",
            "letzshop_oms_onboarding_phone",
            login="onboarding_tour_vendor",
        )
        onboarding = self.env["letzshop.oms.onboarding"].search(
            [("company_id", "=", self.company.id)]
        )
        bins = onboarding.step_ids.filtered(lambda s: s.code == "bins")
        self.assertEqual(bins.state, "todo")
        self.assertFalse(bins.skipped)
