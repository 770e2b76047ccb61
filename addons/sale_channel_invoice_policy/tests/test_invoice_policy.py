# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ast import literal_eval
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.oss_vat_invoice.tests.common import VAT_DE, OssVatCase
from odoo.addons.queue_job.tests.common import trap_jobs

# errors raised by the patched sending, as Odoo's own would be
PDF_ERROR = "PDF rendering failed"
TEMPLATE_ERROR = "The mail template cannot be rendered"


@tagged("post_install", "-at_install")
class TestInvoicePolicy(OssVatCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["account", "mail", "sale"], ["fr_FR"]
        )
        cls.company.email = "shop@example.com"
        cls.env.user.email = "owner@example.com"
        Team = cls.env["crm.team"]
        cls.team_delivery = Team.create(
            {"name": "Letzshop (test)", "invoice_policy": "delivery"}
        )
        cls.team_order = Team.create({"name": "B2B (test)", "invoice_policy": "order"})
        cls.team_manual = Team.create({"name": "Market (test)"})
        cls.product = cls.products["standard"]
        cls.product.invoice_policy = "delivery"
        Partner = cls.env["res.partner"].with_context(oss_vies_no_check=True)
        cls.buyer = Partner.create(
            {
                "name": "Claire Acheteuse",
                "email": "claire@example.fr",
                "lang": "fr_FR",
                "country_id": cls.country["FR"].id,
                "zip": "75001",
                "city": "Paris",
            }
        )
        cls.recipient = Partner.create(
            {
                "name": "Gift Recipient",
                "email": "gift@example.lu",
                "lang": "en_US",
                "country_id": cls.country["LU"].id,
            }
        )
        cls.stock_user = new_test_user(
            cls.env,
            login="scip_stock",
            groups="stock.group_stock_user",
            company_id=cls.company.id,
        )
        cls.Order = cls.env["sale.order"]

    def _order(self, team, partner=None, shipping=None):
        partner = partner or self.buyer
        order = self.Order.create(
            {
                "partner_id": partner.id,
                "partner_invoice_id": partner.id,
                "partner_shipping_id": (shipping or partner).id,
                "team_id": team.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.product.id, "product_uom_qty": 2}
                    )
                ],
            }
        )
        order.action_confirm()
        return order

    def _deliver(self, order, user=None):
        picking = order.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        )
        picking = picking.with_user(user) if user else picking
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.button_validate()
        self.assertEqual(picking.state, "done")

    def _jobs(self, trap):
        return len(
            [j for j in trap.enqueued_jobs if j.method_name == "_auto_invoice_job"]
        )

    def _mails(self, invoice):
        return self.env["mail.mail"].search(
            [("model", "=", "account.move"), ("res_id", "=", invoice.id)]
        )

    def test_delivery_by_stock_user_invoices_posts_and_mails_in_french(self):
        order = self._order(self.team_delivery, shipping=self.recipient)
        self.assertFalse(order.auto_invoice_state)
        with trap_jobs() as trap:
            self._deliver(order, user=self.stock_user)
            self.assertEqual(self._jobs(trap), 1)
            job = trap.enqueued_jobs[0]
            # the job keeps the warehouse user as author, with superuser rights
            self.assertEqual(job.recordset.env.uid, self.stock_user.id)
            self.assertTrue(job.recordset.env.su)
            self.assertEqual(order.auto_invoice_state, "queued")
            trap.perform_enqueued_jobs()
        invoice = order.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(order.auto_invoice_state, "done")
        self.assertTrue(invoice.oss_vat_rule, "the VAT decision is on the invoice")
        self.assertEqual(invoice.partner_id, self.buyer)
        self.assertTrue(invoice.is_move_sent)
        self.assertTrue(invoice.invoice_pdf_report_id, "the PDF is kept on the invoice")
        message = invoice.message_ids.filtered(
            lambda m: m.message_type == "comment" and m.attachment_ids
        )
        self.assertEqual(len(message), 1)
        self.assertIn(".pdf", message.attachment_ids.name)
        self.assertIn("Facture", message.subject)
        self.assertIn("Bonjour", str(message.body))
        mails = self._mails(invoice)
        self.assertIn(self.buyer, mails.recipient_ids)
        # a gift is not announced to its recipient: the invoice goes to the buyer only
        self.assertNotIn(self.recipient, mails.recipient_ids)
        self.assertNotIn(self.recipient, invoice.message_partner_ids)

    def test_salesperson_is_not_mailed_for_each_automatic_invoice(self):
        """An invoice made on delivery is assigned to the order's salesperson
        without Odoo's "You have been assigned" e-mail: the salesperson of a
        channel would get one per parcel shipped."""
        salesman = new_test_user(
            self.env,
            login="scip_salesman",
            email="sales@example.com",
            groups="sales_team.group_sale_salesman",
            company_id=self.company.id,
        )
        order = self._order(self.team_delivery)
        order.user_id = salesman
        with trap_jobs() as trap:
            self._deliver(order, user=self.stock_user)
            trap.perform_enqueued_jobs()
        invoice = order.invoice_ids
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.invoice_user_id, salesman)
        self.assertFalse(
            invoice.message_ids.filtered(
                lambda m: m.message_type == "user_notification"
            ),
            "no assignment e-mail for an automatic invoice",
        )

    def test_manual_channel_creates_nothing(self):
        order = self._order(self.team_manual)
        with trap_jobs() as trap:
            self._deliver(order)
            self.assertEqual(self._jobs(trap), 0)
        self.assertFalse(order.invoice_ids)
        self.assertFalse(order.auto_invoice_state)
        self.assertEqual(self.team_manual.invoice_policy, "manual")

    def test_order_policy_invoices_on_confirmation(self):
        self.product.invoice_policy = "order"
        with trap_jobs() as trap:
            order = self._order(self.team_order)
            self.assertEqual(self._jobs(trap), 1)
            trap.perform_enqueued_jobs()
        self.assertEqual(order.invoice_ids.state, "posted")
        with trap_jobs() as trap:
            self._deliver(order)
            self.assertEqual(self._jobs(trap), 0)

    def test_order_policy_with_nothing_delivered_yet_claims_nothing(self):
        """Products invoiced on delivered quantities: at confirmation there is
        nothing to invoice, and the order does not pretend it was invoiced."""
        with trap_jobs() as trap:
            order = self._order(self.team_order)
            trap.perform_enqueued_jobs()
        self.assertFalse(order.invoice_ids)
        self.assertFalse(order.auto_invoice_state)

    def test_job_twice_creates_one_invoice(self):
        order = self._order(self.team_delivery)
        with trap_jobs() as trap:
            self._deliver(order)
            trap.perform_enqueued_jobs()
        order._auto_invoice_job()
        order.sudo()._auto_invoice_job()
        self.assertEqual(len(order.invoice_ids), 1)
        self.assertEqual(len(self._mails(order.invoice_ids)), 1)
        self.assertEqual(order.auto_invoice_state, "done")

    def test_vat_pending_leaves_draft_with_reason_then_retry_posts(self):
        self.company.oss_vies_pending_policy = "hold"
        business = self.partner_de_b2b_pending
        business.email = "einkauf@example.de"
        order = self._order(self.team_delivery, partner=business)
        with trap_jobs() as trap:
            self._deliver(order)
            trap.perform_enqueued_jobs()
        invoice = order.invoice_ids
        self.assertEqual(invoice.state, "draft")
        self.assertIn("VIES", invoice.auto_invoice_error)
        self.assertIn(VAT_DE, order.auto_invoice_error)
        self.assertEqual(order.auto_invoice_state, "error")
        self.assertFalse(self._mails(invoice))
        attention = self.env.ref(
            "sale_channel_invoice_policy.action_auto_invoice_attention"
        )
        self.assertIn(order, self.Order.search(literal_eval(attention.domain)))
        # VIES confirms the number: the same invoice is re-decided, posted and sent
        business.oss_vies_status = "valid"
        with trap_jobs() as trap:
            business._oss_refresh_drafts()
            self.assertEqual(self._jobs(trap), 1)
            trap.perform_enqueued_jobs()
        self.assertEqual(order.invoice_ids, invoice)
        self.assertEqual(invoice.state, "posted")
        self.assertFalse(invoice.auto_invoice_error)
        self.assertEqual(order.auto_invoice_state, "done")
        self.assertEqual(invoice.oss_vat_rule, "ic_supply")
        self.assertTrue(self._mails(invoice))

    def test_post_failure_rolls_back_to_draft(self):
        """A problem while posting leaves no half state: draft, reason, no mail."""
        self.buyer.email = False
        order = self._order(self.team_delivery)
        with trap_jobs() as trap:
            self._deliver(order)
            trap.perform_enqueued_jobs()
        self.assertEqual(order.invoice_ids.state, "draft")
        self.assertIn("Claire Acheteuse", order.auto_invoice_error)
        self.assertIn("e-mail", order.invoice_ids.auto_invoice_error)
        # the PDF or the mail fails after posting: the posting is rolled back too
        self.buyer.email = "claire@example.fr"
        name_before = order.invoice_ids.name
        Send = type(self.env["account.move.send"])
        with (
            trap_jobs() as trap,
            patch.object(
                Send,
                "_generate_and_send_invoices",
                side_effect=UserError(PDF_ERROR),
                autospec=True,
            ),
        ):
            order.action_auto_invoice_retry()
            trap.perform_enqueued_jobs()
        invoice = order.invoice_ids
        self.assertEqual(invoice.state, "draft")
        self.assertEqual(invoice.name, name_before, "no invoice number taken")
        self.assertEqual(order.auto_invoice_state, "error")
        self.assertEqual(invoice.auto_invoice_error, PDF_ERROR)
        self.assertFalse(self._mails(invoice))
        # fixed: the retry posts and sends the same invoice
        with trap_jobs() as trap:
            order.action_auto_invoice_retry()
            trap.perform_enqueued_jobs()
        self.assertEqual(order.invoice_ids, invoice)
        self.assertEqual(invoice.state, "posted")

    def test_mail_server_down_puts_the_order_on_the_attention_list(self):
        """The invoice e-mail leaves after the job commits: when the mail server
        refuses it, the posted invoice cannot go back to draft, so the order is
        listed as needing attention with the reason, and Retry sends it again."""
        order = self._order(self.team_delivery)
        with trap_jobs() as trap:
            self._deliver(order)
            trap.perform_enqueued_jobs()
        invoice = order.invoice_ids
        self.assertEqual(order.auto_invoice_state, "done")
        mails = self._mails(invoice)
        self.assertTrue(mails)
        Server = type(self.env["ir.mail_server"])
        with patch.object(
            Server,
            "_connect__",
            side_effect=ConnectionRefusedError("Connection refused"),
            autospec=True,
        ):
            mails.send(raise_exception=False)
        self.assertEqual(mails.mapped("state"), ["exception"] * len(mails))
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(order.auto_invoice_state, "error")
        self.assertIn(invoice.name, order.auto_invoice_error)
        self.assertIn("claire@example.fr", order.auto_invoice_error)
        self.assertIn("Connection refused", order.auto_invoice_error)
        self.assertEqual(invoice.auto_invoice_error, order.auto_invoice_error)
        attention = self.env.ref(
            "sale_channel_invoice_policy.action_auto_invoice_attention"
        )
        self.assertIn(order, self.Order.search(literal_eval(attention.domain)))
        # the mail server is back: Retry sends the same invoice again, once
        with trap_jobs() as trap:
            order.action_auto_invoice_retry()
            trap.perform_enqueued_jobs()
        self.assertEqual(order.invoice_ids, invoice)
        self.assertEqual(order.auto_invoice_state, "done")
        self.assertFalse(invoice.auto_invoice_error)
        self.assertEqual(len(self._mails(invoice) - mails), 1)

    def test_failed_mail_of_a_manual_invoice_is_left_to_odoo(self):
        order = self._order(self.team_manual)
        self._deliver(order)
        invoice = order._create_invoices()
        invoice.action_post()
        self.env["account.move.send"]._generate_and_send_invoices(
            invoice, sending_methods=["email"]
        )
        Server = type(self.env["ir.mail_server"])
        with patch.object(
            Server, "_connect__", side_effect=ConnectionRefusedError, autospec=True
        ):
            self._mails(invoice).send(raise_exception=False)
        self.assertFalse(order.auto_invoice_state)

    def test_batch_of_delivered_orders(self):
        orders = self.Order
        for _i in range(3):
            order = self._order(self.team_manual)
            self._deliver(order)
            orders |= order
        with trap_jobs() as trap:
            action = orders.action_auto_invoice_batch()
            self.assertEqual(self._jobs(trap), 1)
            batch = self.env["sale.channel.invoice.batch"].browse(action["res_id"])
            self.assertEqual(batch.order_count, 3)
            self.assertEqual(batch.queued_count, 3)
            self.assertEqual(batch.progress, 0.0)
            trap.perform_enqueued_jobs()
        batch.invalidate_recordset()
        self.assertEqual(batch.done_count, 3)
        self.assertEqual(batch.progress, 100.0)
        self.assertEqual(set(orders.invoice_ids.mapped("state")), {"posted"})
        self.assertEqual(len(orders.invoice_ids.invoice_pdf_report_id), 3)

    def test_batch_one_bad_order_does_not_hold_the_others(self):
        orders = self.Order
        for partner in (self.buyer, self.recipient, self.buyer):
            order = self._order(self.team_manual, partner=partner)
            self._deliver(order)
            orders |= order
        Send = type(self.env["account.move.send"])
        original = Send._generate_and_send_invoices

        def send(self_, moves, **kwargs):
            if self.recipient in moves.partner_id:
                raise UserError(TEMPLATE_ERROR)
            return original(self_, moves, **kwargs)

        with (
            trap_jobs() as trap,
            patch.object(
                Send, "_generate_and_send_invoices", side_effect=send, autospec=True
            ),
        ):
            action = orders.action_auto_invoice_batch()
            trap.perform_enqueued_jobs()
        batch = self.env["sale.channel.invoice.batch"].browse(action["res_id"])
        self.assertEqual((batch.done_count, batch.error_count), (2, 1))
        bad = orders.filtered(lambda o: o.partner_id == self.recipient)
        self.assertEqual(bad.invoice_ids.state, "draft")
        self.assertEqual(bad.auto_invoice_error, TEMPLATE_ERROR)
        self.assertEqual(set((orders - bad).invoice_ids.mapped("state")), {"posted"})
        # fixed and sent again from the order: it still counts in its batch
        with trap_jobs() as trap:
            bad.action_auto_invoice_retry()
            trap.perform_enqueued_jobs()
        batch.invalidate_recordset()
        self.assertEqual((batch.done_count, batch.error_count), (3, 0))
        self.assertEqual(bad.invoice_ids.state, "posted")

    def test_stock_user_cannot_start_a_batch(self):
        order = self._order(self.team_manual)
        self._deliver(order)
        with self.assertRaises(AccessError):
            order.with_user(self.stock_user).action_auto_invoice_batch()
