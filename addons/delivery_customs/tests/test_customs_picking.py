# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import CustomsCase


@tagged("post_install", "-at_install")
class TestCustomsPicking(CustomsCase):
    def test_papers_only_across_the_border(self):
        """Odoo asks a commercial invoice whenever the countries differ; only
        parcels that leave the EU customs territory or VAT area need one."""
        france = self._delivery(self.paris, [(self.mug, 1)])
        self.assertFalse(france._should_generate_commercial_invoice())
        self.assertEqual(france.customs_document, "none")
        norway = self._delivery(self.oslo, [(self.mug, 1)])
        self.assertTrue(norway._should_generate_commercial_invoice())
        self.assertEqual(norway.customs_territory, "Norway")
        canary = self._delivery(self.las_palmas, [(self.mug, 1)])
        self.assertTrue(canary._should_generate_commercial_invoice())
        self.assertEqual(canary.customs_territory, "Canary Islands")
        self.assertEqual(canary.customs_document, "cn22")
        monaco = self._partner("Luca Rossi", self.env.ref("base.mc"), "98000", "Monaco")
        self.assertFalse(
            self._delivery(
                monaco, [(self.mug, 1)]
            )._should_generate_commercial_invoice()
        )
        # the mainland of Spain is an ordinary member state
        madrid = self._partner("Luis Gómez", self.es, "28001", "Madrid")
        self.assertFalse(self._delivery(madrid, [(self.mug, 1)]).customs_needed)
        # receipts are not our business
        self.assertFalse(
            self.env["stock.picking"]
            .new(
                {
                    "picking_type_id": self.warehouse.in_type_id.id,
                    "partner_id": self.oslo.id,
                }
            )
            .customs_needed
        )

    def test_document_from_the_carrier_settings(self):
        light = self._delivery(self.oslo, [(self.mug, 2)])
        self.assertEqual(light.customs_document, "cn22", "0.6 kg, EUR 24")
        heavy = self._delivery(self.oslo, [(self.mug, 8)])
        self.assertEqual(heavy.customs_document, "cn23", "2.4 kg")
        dear = self._delivery(self.oslo, [(self.mug, 1), (self.lamp, 1)])
        self.assertEqual(dear.customs_document, "cn23", "2.8 kg, EUR 192")
        expensive = self._delivery(self.oslo, [(self.mug, 21)])
        self.post.customs_cn22_max_weight = 10.0
        self.assertEqual(expensive.customs_document, "cn23", "EUR 252 > 250")
        # the carrier's limits are settings: PostNL's EUR 425 makes it a CN22
        self.post.customs_cn22_max_value = 425.0
        self.assertEqual(expensive.customs_document, "cn22")
        courier = self._delivery(self.oslo, [(self.mug, 1)], carrier=self.courier)
        self.assertEqual(courier.customs_document, "commercial_invoice")
        self.courier.customs_document_type = "provider"
        self.assertEqual(courier.customs_document, "provider")
        with self.assertRaises(UserError):
            courier.action_print_customs_document()
        action = light.action_print_customs_document()
        self.assertEqual(action["report_name"], "delivery_customs.report_customs_cn22")

    def test_new_carrier_has_post_luxembourg_defaults(self):
        carrier = self._carrier("Another post", "postal")
        self.assertEqual(carrier.customs_cn22_max_weight, 2.0)
        self.assertEqual(carrier.customs_cn22_max_value, 250.0)
        self.assertEqual(carrier.customs_cn22_currency_id, self.eur)
        with self.assertRaises(ValidationError):
            carrier.customs_cn22_max_weight = -1

    def test_france_validates_freely(self):
        """Inside the EU nothing is asked: a product without HS code ships."""
        picking = self._delivery(self.paris, [(self.poster, 1), (self.mug, 1)])
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertFalse(self._attachments(picking))

    def test_missing_customs_data_blocks_and_names_products(self):
        picking = self._delivery(
            self.oslo, [(self.poster, 1), (self.scarf, 1), (self.mug, 1)]
        )
        with self.assertRaises(UserError) as caught:
            picking.button_validate()
        message = str(caught.exception)
        self.assertIn(picking.name, message)
        self.assertIn("Norway", message)
        self.assertIn(
            "Art poster (HS code (at least 6 digits), country of origin)", message
        )
        self.assertIn("Wool scarf (HS code (at least 6 digits))", message)
        self.assertNotIn("Enamel mug", message)
        self.assertEqual(picking.state, "assigned")
        # the same for the Canary Islands (inside the customs union, outside VAT)
        canary = self._delivery(self.las_palmas, [(self.poster, 1)])
        with self.assertRaisesRegex(UserError, "Canary Islands.*Art poster"):
            canary._action_done()
        # fixed products ship
        self.poster.write({"hs_code": "491110", "country_of_origin": self.lu.id})
        self.scarf.hs_code = "6117.10"
        picking.button_validate()
        self.assertEqual(picking.state, "done")

    def test_report_content(self):
        """The document carries per line the description, quantity, net weight,
        value, HS code and origin, with totals, Incoterm, EORI and invoice."""
        self.company.customs_ioss = "IM4420001234"
        picking = self._delivery(self.oslo, [(self.mug, 2), (self.lamp, 1)])
        self.assertEqual(picking.customs_incoterm_id.code, "DAP")
        picking.customs_category = "gift"
        html = self._html(picking, "delivery_customs.action_report_customs_cn23")
        for text in (
            "CUSTOMS DECLARATION CN 23",
            "Enamel mug",
            "6912.00",
            "Portugal",
            "9405.21.00",
            "China",
            "0.600",
            "2.500",
            "3.100",
            "24.00",
            "180.00",
            "204.00",
            "Gift",
            "DAP",
            "LU2637524500000",
            "Kari Nordmann",
            "Boutique Mersch SARL",
        ):
            self.assertIn(text, html)
        self.assertNotIn("IM4420001234", html, "IOSS is for imports into the EU")

    def test_from_a_warehouse_outside_the_eu(self):
        """Seen from a warehouse in Norway, France is across the border (and the
        IOSS number is printed), Norway is not."""
        self.company.customs_ioss = "IM4420001234"
        self.warehouse.partner_id = self._partner("Lager Oslo", self.no, "0580", "Oslo")
        to_france = self._delivery(self.paris, [(self.mug, 1)])
        self.assertTrue(to_france._should_generate_commercial_invoice())
        html = self._html(to_france, "delivery_customs.action_report_customs_cn22")
        self.assertIn("IM4420001234", html)
        self.assertIn("0580", html, "the sender is the warehouse")
        self.assertFalse(self._delivery(self.oslo, [(self.mug, 1)]).customs_needed)

    def _html(self, picking, report):
        html = self.env["ir.actions.report"]._render_qweb_html(report, picking.ids)[0]
        return html.decode()

    def test_sale_order_value_and_invoice_number(self):
        """A sold parcel is declared at the sale price and with the invoice."""
        order = self.env["sale.order"].create(
            {
                "partner_id": self.oslo.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.lamp.id,
                            "product_uom_qty": 1,
                            "price_unit": 150.0,
                            "tax_ids": False,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        picking = order.picking_ids
        picking.carrier_id = self.post
        picking.move_ids.quantity = 1
        self.assertEqual(picking.customs_document, "cn23", "2.5 kg")
        invoice = order._create_invoices()
        invoice.action_post()
        html = self._html(picking, "delivery_customs.action_report_customs_cn23")
        self.assertIn("150.00", html)
        self.assertIn(invoice.name, html)
        # warehouse staff cannot read invoices, yet print the papers with the number
        worker = new_test_user(
            self.env, login="customs_packer", groups="stock.group_stock_user"
        )
        with self.assertRaises(AccessError):
            invoice.with_user(worker).check_access("read")
        html = (
            self.env["ir.actions.report"]
            .with_user(worker)
            ._render_qweb_html(
                "delivery_customs.action_report_customs_cn23", picking.ids
            )[0]
            .decode()
        )
        self.assertIn(invoice.name, html)
        self.assertIn("150.00", html)

    def test_warehouse_prints_but_cannot_edit_carrier(self):
        worker = new_test_user(
            self.env, login="customs_worker", groups="stock.group_stock_user"
        )
        picking = self._delivery(self.oslo, [(self.mug, 1)]).with_user(worker)
        action = picking.action_print_customs_document()
        self.assertEqual(action["report_name"], "delivery_customs.report_customs_cn22")
        html = (
            self.env["ir.actions.report"]
            .with_user(worker)
            ._render_qweb_html(
                "delivery_customs.action_report_customs_cn22", picking.ids
            )[0]
        )
        self.assertIn(b"6912.00", html)
        # the worker ticks the category on the delivery form
        with Form(picking) as form:
            self.assertEqual(form.customs_document, "cn22")
            form.customs_category = "gift"
        self.assertEqual(picking.customs_category, "gift")
        carrier = self.post.with_user(worker)
        self.assertEqual(carrier.customs_cn22_max_weight, 2.0, "reads the settings")
        with self.assertRaises(AccessError):
            carrier.customs_cn22_max_weight = 30.0
        with self.assertRaises(AccessError):
            carrier.customs_document_type = "provider"

    def test_company_numbers_checked(self):
        with self.assertRaisesRegex(ValidationError, "IOSS number IM12 is not valid"):
            self.company.customs_ioss = "IM12"
        with self.assertRaisesRegex(ValidationError, "EORI number not an eori!"):
            self.company.customs_eori = "not an eori!"
