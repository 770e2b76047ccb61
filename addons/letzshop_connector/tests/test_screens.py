from lxml import etree

from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import LetzshopCase


@tagged("post_install", "-at_install")
class TestScreens(LetzshopCase):
    def _arch(self, model, view_type):
        views = self.env[model].get_views([(False, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def test_sync_now_on_several_accounts_queues_each(self):
        other = self.env["letzshop.account"].create(
            {
                "name": "Second shop",
                "team_id": self.team.id,
                "endpoint": self.server.url,
                "warehouse_id": self.warehouse.id,
            }
        )
        accounts = self.account | other
        with trap_jobs() as trap:
            action = accounts.action_sync_now()
            trap.assert_jobs_count(1, only=self.account._letzshop_job_import)
            trap.assert_jobs_count(1, only=other._letzshop_job_import)
        self.assertIn(self.account.name, action["params"]["title"])
        self.assertIn("Second shop", action["params"]["title"])

    def test_shipment_opens_its_sale_order(self):
        shipment = self.add_shipment([(self.mug, 1, 11.7)])
        self.import_now()
        binding = self.order_of(shipment).letzshop_shipment_id
        action = binding.action_open_order()
        self.assertEqual(
            (action["res_model"], action["res_id"]),
            ("sale.order", binding.sale_order_id.id),
        )

    def test_shipment_form_shows_the_decision_first(self):
        shipment = self.add_shipment(
            [(self.mug, 2, 11.7), (("NOPE-7", None, "Mystery"), 1, 5.0)],
            first_name="Lea",
        )
        self.import_now()
        binding = self.order_of(shipment).letzshop_shipment_id
        arch = self._arch("letzshop.shipment", "form")
        buttons = arch.xpath("//header/button/@name")
        self.assertIn("action_confirm_all", buttons)
        self.assertIn("action_decline_all", buttons)
        pages = arch.xpath("//notebook/page/@name")
        self.assertEqual(pages[0], "items")
        self.assertEqual(pages[-1], "technical")
        self.assertTrue(
            arch.xpath("//page[@name='technical']//field[@name='raw_payload_text']")
        )
        self.assertEqual(binding.partner_id.email, shipment["order"]["email"])
        self.assertEqual(
            binding.order_line_ids.mapped("letzshop_unmapped"), [False, True]
        )
        self.assertEqual(binding.attention_reason, "Unknown product")
        self.assertEqual(binding.currency_id, self.company.currency_id)
        self.assertFalse(binding.total_differs)
        # The vendor declines from the Letzshop order itself.
        with trap_jobs() as trap:
            binding.action_decline_all()
            trap.assert_jobs_count(1)
            trap.perform_enqueued_jobs()
        self.assertEqual(binding.decision_state, "done")
        self.assertEqual(binding.sale_order_id.state, "cancel")

    def test_total_differs_when_the_order_changed(self):
        shipment = self.add_shipment([(self.mug, 2, 11.7)])
        self.import_now()
        binding = self.order_of(shipment).letzshop_shipment_id
        self.assertEqual(binding.order_total, binding.letzshop_total)
        binding.sale_order_id.order_line.product_uom_qty = 1
        self.assertTrue(binding.total_differs)

    def test_list_shows_customer_currency_and_why_red(self):
        arch = self._arch("letzshop.shipment", "list")
        names = arch.xpath("//field/@name")
        for name in ("partner_id", "currency_id", "letzshop_total", "attention_reason"):
            self.assertIn(name, names)
        self.assertEqual(arch.get("decoration-danger"), "attention_reason")
        self.assertEqual(
            self.env["letzshop.shipment"]._fields["letzshop_total"].type, "monetary"
        )

    def test_last_sync_and_last_sync_with_changes(self):
        shipment = self.add_shipment([(self.mug, 1, 11.7)])
        self.import_now()
        first = self.logs()[0]
        self.import_now()  # nothing new: 0 imported, 1 skipped
        quiet = self.logs()[0]
        self.assertNotEqual(first, quiet)
        self.assertEqual((quiet.imported, quiet.skipped), (0, 1))
        self.account.invalidate_recordset()
        self.assertEqual(self.account.last_run_result, quiet.display_name)
        self.assertEqual(self.account.last_change_result, first.display_name)
        self.assertIn("1 imported", self.account.last_change_result)
        self.assertTrue(self.order_of(shipment))
