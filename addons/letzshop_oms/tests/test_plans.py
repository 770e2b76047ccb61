from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.letzshop_connector.tests.common import LetzshopCase
from odoo.addons.queue_job.tests.common import trap_jobs


@tagged("post_install", "-at_install")
class TestPlans(LetzshopCase):
    """A plan's limits: a warning at 80 %, then new records refused with a message
    naming the plan and the limit; imported orders are kept and held."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Plan customer"})

    def usage(self, key):
        return self.company._oms_usage()[key]

    def plan(self, **limits):
        """A plan whose limits are the current usage plus the given room."""
        vals = {"name": "Test Plan"}
        for limit_field, (usage_field, room) in limits.items():
            vals[limit_field] = self.usage(usage_field) + room
        plan = self.env["letzshop.oms.plan"].create(vals)
        self.company.oms_plan_id = plan
        return plan

    def manual_order(self):
        return self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [Command.create({"product_id": self.mug.id})],
            }
        )

    def test_seed_plans_are_data(self):
        essential = self.env.ref("letzshop_oms.plan_essential")
        professional = self.env.ref("letzshop_oms.plan_professional")
        business = self.env.ref("letzshop_oms.plan_business")
        self.assertEqual(
            (
                essential.max_orders_month,
                essential.max_products,
                essential.max_users,
                essential.history_months,
                essential.eu_vat_invoicing,
            ),
            (100, 200, 1, 6, False),
        )
        self.assertEqual(
            (professional.max_orders_month, professional.max_users), (500, 3)
        )
        self.assertTrue(professional.customer_export)
        self.assertFalse(professional.api_access)
        self.assertEqual((business.max_orders_month, business.max_users), (0, 10))
        self.assertTrue(business.api_access)

    def test_no_plan_no_limit(self):
        self.assertFalse(self.company.oms_plan_id)
        self.assertFalse(self.company.oms_plan_warning)
        self.manual_order()
        self.env["product.template"].create({"name": "Plan free product"})

    def test_orders_per_month_entered_by_hand(self):
        self.plan(max_orders_month=("oms_usage_orders_month", 1))
        self.manual_order()
        with self.assertRaisesRegex(
            UserError, r"the plan Test Plan allows \d+ orders per month"
        ):
            self.manual_order()

    def test_imported_orders_over_the_limit_are_kept_and_held(self):
        self.account.auto_decide = True
        self.set_stock(self.mug, 10)
        self.plan(max_orders_month=("oms_usage_orders_month", 1))
        # other orders of the company (a demo seller's) may wait for a decision
        Home = self.env["letzshop.oms.home"]
        to_decide_before = Home.get_home_data()["work"]["to_decide"]["count"]
        first = self.add_shipment([(self.mug, 1, 11.7)])
        second = self.add_shipment([(self.mug, 1, 11.7)])
        with trap_jobs() as trap:
            self.import_now()
            # only the order within the plan is decided
            trap.assert_jobs_count(1)
        kept, held = self.order_of(first), self.order_of(second)
        self.assertTrue(held, "the order beyond the plan is imported, not dropped")
        self.assertFalse(kept.oms_plan_held)
        self.assertTrue(held.oms_plan_held)
        self.assertTrue(held.letzshop_has_pending_units, "held, not declined")
        # the vendor sees it: on the home's orders to decide, with the reason
        # on the order
        work = Home.get_home_data()["work"]
        self.assertEqual(work["to_decide"]["count"], to_decide_before + 1)
        self.assertIn("the plan Test Plan allows", held.oms_plan_held_reason)
        self.assertFalse(kept.oms_plan_held_reason)
        with self.assertRaisesRegex(UserError, "are held: .*Test Plan allows"):
            held.action_letzshop_confirm_all()
        with self.assertRaisesRegex(UserError, "are held"):
            held.with_context(letzshop_decided=True).action_confirm()
        # an upgrade releases it
        self.company.oms_plan_id = self.env.ref("letzshop_oms.plan_business")
        with trap_jobs() as trap:
            held.action_letzshop_confirm_all()
            trap.assert_jobs_count(1)
        self.assertFalse(held.oms_plan_held)

    def test_products(self):
        self.plan(max_products=("oms_usage_products", 1))
        self.env["product.template"].create({"name": "Plan product 1"})
        with self.assertRaisesRegex(UserError, "Test Plan allows \\d+ products"):
            self.env["product.template"].create({"name": "Plan product 2"})

    def test_users(self):
        self.plan(max_users=("oms_usage_users", 1))
        new_test_user(self.env, login="oms_plan_user_1", groups="base.group_user")
        with self.assertRaisesRegex(UserError, "Test Plan allows \\d+ users"):
            new_test_user(self.env, login="oms_plan_user_2", groups="base.group_user")
        # portal users are not counted
        new_test_user(self.env, login="oms_plan_portal", groups="base.group_portal")

    def test_letzshop_accounts_warn_at_80_percent_then_refuse(self):
        used = self.usage("oms_usage_letzshop_accounts")
        plan = self.env["letzshop.oms.plan"].create(
            {"name": "Test Plan", "max_letzshop_accounts": (used + 1) * 5}
        )
        self.company.oms_plan_id = plan
        Account = self.env["letzshop.account"]
        names = iter(range(1000))

        def add(count):
            for _i in range(count):
                Account.create(
                    {
                        "name": f"Plan shop {next(names)}",
                        "team_id": self.team.id,
                        "endpoint": self.server.url,
                        "api_key": "k",
                        "warehouse_id": self.warehouse.id,
                    }
                )

        # no plan: no banner on the home (False, not an empty plan record)
        plan_id = self.company.oms_plan_id
        self.company.oms_plan_id = False
        self.assertIs(
            self.env["letzshop.oms.home"].get_home_data()["plan_warning"], False
        )
        self.company.oms_plan_id = plan_id
        limit = plan.max_letzshop_accounts
        # just below 80 %: no warning
        add(int(0.8 * limit) - 1 - used)
        self.company.invalidate_recordset(["oms_plan_warning"])
        self.assertFalse(self.company.oms_plan_warning)
        add(1)  # 80 %
        self.company.invalidate_recordset(["oms_plan_warning"])
        self.assertEqual(
            self.company.oms_plan_warning,
            f"Plan Test Plan nearly used up: Letzshop Accounts: "
            f"{int(0.8 * limit)} of {limit}.",
        )
        self.assertEqual(
            self.env["letzshop.oms.home"].get_home_data()["plan_warning"],
            self.company.oms_plan_warning,
        )
        add(limit - int(0.8 * limit))  # 100 %: still allowed
        with self.assertRaisesRegex(
            UserError, f"Test Plan allows {limit} letzshop accounts"
        ):
            add(1)

    def test_warning_at_80_percent_names_each_limit(self):
        """Orders, products and users warn at 80 % of their limit, each named."""
        usage = self.company._oms_usage()
        plan = self.env["letzshop.oms.plan"].create(
            {
                "name": "Test Plan",
                # 1 left of 5 (80 %): warned
                "max_orders_month": max(usage["oms_usage_orders_month"], 4) + 1,
                # far below 80 %: not named
                "max_products": usage["oms_usage_products"] * 2 + 10,
                "max_users": usage["oms_usage_users"],
            }
        )
        missing = 4 - usage["oms_usage_orders_month"]
        for _i in range(max(missing, 0)):
            self.manual_order()
        self.company.oms_plan_id = plan
        warning = self.company.oms_plan_warning
        self.assertIn("Plan Test Plan nearly used up", warning)
        used = plan.max_orders_month - 1
        self.assertIn(f"Orders per Month: {used} of {used + 1}", warning)
        self.assertIn(f"Users: {plan.max_users} of {plan.max_users}", warning)
        self.assertNotIn("Products", warning)
        # at the limit of users: a new one is refused, naming plan and limit
        with self.assertRaisesRegex(
            UserError, f"the plan Test Plan allows {plan.max_users} users"
        ):
            new_test_user(self.env, login="oms_plan_user_x", groups="base.group_user")
