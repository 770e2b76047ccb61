from odoo.tests import Form, new_test_user, tagged

from .common import LetzshopCase


@tagged("post_install", "-at_install")
class TestRoles(LetzshopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = new_test_user(
            cls.env, "lz_role_own", groups="sales_team.group_sale_salesman"
        )
        cls.other = new_test_user(
            cls.env, "lz_role_other", groups="sales_team.group_sale_salesman"
        )
        cls.all_docs = new_test_user(
            cls.env, "lz_role_all", groups="sales_team.group_sale_salesman_all_leads"
        )
        cls.billing = new_test_user(
            cls.env, "lz_role_billing", groups="account.group_account_invoice"
        )
        cls.accountant = new_test_user(
            cls.env, "lz_role_accountant", groups="account.group_account_manager"
        )

    def test_shipments_follow_the_sale_order_own_documents_rule(self):
        mine = self.add_shipment([(self.mug, 1, 11.7)], email="mine@example.com")
        theirs = self.add_shipment([(self.tee, 1, 23.4)], email="theirs@example.com")
        self.import_now()
        self.order_of(mine).user_id = self.own
        self.order_of(theirs).user_id = self.other
        Shipment = self.env["letzshop.shipment"]
        seen = Shipment.with_user(self.own).search(
            [("account_id", "=", self.account.id)]
        )
        self.assertEqual(seen, self.order_of(mine).letzshop_shipment_id)
        everything = Shipment.with_user(self.all_docs).search(
            [("account_id", "=", self.account.id)]
        )
        self.assertEqual(len(everything), 2)

    def test_accountant_opens_the_account_form(self):
        self.import_now()  # a sync log line, read by the form's status fields
        for user in (self.billing, self.accountant):
            with self.subTest(user=user.login):
                account = self.account.with_user(user)
                views = account.get_views([(False, "form")])
                fields = views["models"]["letzshop.account"]["fields"]
                values = account.read(list(fields))[0]
                self.assertEqual(values["name"], "LZ test shop")
                self.assertTrue(values["last_run_result"])
                self.assertNotIn("api_key_input", fields)
                self.assertNotIn("feed_url_en", fields)

    def test_existing_letzshop_channel_is_reused(self):
        Team = self.env["crm.team"]
        team = Team.search(
            [("name", "=", "Letzshop")], order="company_id, id", limit=1
        ) or Team.create({"name": "Letzshop"})
        letzshop_teams = Team.search_count([("name", "=", "Letzshop")])
        vendor = new_test_user(
            self.env, "lz_role_vendor", groups="sales_team.group_sale_manager"
        )
        with Form(self.env["letzshop.account"].with_user(vendor)) as form:
            self.assertEqual(form.team_id, team, "the vendor sees it before saving")
            form.name = "LZ second shop"
            form.warehouse_id = self.warehouse
        self.assertEqual(form.record.team_id, team)
        second = self.env["letzshop.account"].create(
            {"name": "LZ third shop", "team_id": False, "endpoint": self.server.url}
        )
        self.assertEqual(second.team_id, team)
        self.assertEqual(
            Team.search_count([("name", "=", "Letzshop")]),
            letzshop_teams,
            "no second Letzshop channel",
        )
