# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""The plain document choice and HS code checks (no ORM)."""

from odoo.tests import BaseCase, tagged

from .. import customs_documents as cd


@tagged("post_install", "-at_install")
class TestCustomsDocuments(BaseCase):
    def test_choice(self):
        post = (cd.POSTAL, 2.0, 250.0)

        def choose(mode, weight, value, max_weight, max_value):
            return cd.choose_document(mode, weight, value, max_weight, max_value)

        self.assertEqual(choose(post[0], 0.5, 40.0, *post[1:]), cd.CN22)
        self.assertEqual(
            choose(post[0], 2.0, 250.0, *post[1:]), cd.CN22, "limits inclusive"
        )
        self.assertEqual(choose(post[0], 2.01, 40.0, *post[1:]), cd.CN23)
        self.assertEqual(choose(post[0], 0.5, 250.01, *post[1:]), cd.CN23)
        # PostNL's limit: the same parcel stays a CN22
        self.assertEqual(choose(cd.POSTAL, 0.5, 400.0, 2.0, 425.0), cd.CN22)
        self.assertEqual(
            choose(cd.COURIER, 0.5, 40.0, *post[1:]), cd.COMMERCIAL_INVOICE
        )
        self.assertEqual(choose(cd.PROVIDER, 9.0, 900.0, *post[1:]), cd.PROVIDER)

    def test_hs_code(self):
        self.assertTrue(cd.hs_code_valid("6912.00"))
        self.assertTrue(cd.hs_code_valid("9405 21 00"))
        self.assertFalse(cd.hs_code_valid("6117"), "4 digits: a heading, not a code")
        self.assertFalse(cd.hs_code_valid("61A700"))
        self.assertFalse(cd.hs_code_valid(False))
        self.assertEqual(cd.missing_fields("6117", ""), ("hs_code", "origin"))
        self.assertEqual(cd.missing_fields("691200", "PT"), ())
