# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestImportScreenTour(HttpCase):
    def test_catalogue_file_is_previewed_beside_the_templates(self):
        """With several templates on offer, the import screen previews a file:
        Odoo 19 keys the templates' links by the template object, which Owl
        refuses in developer mode (as in this test) with 'Got duplicate key'."""
        self.start_tour(
            "/odoo/action-product.product_template_action",
            "product_gtin_import_screen",
            login="admin",
        )
