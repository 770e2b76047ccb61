from contextlib import contextmanager

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.oss_vat_invoice import vat_decision as vd
from odoo.addons.oss_vat_invoice.tests.common import OssVatCase

REFUSAL = "the plan Essential does not include %s"


class RefusalMixin:
    @contextmanager
    def refused(self, feature):
        """Refused with the plan's message; the savepoint of assertRaises
        rolls back what was written, as the request's transaction would."""
        with self.assertRaises(UserError) as caught:
            yield
        self.assertIn(REFUSAL % feature, str(caught.exception))


def essential(env):
    """The seed's smallest plan: none of the features."""
    return env.ref("letzshop_oms.plan_essential")


@tagged("post_install", "-at_install")
class TestPlanFeatures(RefusalMixin, TransactionCase):
    """Features of the plan: without them, new records of that kind are refused
    with a message naming the plan; what exists keeps working."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.vendor = new_test_user(
            cls.env, login="oms_plan_vendor", groups="letzshop_oms.group_oms_vendor"
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )

    def test_bins_refused_without_the_feature_existing_ones_work(self):
        # names no demo bin bears (the demo seller has A-01-1 and on)
        Location = self.env["stock.location"].with_user(self.vendor)
        stock = self.warehouse.lot_stock_id
        existing = Location.create({"name": "PLAN-01-1", "location_id": stock.id})
        product = self.env["product.product"].create(
            {"name": "Plan bin product", "is_storable": True}
        )
        self.company.oms_plan_id = essential(self.env)
        with self.refused("Bins and Incoming Stock"):
            Location.create({"name": "PLAN-01-2", "location_id": stock.id})
        self.assertFalse(
            Location.search(
                [("name", "=", "PLAN-01-2"), ("location_id", "=", stock.id)]
            ),
        )
        # the existing bin keeps working: renamed, stocked
        existing.name = "PLAN-01-1b"
        self.env["stock.quant"]._update_available_quantity(product, existing, 3)
        self.assertEqual(product.with_context(location=existing.id).qty_available, 3)
        # a plan with the feature allows new bins again
        self.company.oms_plan_id = self.env.ref("letzshop_oms.plan_professional")
        Location.create({"name": "PLAN-01-2", "location_id": stock.id})

    def test_selling_incoming_stock_refused_without_the_feature(self):
        Team = self.env["crm.team"].with_user(self.vendor)
        counting = Team.create({"name": "Counting channel", "atp_count_incoming": True})
        plain = Team.create({"name": "Plain channel"})
        self.company.oms_plan_id = essential(self.env)
        with self.refused("Bins and Incoming Stock"):
            plain.atp_count_incoming = True
        with self.refused("Bins and Incoming Stock"):
            Team.create({"name": "New counting channel", "atp_count_incoming": True})
        # the channel already counting incoming stock keeps working
        counting.atp_incoming_days = 12
        self.assertTrue(counting.atp_count_incoming)
        Team.create({"name": "Another plain channel"})

    def test_customer_export_refused_without_the_feature(self):
        partner = self.env["res.partner"].create(
            {"name": "Export customer", "email": "export@example.lu"}
        )
        Wizard = (
            self.env["customer.segment.export"]
            .with_user(self.vendor)
            .with_context(active_model="res.partner", active_ids=partner.ids)
        )
        self.company.oms_plan_id = essential(self.env)
        wizard = Wizard.create({"purpose": "other", "lawful_purpose": "Recall"})
        with self.refused("Customer Export"):
            wizard.action_export()
        self.assertFalse(wizard.file)
        self.company.oms_plan_id = self.env.ref("letzshop_oms.plan_professional")
        wizard.action_export()
        self.assertEqual(wizard.exported_count, 1)

    def test_refusal_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(
            ["letzshop_oms"], ["fr_FR", "de_DE"]
        )
        self.company.oms_plan_id = essential(self.env)
        stock = self.warehouse.lot_stock_id
        for lang, expected in (
            (
                "fr_FR",
                "le forfait Essential n'inclut pas « Emplacements et stock entrant »",
            ),
            (
                "de_DE",
                (
                    "Der Tarif Essential enthält „Lagerplätze und eingehender "
                    "Bestand“ nicht"
                ),
            ),
        ):
            self.vendor.lang = lang
            Location = self.env["stock.location"].with_user(self.vendor)
            with self.assertRaises(UserError) as caught:
                Location.with_context(lang=lang).create(
                    {"name": "B-01", "location_id": stock.id}
                )
            self.assertIn(expected, str(caught.exception))

    def test_company_form_shows_features(self):
        self.company.oms_plan_id = essential(self.env)
        self.assertEqual(self.company.oms_plan_history_months, 6)
        self.assertFalse(self.company.oms_plan_api_access)
        self.company.oms_plan_id = self.env.ref("letzshop_oms.plan_business")
        self.assertTrue(self.company.oms_plan_customer_export)


@tagged("post_install", "-at_install")
class TestPlanEuVat(RefusalMixin, OssVatCase):
    """EU VAT invoicing: an invoice with another member state's VAT (OSS) needs
    it; domestic invoices always post."""

    def test_oss_invoice_refused_domestic_posts(self):
        self.company.oms_plan_id = essential(self.env)
        self.company.oss_opt_in = True
        domestic = self._invoice(self.partner_lu, self.products["standard"])
        domestic.action_post()
        self.assertEqual(domestic.state, "posted")
        foreign = self._invoice(self.partner_fr, self.products["standard"])
        self.assertEqual(foreign.oss_vat_rule, vd.OSS)
        with self.refused("EU VAT Invoicing"):
            foreign.action_post()
        self.assertEqual(foreign.state, "draft", "nothing half-written")
        self.company.oms_plan_id = self.env.ref("letzshop_oms.plan_professional")
        foreign.action_post()
        self.assertEqual(foreign.state, "posted")


@tagged("post_install", "-at_install")
class TestPlanHistory(TransactionCase):
    """Months of order history: older orders are hidden from OMS users, not
    deleted; administrators see them all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.vendor = new_test_user(
            cls.env, login="oms_history_vendor", groups="letzshop_oms.group_oms_vendor"
        )
        cls.admin = new_test_user(
            cls.env,
            login="oms_history_admin",
            groups="base.group_system,letzshop_oms.group_oms_vendor",
        )
        customer = cls.env["res.partner"].create({"name": "History customer"})
        now = fields.Datetime.now()
        cls.recent, cls.old = cls.env["sale.order"].create(
            [
                {"partner_id": customer.id, "date_order": now},
                {
                    "partner_id": customer.id,
                    "date_order": now - relativedelta(months=8),
                },
            ]
        )
        cls.orders = cls.recent | cls.old

    def visible(self, user):
        return (
            self.env["sale.order"]
            .with_user(user)
            .search([("id", "in", self.orders.ids)])
        )

    def test_old_orders_hidden_not_deleted(self):
        self.assertEqual(self.visible(self.vendor), self.orders)
        self.company.oms_plan_id = essential(self.env)  # 6 months
        self.assertEqual(self.visible(self.vendor), self.recent)
        with self.assertRaises(AccessError):
            self.old.with_user(self.vendor).read(["name"])
        self.assertEqual(
            self.env["sale.order"]
            .with_user(self.vendor)
            .search_count([("id", "in", self.orders.ids)]),
            1,
        )
        # kept, and the administrator sees them all
        self.assertTrue(self.old.exists())
        self.assertEqual(self.visible(self.admin), self.orders)
        # the rule's cached domain holds no date: a longer history shows it
        # at once, without the rules cache being cleared
        self.company.oms_plan_id = self.env.ref("letzshop_oms.plan_professional")
        self.assertEqual(self.visible(self.vendor), self.orders)

    def test_window_moves_with_the_calendar(self):
        """The cutoff is computed at each query: months later, an order of today
        is hidden, although the user's rule domain is cached since."""
        self.company.oms_plan_id = essential(self.env)  # 6 months
        self.assertEqual(self.visible(self.vendor), self.recent)
        with freeze_time(fields.Date.today() + relativedelta(months=5)):
            self.assertEqual(self.visible(self.vendor), self.recent)
        with freeze_time(fields.Date.today() + relativedelta(months=7)):
            self.assertFalse(self.visible(self.vendor))
            self.assertEqual(self.visible(self.admin), self.orders)
