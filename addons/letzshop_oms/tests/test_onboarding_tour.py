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
        self.assertEqual(
            states,
            {
                "vat": "done",
                "oss": "done",
                "letzshop_connect": "done",
                "letzshop_import": "todo",
                "catalogue": "todo",
                "bins": "done",
                "stock": "todo",
                "team": "done",
            },
        )
        self.assertEqual(onboarding.progress, "5 of 8 done")
        self.assertEqual(self.company.vat, "LU26375245")
        self.assertEqual(onboarding.expected_cross_border_volume, "below")
        anna = self.env["res.users"].search([("login", "=", "anna@example.com")])
        self.assertTrue(anna.has_group("letzshop_oms.group_oms_warehouse"))
        self.assertEqual(anna.company_id, self.company)


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
