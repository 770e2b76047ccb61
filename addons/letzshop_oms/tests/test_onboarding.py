from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from odoo.addons.letzshop_connector.tests.fake_letzshop import FakeLetzshopServer
from odoo.addons.oss_vat_invoice.tests.fake_vies import FakeVies

API_KEY = "onboarding-key-0123456789"
CODES = [
    "vat",
    "oss",
    "letzshop_connect",
    "letzshop_import",
    "catalogue",
    "bins",
    "stock",
    "team",
]


def hide_other_catalogues(env):
    """The database may hold another seller's shared products (the demo's, when
    every addon is installed): they are archived, so that the new company starts
    with an empty catalogue as on a fresh database."""
    env["product.template"].search(
        [("company_id", "=", False), ("sale_ok", "=", True), ("type", "=", "consu")]
    ).action_archive()


class OnboardingCase(TransactionCase):
    """A new company (Luxembourg, nothing set up) with its vendor, warehouse
    worker and accountant; a fake VIES and a fake Letzshop on 127.0.0.1."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vies = FakeVies().start()
        cls.addClassCleanup(cls.vies.stop)
        params = cls.env["ir.config_parameter"]
        params.set_param("oss_vat_invoice.vies_url", cls.vies.url)
        params.set_param("oss_vat_invoice.vies_soap_url", "disabled")
        params.set_param("oss_vat_invoice.vies_timeout", "2")
        cls.letzshop = FakeLetzshopServer(api_key=API_KEY).start()
        cls.addClassCleanup(cls.letzshop.stop)
        hide_other_catalogues(cls.env)
        cls.company = cls.env["res.company"].create(
            {"name": "Onboarding Shop", "country_id": cls.env.ref("base.lu").id}
        )
        cls.users = {}
        for role in ("vendor", "warehouse", "accountant"):
            cls.users[role] = new_test_user(
                cls.env,
                login=f"onboarding_{role}",
                groups=f"base.group_user,letzshop_oms.group_oms_{role}",
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )
        cls.vendor = cls.users["vendor"]

    def _onboarding(self, user=None):
        Onboarding = self.env["letzshop.oms.onboarding"].with_user(user or self.vendor)
        action = Onboarding.action_oms_onboarding()
        return Onboarding.browse(action["res_id"])

    def _states(self, onboarding):
        onboarding.invalidate_recordset()
        onboarding.step_ids.invalidate_recordset()
        return dict(
            zip(
                onboarding.step_ids.mapped("code"),
                onboarding.step_ids.mapped("state"),
                strict=True,
            )
        )


@tagged("post_install", "-at_install")
class TestOnboarding(OnboardingCase):
    def test_a_new_company_sees_eight_steps_to_do(self):
        action = (
            self.env["letzshop.oms.onboarding"]
            .with_user(self.vendor)
            .action_oms_onboarding()
        )
        self.assertEqual(action["res_model"], "letzshop.oms.onboarding")
        onboarding = self._onboarding()
        self.assertEqual(onboarding.id, action["res_id"], "opened twice, one checklist")
        self.assertEqual(onboarding.company_id, self.company)
        self.assertEqual(onboarding.step_ids.mapped("code"), CODES)
        states = self._states(onboarding)
        self.assertEqual(states.pop("team"), "done", "the setup has three roles")
        self.assertEqual(set(states.values()), {"todo"})
        self.assertEqual(onboarding.progress, "1 of 8 done")
        labels = onboarding.step_ids.mapped(
            lambda s: dict(s._fields["code"].selection)[s.code]
        )
        self.assertEqual(labels[0], "Company and VAT number")
        self.assertTrue(all(onboarding.step_ids.mapped("hint")))

    def test_each_step_opens_its_tool(self):
        steps = {s.code: s for s in self._onboarding().step_ids}
        vat = steps["vat"].action_open()
        self.assertEqual(vat["res_model"], "letzshop.oms.onboarding")
        self.assertEqual(vat["target"], "new")
        self.assertEqual(
            vat["views"][0][0],
            self.env.ref("letzshop_oms.letzshop_oms_onboarding_view_form_vat").id,
        )
        oss = steps["oss"].action_open()
        self.assertEqual(
            oss["views"][0][0],
            self.env.ref("letzshop_oms.letzshop_oms_onboarding_view_form_oss").id,
        )
        connect = steps["letzshop_connect"].action_open()
        self.assertEqual(connect["res_model"], "letzshop.account")
        self.assertFalse(connect["res_id"], "no account yet: a new one")
        catalogue = steps["catalogue"].action_open()
        self.assertEqual(catalogue["tag"], "import")
        self.assertEqual(catalogue["params"], {"model": "product.template"})
        self.assertEqual(
            steps["bins"].action_open()["res_model"], "bin.generate.wizard"
        )
        stock = steps["stock"].action_open()
        self.assertEqual(stock["res_model"], "stock.quant")
        self.assertEqual(stock["name"], "Physical Inventory")
        team = steps["team"].action_open()
        self.assertEqual(team["res_model"], "letzshop.oms.onboarding.invite")

    def test_vat_number_checked_with_vies(self):
        onboarding = self._onboarding()
        with self.assertRaisesRegex(UserError, "VAT number"):
            onboarding.action_oms_vies_check()
        onboarding.vat = "LU26375245"
        self.assertEqual(self.company.vat, "LU26375245")
        self.assertEqual(self._states(onboarding)["vat"], "todo", "not checked yet")
        self.vies.behaviour["LU26375245"] = "invalid"
        onboarding.action_oms_vies_check()
        self.assertEqual(onboarding.vies_status, "invalid")
        self.assertEqual(self._states(onboarding)["vat"], "todo")
        self.vies.behaviour.clear()
        action = onboarding.action_oms_vies_check()
        self.assertEqual(action["target"], "new", "the dialog stays open")
        self.assertEqual(onboarding.vies_status, "valid")
        self.assertEqual(self._states(onboarding)["vat"], "done")
        self.assertEqual(onboarding.progress, "2 of 8 done")
        # a new number must be checked again
        onboarding.vat = "LU15027442"
        self.assertEqual(self._states(onboarding)["vat"], "todo")

    def test_oss_status_and_expected_volume(self):
        onboarding = self._onboarding()
        with Form(
            onboarding, view="letzshop_oms.letzshop_oms_onboarding_view_form_oss"
        ) as form:
            form.expected_cross_border_volume = "above"
            self.assertIn("register for the OSS", form.oss_advice)
            form.oss_opt_in = True
            self.assertFalse(form.oss_advice)
        self.assertTrue(self.company.oss_opt_in, "the company's own OSS setting")
        self.assertEqual(self._states(onboarding)["oss"], "done")

    def test_letzshop_connected_then_imported(self):
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company.id)], limit=1
        )
        onboarding = self._onboarding()
        account = (
            self.env["letzshop.account"]
            .with_user(self.vendor)
            .create(
                {
                    "name": "Onboarding shop",
                    "endpoint": self.letzshop.url,
                    "api_key_input": "wrong-key",
                    "warehouse_id": warehouse.id,
                    "timeout": 5,
                }
            )
        )
        step = onboarding.step_ids.filtered(lambda s: s.code == "letzshop_connect")
        self.assertEqual(step.action_open()["res_id"], account.id)
        account.action_test_connection()
        self.assertEqual(self._states(onboarding)["letzshop_connect"], "todo")
        account.api_key_input = API_KEY
        account.action_test_connection()
        states = self._states(onboarding)
        self.assertEqual(states["letzshop_connect"], "done")
        self.assertEqual(states["letzshop_import"], "todo")
        # the job runs as the queue runs it, as superuser
        self.env["letzshop.account"].browse(account.id)._letzshop_job_import()
        self.assertEqual(self._states(onboarding)["letzshop_import"], "done")

    def test_catalogue_bins_stock(self):
        onboarding = self._onboarding()
        product = (
            self.env["product.product"]
            .with_user(self.vendor)
            .create(
                {
                    "name": "Onboarding mug",
                    "is_storable": True,
                    "company_id": self.company.id,
                }
            )
        )
        self.assertEqual(self._states(onboarding)["catalogue"], "done")
        self.assertEqual(self._states(onboarding)["bins"], "todo")
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company.id)], limit=1
        )
        wizard_env = self.env["bin.generate.wizard"].with_user(self.vendor)
        with Form(wizard_env) as form:
            form.parent_location_id = warehouse.lot_stock_id
            form.aisles = "A"
            form.shelves = "1-2"
            form.levels = "1"
        form.record.action_generate()
        self.assertEqual(self._states(onboarding)["bins"], "done")
        self.assertEqual(self._states(onboarding)["stock"], "todo")
        self.env["stock.quant"].with_user(self.vendor).with_context(
            inventory_mode=True
        ).create(
            {
                "product_id": product.id,
                "location_id": warehouse.lot_stock_id.id,
                "inventory_quantity": 4,
            }
        ).action_apply_inventory()
        self.assertEqual(self._states(onboarding)["stock"], "done")
        self.assertEqual(onboarding.progress, "4 of 8 done")

    def test_skip_and_resume(self):
        onboarding = self._onboarding()
        bins = onboarding.step_ids.filtered(lambda s: s.code == "bins")
        bins.action_skip()
        self.assertEqual(self._states(onboarding)["bins"], "skipped")
        self.assertEqual(onboarding.progress, "1 of 8 done", "skipped is not done")
        bins.action_resume()
        self.assertEqual(self._states(onboarding)["bins"], "todo")
        # a skipped step that gets done anyway shows done
        bins.action_skip()
        self.env["stock.location"].create(
            {
                "name": "Z-01",
                "company_id": self.company.id,
                "location_id": self.env["stock.warehouse"]
                .search([("company_id", "=", self.company.id)], limit=1)
                .lot_stock_id.id,
            }
        )
        self.assertEqual(self._states(onboarding)["bins"], "done")

    def test_invite_the_team(self):
        onboarding = self._onboarding()
        # the three users of the setup already make a team: start alone
        (self.users["warehouse"] | self.users["accountant"]).active = False
        self.assertEqual(self._states(onboarding)["team"], "todo")
        Invite = self.env["letzshop.oms.onboarding.invite"].with_user(self.vendor)
        with Form(Invite) as form:
            form.name = "Anna Muller"
            form.email = " Anna@Example.com "
            form.role = "warehouse"
        action = form.record.action_invite()
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn(
            "Anna Muller is invited as Warehouse", action["params"]["message"]
        )
        anna = self.env["res.users"].search([("login", "=", "anna@example.com")])
        self.assertTrue(anna)
        self.assertEqual(anna.company_id, self.company)
        self.assertTrue(anna.has_group("letzshop_oms.group_oms_warehouse"))
        self.assertFalse(anna.has_group("letzshop_oms.group_oms_vendor"))
        self.assertFalse(anna.has_group("base.group_erp_manager"))
        self.assertEqual(anna.state, "new", "invited, no password chosen yet")
        self.assertTrue(anna.partner_id.signup_type, "the invitation was prepared")
        self.assertEqual(self._states(onboarding)["team"], "done")
        again = Invite.create(
            {"name": "Anna", "email": "anna@example.com", "role": "accountant"}
        )
        with self.assertRaisesRegex(UserError, "already exists"):
            again.action_invite()
        bad = Invite.create({"name": "Bob", "email": "bob", "role": "accountant"})
        with self.assertRaisesRegex(UserError, "not an e-mail address"):
            bad.action_invite()


@tagged("post_install", "-at_install")
class TestOnboardingAccess(OnboardingCase):
    def test_warehouse_may_not_invite(self):
        Invite = self.env["letzshop.oms.onboarding.invite"].with_user(
            self.users["warehouse"]
        )
        wizard = Invite.create(
            {"name": "Eve", "email": "eve@example.com", "role": "vendor"}
        )
        with self.assertRaisesRegex(AccessError, "Only the vendor or an administrator"):
            wizard.action_invite()
        self.assertFalse(
            self.env["res.users"].search_count([("login", "=", "eve@example.com")])
        )

    def test_warehouse_and_accountant_may_not_change_the_checklist(self):
        onboarding = self._onboarding()
        for role in ("warehouse", "accountant"):
            user = self.users[role]
            mine = onboarding.with_user(user)
            self.assertEqual(mine.progress, "1 of 8 done", "they may look")
            with self.assertRaises(AccessError):
                mine.step_ids[0].action_skip()
            with self.assertRaises(AccessError):
                mine.expected_cross_border_volume = "below"
            with self.assertRaises(AccessError):
                mine.oss_opt_in = True
            invite = self.env["letzshop.oms.onboarding.invite"].with_user(user)
            with self.assertRaises(AccessError):
                invite.create(
                    {"name": "X", "email": "x@example.com", "role": "vendor"}
                ).action_invite()
        self.assertFalse(self.company.oss_opt_in)

    def test_another_company_does_not_see_the_checklist(self):
        onboarding = self._onboarding()
        other = new_test_user(
            self.env,
            login="onboarding_other_vendor",
            groups="base.group_user,letzshop_oms.group_oms_vendor",
        )
        self.assertNotEqual(other.company_id, self.company)
        with self.assertRaises(AccessError):
            onboarding.with_user(other).read(["progress"])
        theirs = self._onboarding(other)
        self.assertNotEqual(theirs, onboarding)
        self.assertEqual(theirs.company_id, other.company_id)

    def test_a_warehouse_worker_cannot_start_the_checklist(self):
        with self.assertRaisesRegex(AccessError, "Only the vendor or an administrator"):
            self._onboarding(self.users["warehouse"])
