import xmlrpc.client

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

REFUSAL = "the plan Essential does not include API Access"


@tagged("post_install", "-at_install")
class TestPlanApiAccess(HttpCase):
    """Without the plan's API access, RPC is refused to non-administrators with
    the plan's message; their web session still works."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.vendor = new_test_user(
            cls.env, login="oms_api_vendor", groups="letzshop_oms.group_oms_vendor"
        )
        cls.admin = new_test_user(
            cls.env, login="oms_api_admin", groups="base.group_system"
        )

    def rpc_login(self, login):
        return self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login, {})

    def json2(self, key):
        return self.url_open(
            "/json/2/res.partner/search_count",
            json={"domain": []},
            headers={"Authorization": f"Bearer {key}"},
        )

    def count_partners(self, key):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, self.vendor.id, key, "res.partner", "search_count", [[]]
        )

    def vendor_key(self):
        # sudo: an administrator may give a key without expiry date
        return (
            self.env["res.users.apikeys"]
            .with_user(self.vendor)
            .sudo()
            ._generate(None, "Plan test", None)
        )

    # XML-RPC's deprecation notice, and the refusals logged by odoo.http
    @mute_logger("odoo.addons.rpc.controllers.xmlrpc", "odoo.http")
    def test_rpc_refused_web_session_works(self):
        key = self.vendor_key()
        self.assertEqual(self.rpc_login(self.vendor.login), self.vendor.id)
        self.assertEqual(self.json2(key).status_code, 200)
        self.assertTrue(self.count_partners(key))
        self.company.oms_plan_id = self.env.ref("letzshop_oms.plan_essential")
        with self.assertRaisesRegex(xmlrpc.client.Fault, REFUSAL):
            self.rpc_login(self.vendor.login)
        # a key made (and used) before the plan changed is refused too
        with self.assertRaisesRegex(xmlrpc.client.Fault, REFUSAL):
            self.count_partners(key)
        # JSON-2 answers the refusal of its bearer key as Odoo does any other
        # (403, 'Access Denied'): no message from the authentication step
        self.assertEqual(self.json2(key).status_code, 403)
        with self.assertRaisesRegex(UserError, REFUSAL):
            self.vendor_key()
        # the administrator keeps the API
        self.assertEqual(self.rpc_login(self.admin.login), self.admin.id)
        # the vendor's web session (interactive login) still works
        session = self.make_jsonrpc_request(
            "/web/session/authenticate",
            {
                "db": self.env.cr.dbname,
                "login": self.vendor.login,
                "password": self.vendor.login,
            },
        )
        self.assertEqual(session["uid"], self.vendor.id)
        # a plan with API access opens it again
        self.company.oms_plan_id = self.env.ref("letzshop_oms.plan_business")
        self.assertEqual(self.rpc_login(self.vendor.login), self.vendor.id)
