# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import psycopg2

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .. import vat_decision as vd
from .common import OssVatCase


@tagged("post_install", "-at_install")
class TestDocuments(OssVatCase):
    def _rates(self, move):
        return {
            line.product_id.oss_vat_category_id.code: line.tax_ids.amount
            for line in move.invoice_line_ids
        }

    def test_domestic_sale_keeps_product_taxes(self):
        move = self._invoice(
            self.partner_lu, self.products["standard"] | self.products["food"]
        )
        self.assertEqual(move.oss_vat_rule, vd.DOMESTIC)
        self.assertEqual(move.fiscal_position_id.oss_vat_kind, "domestic")
        self.assertEqual(move.invoice_line_ids[0].tax_ids, self.tax_by_rate[17])
        self.assertEqual(move.invoice_line_ids[1].tax_ids, self.tax_by_rate[3])
        self.assertIn("Row 1", move.oss_vat_note)

    def test_distance_sale_under_threshold_keeps_seller_vat(self):
        move = self._invoice(self.partner_fr, self.products["standard"])
        self.assertEqual(move.oss_vat_rule, vd.DISTANCE_LOCAL)
        self.assertEqual(move.invoice_line_ids.tax_ids, self.tax_by_rate[17])
        self.assertIn("Row 4", move.oss_vat_note)
        self.assertIn("threshold", move.oss_vat_note)

    def test_every_seller_rate_maps_to_every_destination(self):
        """LU 17/14/8/3 products get the destination rate of their category in each
        member state (and Northern Ireland): never the LU tax, never by rate alone."""
        self.company.oss_opt_in = True
        products = (
            self.products["standard"] | self.products["wine"] | self.products["plants"]
        )
        products |= self.products["food"] | self.products["children_clothing"]
        Rate = self.env["oss.vat.rate"]
        destinations = self.env["res.country"].search(
            [
                (
                    "code",
                    "in",
                    sorted(vd.GOODS_MEMBER_STATES - {self.seller.code.upper()}),
                )
            ]
        )
        self.assertEqual(len(destinations), 27)
        domestic = self.env["account.tax"].browse(
            [t.id for t in self.tax_by_rate.values()]
        )
        for country in destinations:
            partner = self.partner_fr.copy(
                {
                    "name": f"OSS consumer {country.code}",
                    "country_id": country.id,
                    "zip": "",
                }
            )
            move = self._invoice(partner, products)
            self.assertEqual(move.oss_vat_rule, vd.OSS, country.code)
            self.assertEqual(move.fiscal_position_id.oss_country_id, country)
            for line in move.invoice_line_ids:
                category = line.product_id.oss_vat_category_id
                expected = Rate._get_rate(country, category, self.today)
                self.assertEqual(
                    line.tax_ids.amount, expected, f"{category.code} to {country.code}"
                )
                self.assertFalse(
                    line.tax_ids & domestic,
                    f"{category.code} to {country.code} kept a LU tax",
                )
                self.assertEqual(line.tax_ids.oss_country_id, country)
        # the children's clothing LU 3 % product is not the food LU 3 % product
        move = self._invoice(
            self.partner_fr, self.products["food"] | self.products["children_clothing"]
        )
        self.assertEqual(self._rates(move), {"food": 5.5, "children_clothing": 20.0})

    def test_taxes_and_positions_created_once(self):
        self.company.oss_opt_in = True
        first = self._invoice(self.partner_fr, self.products["standard"])
        second = self._invoice(self.partner_fr, self.products["standard"])
        self.assertEqual(
            first.invoice_line_ids.tax_ids, second.invoice_line_ids.tax_ids
        )
        self.assertEqual(first.fiscal_position_id, second.fiscal_position_id)
        tax = first.invoice_line_ids.tax_ids
        self.assertEqual(tax.oss_vat_key, "oss:FR:20:excl")
        self.assertEqual(
            self.env["account.tax"].search_count(
                [
                    ("company_id", "=", self.company.id),
                    ("oss_vat_key", "=", "oss:FR:20:excl"),
                ]
            ),
            1,
        )
        self.assertEqual(tax.tax_group_id.name, "20% FR VAT")
        tax_line = tax.invoice_repartition_line_ids.filtered(
            lambda r: r.repartition_type == "tax"
        )
        self.assertTrue(tax_line.account_id.oss_vat_account)
        self.assertIn("OSS", tax.invoice_repartition_line_ids.tag_ids.mapped("name"))
        # the database refuses a second tax with the same key (concurrent creation)
        with (
            self.assertRaises(psycopg2.IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            tax.copy({"name": "OSS duplicate", "oss_vat_key": tax.oss_vat_key})
        # asking again for the same key returns the same records
        self.assertEqual(
            self.env["account.tax"]._oss_get_or_create(
                self.company, "oss", self.country["FR"], 20.0
            ),
            tax,
        )
        self.assertEqual(
            self.env["account.fiscal.position"]._oss_get_or_create(
                self.company, "oss", self.country["FR"]
            ),
            first.fiscal_position_id,
        )

    def test_intra_community_supply(self):
        move = self._invoice(
            self.partner_fr_b2b,
            self.products["standard"] | self.products["food"],
            post=True,
        )
        self.assertEqual(move.oss_vat_rule, vd.IC_SUPPLY)
        self.assertEqual(move.amount_tax, 0.0)
        tax = move.invoice_line_ids.tax_ids
        self.assertEqual(len(tax), 1)
        self.assertEqual(tax.oss_vat_key, "ic_supply")
        if self.seller.code.upper() == "LU":
            base_tags = tax.invoice_repartition_line_ids.filtered(
                lambda r: r.repartition_type == "base"
            ).tag_ids
            self.assertEqual(
                base_tags.mapped("name"),
                ["457"],
                "LU box 457: intra-Community supply of goods",
            )
            self.assertIn("457", move.line_ids.tax_tag_ids.mapped("name"))
        self.assertEqual(
            move._oss_legal_mention()[:50],
            "Exempt intra-Community supply of goods – Article 1",
        )

    def test_export(self):
        move = self._invoice(self.partner_us, self.products["standard"], post=True)
        self.assertEqual(move.oss_vat_rule, vd.EXPORT)
        self.assertEqual(move.amount_tax, 0.0)
        self.assertEqual(move.invoice_line_ids.tax_ids.oss_vat_key, "export")
        if self.seller.code.upper() == "LU":
            self.assertIn(
                "014", move.line_ids.tax_tag_ids.mapped("name"), "LU box 014: exports"
            )
        self.assertIn("Article 146", move._oss_legal_mention())

    def test_territories_on_documents(self):
        self.company.oss_opt_in = True
        canary = self._invoice(self.partner_canary, self.products["standard"])
        self.assertEqual(canary.oss_vat_rule, vd.EXPORT)
        self.assertIn("Canary Islands", canary.oss_vat_note)
        monaco = self._invoice(self.partner_mc, self.products["food"])
        self.assertEqual(monaco.oss_vat_rule, vd.OSS)
        self.assertEqual(monaco.oss_vat_country_id, self.country["FR"])
        self.assertEqual(monaco.invoice_line_ids.tax_ids.amount, 5.5)
        ni = self._invoice(
            self.partner_xi, self.products["standard"] | self.products["food"]
        )
        self.assertEqual(ni.oss_vat_rule, vd.OSS)
        self.assertEqual(self._rates(ni), {"standard": 20.0, "food": 0.0})

    def test_delivery_address_decides(self):
        """A French customer delivered in Germany pays German VAT."""
        self.company.oss_opt_in = True
        delivery = self.env["res.partner"].create(
            {
                "name": "OSS DE delivery",
                "type": "delivery",
                "parent_id": self.partner_fr.id,
                "country_id": self.country["DE"].id,
            }
        )
        move = self._invoice(
            self.partner_fr, self.products["books"], partner_shipping_id=delivery.id
        )
        self.assertEqual(move.oss_vat_country_id, self.country["DE"])
        self.assertEqual(move.invoice_line_ids.tax_ids.amount, 7.0)

    def test_vies_pending_is_never_zero(self):
        move = self._invoice(self.partner_de_b2b_pending, self.products["standard"])
        self.assertEqual(move.oss_vat_rule, vd.DISTANCE_LOCAL)
        self.assertEqual(move.invoice_line_ids.tax_ids, self.tax_by_rate[17])
        self.assertIn("never 0 % unverified", move.oss_vat_note)
        move.action_post()
        self.assertEqual(move.state, "posted")

    def test_vies_pending_hold(self):
        self.company.oss_vies_pending_policy = "hold"
        move = self._invoice(self.partner_de_b2b_pending, self.products["standard"])
        self.assertTrue(move.oss_vat_hold)
        self.assertNotEqual(move.invoice_line_ids.tax_ids.amount, 0.0)
        with self.assertRaisesRegex(UserError, "waits for VIES"):
            move.action_post()

    def test_manual_fiscal_position_wins(self):
        manual = self.env["account.fiscal.position"].create(
            {"name": "OSS test not liable"}
        )
        self.partner_fr.property_account_position_id = manual
        move = self._invoice(self.partner_fr, self.products["standard"])
        self.assertEqual(move.oss_vat_rule, "manual")
        self.assertEqual(move.fiscal_position_id, manual)

    def test_disabled_company_keeps_odoo_behaviour(self):
        self.company.oss_vat_enabled = False
        move = self._invoice(self.partner_fr, self.products["standard"])
        self.assertFalse(move.oss_vat_rule)
        self.assertFalse(move.fiscal_position_id.oss_vat_kind)
        disabled = self._invoice(self.partner_fr, self.products["standard"])
        self.company.oss_vat_enabled = True
        skipped = (
            self.env["account.move"]
            .with_context(oss_vat_disable=True)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.partner_us.id,
                    "invoice_line_ids": [
                        Command.create({"product_id": self.products["standard"].id})
                    ],
                }
            )
        )
        self.assertFalse(skipped.oss_vat_rule)
        self.assertTrue(disabled)

    def test_sale_order_gets_the_decision_and_passes_it_on(self):
        self.company.oss_opt_in = True
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner_fr.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.products["food"].id, "product_uom_qty": 2}
                    ),
                    Command.create(
                        {
                            "product_id": self.products["standard"].id,
                            "product_uom_qty": 1,
                        }
                    ),
                ],
            }
        )
        self.assertEqual(order.oss_vat_rule, vd.OSS)
        self.assertEqual(order.fiscal_position_id.oss_country_id, self.country["FR"])
        self.assertEqual(order.order_line.mapped("tax_ids.amount"), [5.5, 20.0])
        self.assertIn("Row 5", order.oss_vat_note)
        order.action_confirm()
        for line in order.order_line:
            line.qty_delivered = line.product_uom_qty
        invoice = order._create_invoices()
        self.assertEqual(invoice.oss_vat_rule, vd.OSS)
        self.assertEqual(invoice.fiscal_position_id, order.fiscal_position_id)
        self.assertEqual(invoice.invoice_line_ids.mapped("tax_ids.amount"), [5.5, 20.0])
        # a confirmed order keeps its decision when the company changes its mind
        self.company.oss_vat_enabled = False
        order.partner_shipping_id = self.partner_fr
        self.assertEqual(order.oss_vat_rule, vd.OSS)

    def test_sale_order_by_salesperson(self):
        """A salesperson triggers the creation of taxes without tax rights."""
        self.company.oss_opt_in = True
        salesman = new_test_user(
            self.env,
            login="oss_seller",
            groups="sales_team.group_sale_salesman",
            **self._user_company(),
        )
        form = Form(self.env["sale.order"].with_user(salesman))
        form.partner_id = self.partner_de.with_user(salesman)
        with form.order_line.new() as line:
            line.product_id = self.products["books"]
        order = form.save()
        self.assertEqual(order.order_line.tax_ids.amount, 7.0)
        self.assertEqual(order.oss_vat_rule, vd.OSS)

    def test_credit_note_mirrors_invoice(self):
        move = self._invoice(self.partner_fr, self.products["standard"], post=True)
        self.assertEqual(move.oss_vat_rule, vd.DISTANCE_LOCAL)
        self.company.oss_opt_in = True
        reversal = move._reverse_moves()
        self.assertEqual(reversal.oss_vat_rule, vd.DISTANCE_LOCAL)
        self.assertEqual(
            reversal.invoice_line_ids.tax_ids, move.invoice_line_ids.tax_ids
        )

    def test_posted_invoice_is_not_re_decided(self):
        move = self._invoice(self.partner_fr, self.products["standard"], post=True)
        note = move.oss_vat_note
        self.company.oss_opt_in = True
        # what a recomputation of the decision (e.g. a dependency change) would do
        self.env.add_to_compute(move._fields["oss_vat_rule"], move)
        self.env.add_to_compute(move._fields["fiscal_position_id"], move)
        move.invalidate_recordset(["oss_vat_rule", "fiscal_position_id"])
        self.assertEqual(move.oss_vat_rule, vd.DISTANCE_LOCAL)
        self.assertEqual(move.oss_vat_note, note)
        self.assertEqual(move.fiscal_position_id.oss_vat_kind, "domestic")

    def test_customer_collects(self):
        self.company.oss_opt_in = True
        move = self._invoice(
            self.partner_fr, self.products["standard"], oss_customer_collects=True
        )
        self.assertEqual(move.oss_vat_rule, vd.CUSTOMER_COLLECTS)
        self.assertEqual(move.invoice_line_ids.tax_ids, self.tax_by_rate[17])

    def test_tax_included_prices_keep_gross(self):
        """With tax-included prices the customer pays the same gross everywhere."""
        self.company.oss_opt_in = True
        incl = self.env["account.tax"].create(
            {
                "name": "OSS test 17% incl",
                "amount": 17,
                "type_tax_use": "sale",
                "price_include_override": "tax_included",
                "company_id": self.company.id,
            }
        )
        product = self.env["product.product"].create(
            {
                "name": "OSS gross",
                "list_price": 117.0,
                "taxes_id": [Command.set(incl.ids)],
                "oss_vat_category_id": self.categories["standard"].id,
            }
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner_fr.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        line = order.order_line
        self.assertTrue(line.tax_ids.price_include)
        self.assertEqual(line.tax_ids.amount, 20.0)
        self.assertAlmostEqual(line.price_total, 117.0)
        self.assertAlmostEqual(line.price_subtotal, 97.5)

    def test_invoice_form(self):
        """Through the invoice form, as an accountant enters it."""
        self.company.oss_opt_in = True
        form = Form(
            self.env["account.move"].with_context(default_move_type="out_invoice")
        )
        form.partner_id = self.partner_de
        with form.invoice_line_ids.new() as line:
            line.product_id = self.products["food"]
        move = form.save()
        self.assertEqual(move.oss_vat_rule, vd.OSS)
        self.assertEqual(move.invoice_line_ids.tax_ids.amount, 7.0)
        self.assertEqual(move.amount_tax, 7.0)
