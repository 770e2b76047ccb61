# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from contextlib import contextmanager

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install")
class TestProductGtin(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Product = cls.env["product.product"]
        cls.ean13, cls.upca, cls.gtin8, cls.gtin14 = cls.Product.create(
            [
                {"name": "Stabilo marker", "barcode": "4006381333931"},
                {"name": "Wrigley gum", "barcode": "036000291452"},
                {"name": "Small pack", "barcode": "96385074"},
                {"name": "Carton of 12", "barcode": "15400141288763"},
            ]
        )
        cls.sku_only = cls.Product.create({"name": "No GTIN", "barcode": "T-SKU-9"})
        cls.other_company = cls.env["res.company"].create({"name": "GTIN Other Co"})

    @contextmanager
    def assertRefused(self, pattern):
        """ValidationError matching ``pattern``, changes rolled back (Odoo's
        assertRaises, unlike assertRaisesRegex, runs in a savepoint)."""
        with self.assertRaises(ValidationError) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    def test_gtin14_is_computed_and_follows_the_barcode(self):
        self.assertEqual(self.ean13.gtin14, "04006381333931")
        self.assertEqual(self.upca.gtin14, "00036000291452")
        self.assertEqual(self.gtin8.gtin14, "00000096385074")
        self.assertEqual(self.gtin14.gtin14, "15400141288763")
        self.assertFalse(self.sku_only.gtin14)
        self.ean13.barcode = "5901234123457"
        self.assertEqual(self.ean13.gtin14, "05901234123457")
        self.ean13.product_tmpl_id.barcode = False
        self.assertFalse(self.ean13.gtin14)

    def test_match_every_notation(self):
        codes = [
            "04006381333931",
            "4006381333931",
            "00036000291452",
            "36000291452",
            "0036000291452",
            "00000096385074",
            "96385074",
            "15400141288763",
            "(01)04006381333931(10)LOT7",
            "5901234123457",  # a valid GTIN nobody has
            "4006381333932",  # wrong check digit
            "T-SKU-9",  # not a GTIN (an SKU-like barcode is matched elsewhere)
        ]
        with self.assertQueryCount(1):
            matches = self.Product._match_gtin(codes)
        self.assertEqual(
            {code: product.id for code, product in matches.items()},
            {
                "04006381333931": self.ean13.id,
                "4006381333931": self.ean13.id,
                "00036000291452": self.upca.id,
                "36000291452": self.upca.id,
                "0036000291452": self.upca.id,
                "00000096385074": self.gtin8.id,
                "96385074": self.gtin8.id,
                "15400141288763": self.gtin14.id,
                "(01)04006381333931(10)LOT7": self.ean13.id,
            },
        )
        # As a plain internal user too (record rules apply), once warmed up.
        user = new_test_user(self.env, login="gtin_reader", groups="base.group_user")
        as_user = self.Product.with_user(user)
        self.assertEqual(as_user._match_gtin(codes).keys(), matches.keys())
        as_user.invalidate_model()
        with self.assertQueryCount(1):
            self.assertEqual(as_user._match_gtin(codes).keys(), matches.keys())
        self.assertEqual(self.Product._match_gtin([]), {})
        self.assertEqual(self.Product._match_gtin(["T-SKU-9", None]), {})

    def test_match_is_company_aware_and_skips_archived(self):
        foreign = self.Product.create(
            {
                "name": "Other company's item",
                "barcode": "5901234123457",
                "company_id": self.other_company.id,
            }
        )
        self.assertEqual(self.Product._match_gtin(["05901234123457"]), {})
        self.assertEqual(
            self.Product._match_gtin(["05901234123457"], company=self.other_company),
            {"05901234123457": foreign},
        )
        # A shared product (no company) is found from every company.
        self.assertEqual(
            self.Product._match_gtin(["4006381333931"], company=self.other_company),
            {"4006381333931": self.ean13},
        )
        self.ean13.active = False
        self.assertEqual(self.Product._match_gtin(["4006381333931"]), {})

    def test_same_gtin_in_another_notation_is_refused(self):
        with self.assertRefused(
            r"(?s)same GTIN.*04006381333931: Stabilo marker \[4006381333931\], "
            r"Copy \[04006381333931\]",
        ):
            self.Product.create({"name": "Copy", "barcode": "04006381333931"})
        # An edit, too; and a product shared by every company clashes with them all.
        other = self.Product.create({"name": "Other", "barcode": "5901234123457"})
        with self.assertRefused("Wrigley gum.*Other"):
            other.barcode = "36000291452"
        # Two notations inside one batch are caught as well.
        with self.assertRefused("Batch 1.*Batch 2"):
            self.Product.create(
                [
                    {"name": "Batch 1", "barcode": "12345670"},
                    {"name": "Batch 2", "barcode": "0000012345670"},
                ]
            )
        other.invalidate_recordset()
        self.assertEqual(other.barcode, "5901234123457")

    def test_other_companies_may_use_the_same_gtin(self):
        company_b = self.env["res.company"].create({"name": "GTIN Co B"})
        mine = self.Product.create(
            {
                "name": "Mine",
                "barcode": "5901234123457",
                "company_id": self.other_company.id,
            }
        )
        theirs = self.Product.create(
            {"name": "Theirs", "barcode": "05901234123457", "company_id": company_b.id}
        )
        self.assertEqual(mine.gtin14, theirs.gtin14)
        # An archived product does not block the GTIN; unarchiving it is checked.
        self.upca.active = False
        spare = self.Product.create({"name": "Spare", "barcode": "0036000291452"})
        with self.assertRefused("Wrigley gum.*Spare"):
            self.upca.active = True
        self.assertTrue(spare.active)
        self.assertFalse(self.upca.active)

    def test_moving_a_product_to_another_company_is_checked(self):
        company_b = self.env["res.company"].create({"name": "GTIN Co B"})
        _mine, theirs = self.Product.create(
            [
                {
                    "name": "Mine",
                    "barcode": "5901234123457",
                    "company_id": self.other_company.id,
                },
                {
                    "name": "Theirs",
                    "barcode": "05901234123457",
                    "company_id": company_b.id,
                },
            ]
        )
        with self.assertRefused("Mine.*Theirs"):
            theirs.product_tmpl_id.company_id = self.other_company
        with self.assertRefused("Mine.*Theirs"):
            theirs.product_tmpl_id.company_id = False
        self.assertEqual(theirs.company_id, company_b)

    def test_refusal_names_only_products_the_user_can_read(self):
        user = new_test_user(
            self.env,
            login="gtin_product_manager",
            groups="base.group_user,product.group_product_manager",
        )
        self.Product.create(
            {
                "name": "Secret item",
                "barcode": "5901234123457",
                "company_id": self.other_company.id,
            }
        )
        shared = self.Product.with_user(user).create(
            {"name": "Shared item", "barcode": "5901234123450"}
        )
        with self.assertRaises(ValidationError) as caught:
            shared.barcode = "05901234123457"
        message = str(caught.exception)
        self.assertIn("Shared item", message)
        self.assertIn("1 product(s) you cannot see", message)
        self.assertNotIn("Secret item", message)

    def test_duplicates_from_before_the_install_do_not_block_it(self):
        """Installing computes gtin14 for existing products; two notations of one
        GTIN saved before then must not make the install fail, and matching does
        not guess between them."""
        twin = self.Product.create({"name": "Legacy twin", "barcode": "5901234123457"})
        # Saved before the module existed: written straight to the database.
        self.env.cr.execute(
            "UPDATE product_product SET barcode = %s, gtin14 = NULL WHERE id = %s",
            ("04006381333931", twin.id),
        )
        twin.invalidate_recordset()
        self.env.add_to_compute(self.Product._fields["gtin14"], twin)
        self.Product.flush_model(["gtin14"])  # the install's recompute: no error
        self.assertEqual(twin.gtin14, "04006381333931")
        matches = self.Product._match_gtin(
            ["4006381333931", "04006381333931", "(01)04006381333931"]
        )
        self.assertEqual(matches, {"4006381333931": self.ean13, "04006381333931": twin})
        # The first edit of either product asks to resolve it.
        with self.assertRefused("Stabilo marker.*Legacy twin"):
            twin.write({"barcode": "04006381333931"})
