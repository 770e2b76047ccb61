# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import CustomerSegmentsCase


@tagged("post_install", "-at_install")
class TestCustomerStats(CustomerSegmentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marie = cls._customer("Marie Dupont")
        cls.jean = cls._customer("Jean Martin", country=cls.fr)
        cls.acme = cls._customer("Acme SARL", is_company=True)
        cls.acme_buyer = cls._customer("Paul Acme", parent_id=cls.acme.id)
        cls.de_address = cls._customer(
            "Marie Dupont (Berlin)",
            parent_id=cls.marie.id,
            type="delivery",
            country=cls.de,
        )

    def test_figures_from_confirmed_orders(self):
        self._order(self.marie, 100.0, date(2026, 1, 10), self.team_web)
        self._order(self.marie, 50.0, date(2026, 3, 5), self.team_letzshop)
        self._order(
            self.marie,
            30.0,
            date(2026, 6, 1),
            self.team_letzshop,
            shipping=self.de_address,
        )
        self._order(self.marie, 999.0, confirm=False)  # a quotation does not count
        self._recompute()
        self.assertEqual(self.marie.customer_order_count, 3)
        self.assertEqual(self.marie.customer_total_spent, 180.0)
        self.assertEqual(self.marie.customer_average_order, 60.0)
        self.assertEqual(self.marie.customer_first_order_date, date(2026, 1, 10))
        self.assertEqual(self.marie.customer_last_order_date, date(2026, 6, 1))
        self.assertEqual(self.marie.customer_main_team_id, self.team_letzshop)
        # the last order went to Germany
        self.assertEqual(self.marie.customer_country_id, self.de)
        self.assertEqual(self.jean.customer_order_count, 0)
        self.assertFalse(self.jean.customer_country_id)

    def test_deleting_the_main_channel_clears_it(self):
        # Odoo nulls company-dependent many2one values when their target is
        # deleted: the figure must live on res.partner's own table for that.
        team = self.env["crm.team"].create({"name": "Market stall"})
        buyer = self._customer("Stall Buyer")
        self._order(buyer, 30.0, team=team)
        self._recompute()
        self.assertEqual(buyer.customer_main_team_id, team)
        team.unlink()
        buyer.invalidate_recordset()
        self.assertFalse(buyer.customer_main_team_id)

    def test_contact_orders_count_on_company(self):
        self._order(self.acme_buyer, 200.0, date(2026, 2, 1))
        self._order(self.acme, 100.0, date(2026, 2, 2))
        self._recompute()
        self.assertEqual(self.acme.customer_order_count, 2)
        self.assertEqual(self.acme.customer_total_spent, 300.0)
        self.assertEqual(self.acme_buyer.customer_order_count, 0)
        self.assertEqual(self.acme.customer_country_id, self.lu)

    def test_confirm_queues_one_debounced_job(self):
        with trap_jobs() as trap:
            self._order(self.jean, 40.0)
            self._order(self.jean, 60.0)
            self.env.cr.flush()  # runs the pre-commit hook that queues the job
            trap.assert_jobs_count(1, only=self.Partner._customer_stats_recompute_dirty)
            self.assertTrue(self.jean.customer_stats_dirty)
            trap.perform_enqueued_jobs()
        self.assertFalse(self.jean.customer_stats_dirty)
        self.assertEqual(self.jean.customer_order_count, 2)
        self.assertEqual(self.jean.customer_total_spent, 100.0)

    def test_cancel_and_amount_change_update_figures(self):
        order_a = self._order(self.jean, 40.0)
        order_b = self._order(self.jean, 60.0)
        self._recompute()
        self.assertEqual(self.jean.customer_total_spent, 100.0)
        with trap_jobs() as trap:
            order_b.order_line.price_unit = 90.0
            self.env.cr.flush()
            trap.assert_jobs_count(1, only=self.Partner._customer_stats_recompute_dirty)
            trap.perform_enqueued_jobs()
        self.assertEqual(self.jean.customer_total_spent, 130.0)
        with trap_jobs() as trap:
            order_a._action_cancel()
            self.env.cr.flush()
            trap.perform_enqueued_jobs()
        self.assertEqual(self.jean.customer_order_count, 1)
        self.assertEqual(self.jean.customer_total_spent, 90.0)
        with trap_jobs() as trap:
            order_b._action_cancel()
            self.env.cr.flush()
            trap.perform_enqueued_jobs()
        self.assertEqual(self.jean.customer_order_count, 0)
        self.assertEqual(self.jean.customer_total_spent, 0.0)
        self.assertFalse(self.jean.customer_last_order_date)
        self.assertFalse(self.jean.rfm_score)

    def test_draft_change_queues_nothing(self):
        order = self._order(self.jean, 40.0, confirm=False)
        self.env.cr.flush()
        with trap_jobs() as trap:
            order.order_line.price_unit = 45.0
            self.env.cr.flush()
            trap.assert_jobs_count(0)

    def test_reassigning_order_moves_figures(self):
        order = self._order(self.jean, 40.0)
        self._recompute()
        self.assertEqual(self.jean.customer_order_count, 1)
        with trap_jobs() as trap:
            order.partner_id = self.marie
            self.env.cr.flush()
            trap.perform_enqueued_jobs()
        self.assertEqual(self.jean.customer_order_count, 0)
        self.assertEqual(self.marie.customer_order_count, 1)

    def test_rfm_scores(self):
        customers = self.Partner
        # five customers: the n-th has n orders of n*10, last order n months into 2026
        for n in range(1, 6):
            customer = self._customer(f"Rfm Customer {n}")
            customers |= customer
            for _i in range(n):
                self._order(customer, n * 10.0, date(2026, n, 1))
        self._recompute()
        # scores are ranks among all customers (demo ones included): compare ours
        scores = customers.mapped("rfm_score")
        self.assertTrue(all(s and len(s) == 3 for s in scores))
        for field in ("rfm_recency", "rfm_frequency", "rfm_monetary"):
            values = customers.mapped(field)
            self.assertEqual(values, sorted(values), field)
            self.assertTrue(all(1 <= v <= 5 for v in values), field)
        self.assertLess(customers[0].rfm_frequency, customers[-1].rfm_frequency)
        self.assertEqual(self.jean.rfm_recency, 0)

    def test_full_recompute_repairs_drift(self):
        self._order(self.jean, 40.0)
        self._recompute()
        company = str(self.env.company.id)
        self.env.cr.execute(
            "UPDATE res_partner SET customer_order_count = jsonb_build_object(%s, 7),"
            " customer_total_spent = jsonb_build_object(%s, 1) WHERE id = %s",
            [company, company, self.jean.id],
        )
        self.jean.invalidate_recordset()
        self._recompute()
        self.assertEqual(self.jean.customer_order_count, 1)
        self.assertEqual(self.jean.customer_total_spent, 40.0)

    def test_recompute_query_count_is_constant(self):
        for n in range(3):
            self._order(self._customer(f"Bulk {n}"), 10.0)
        self.env.flush_all()
        # dirty reset, save + set planner settings, the UPDATE, restore settings:
        # the same 5 queries for 3 customers or 100,000
        with self.assertQueryCount(5):
            self.Partner._customer_stats_recompute_all()

    def test_recompute_action_for_vendor_only(self):
        with trap_jobs() as trap:
            self.Partner.with_user(self.vendor).action_customer_stats_recompute()
            trap.assert_jobs_count(1, only=self.Partner._customer_stats_recompute_all)
        with self.assertRaises(AccessError):
            self.Partner.with_user(self.salesman).action_customer_stats_recompute()

    def test_employee_without_sales_rights_never_reads_figures(self):
        self._order(self.jean, 40.0)
        self._recompute()
        partner = self.jean.with_user(self.employee)
        self.assertEqual(partner.name, "Jean Martin")  # the label data stays readable
        for field in (
            "customer_total_spent",
            "customer_order_count",
            "rfm_score",
            "marketing_consent",
        ):
            with self.assertRaises(AccessError, msg=field):
                partner.read([field])
        with self.assertRaises(AccessError):
            self.Partner.with_user(self.employee).search(
                [("customer_total_spent", ">", 0)]
            )
        # the salesman does read them
        self.assertEqual(self.jean.with_user(self.salesman).customer_total_spent, 40.0)

    def test_figures_per_company_in_its_currency(self):
        """A customer shared by two companies: each sees its own orders, in its
        own currency, and its own RFM ranking."""
        usd = self.env.ref("base.USD")
        usd.active = True
        other = self.env["res.company"].create(
            {"name": "US branch (test)", "currency_id": usd.id}
        )
        self.env.user.company_ids |= other
        shared = self._customer("Shared Buyer")
        self.assertFalse(shared.company_id)
        self._order(shared, 100.0, date(2026, 3, 1))
        self._order(shared, 40.0, date(2026, 4, 1))
        us_team = self.env["crm.team"].create(
            {"name": "US shop (test)", "company_id": other.id}
        )
        us_order = (
            self.env["sale.order"]
            .with_company(other)
            .create(
                {
                    "partner_id": shared.id,
                    "company_id": other.id,
                    "team_id": us_team.id,
                    "order_line": [
                        (
                            0,
                            0,
                            {
                                "product_id": self.product.id,
                                "price_unit": 70.0,
                                "tax_ids": [(5,)],
                            },
                        )
                    ],
                }
            )
        )
        us_order.action_confirm()
        us_order.date_order = datetime(2026, 9, 1, 12)
        self.assertEqual(us_order.currency_id, usd)
        self._recompute()

        here = shared.with_company(self.company)
        self.assertEqual(here.customer_order_count, 2)
        self.assertEqual(here.customer_total_spent, 140.0)
        self.assertEqual(here.customer_average_order, 70.0)
        self.assertEqual(here.customer_last_order_date, date(2026, 4, 1))
        self.assertEqual(here.customer_main_team_id, self.team_letzshop)
        self.assertEqual(here.customer_currency_id, self.company.currency_id)
        there = shared.with_company(other)
        self.assertEqual(there.customer_order_count, 1)
        self.assertEqual(there.customer_total_spent, 70.0)
        self.assertEqual(there.customer_first_order_date, date(2026, 9, 1))
        self.assertEqual(there.customer_main_team_id, us_team)
        self.assertEqual(there.customer_currency_id, usd)
        # the only customer of the US branch ranks alone there
        self.assertEqual(there.rfm_score, "111")
        self.assertTrue(here.rfm_score)
        # searches and segments use the current company's figures
        Partner = self.Partner.with_company(other)
        self.assertIn(shared, Partner.search([("customer_total_spent", "=", 70.0)]))
        self.assertNotIn(shared, Partner.search([("customer_order_count", ">=", 2)]))
        # the incremental job recomputes both companies and rescores
        with trap_jobs() as trap:
            us_order._action_cancel()
            self.env.cr.flush()
            trap.perform_enqueued_jobs()
        self.assertEqual(there.customer_order_count, 0)
        self.assertFalse(there.rfm_score)
        self.assertEqual(here.customer_order_count, 2)
