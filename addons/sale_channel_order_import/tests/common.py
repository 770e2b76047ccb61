# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import base64

from odoo.tests import Form, new_test_user
from odoo.tests.common import TransactionCase


class ImportCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.team = cls.env["crm.team"].create({"name": "Shopify Store"})
        cls.manager = new_test_user(
            cls.env,
            login="chimport_manager",
            groups="sales_team.group_sale_manager",
        )
        cls.salesman = new_test_user(
            cls.env,
            login="chimport_salesman",
            groups="sales_team.group_sale_salesman",
        )
        cls.tax = cls.env["account.tax"].create(
            {"name": "VAT 17% (test)", "amount": 17, "type_tax_use": "sale"}
        )
        Product = cls.env["product.product"]
        cls.mug = Product.create(
            {
                "name": "Mug",
                "barcode": "4006381333931",
                "default_code": "MUG-1",
                "list_price": 99,
                "taxes_id": [(6, 0, cls.tax.ids)],
            }
        )
        cls.tea = Product.create(
            {
                "name": "Tea",
                "default_code": "TEA-1",
                "list_price": 99,
                "taxes_id": [(6, 0, cls.tax.ids)],
            }
        )
        (cls.env.ref("sale_channel_order_import.product_channel_shipping")
         | cls.env.ref("sale_channel_order_import.product_channel_discount")).write(
            {"taxes_id": [(6, 0, cls.tax.ids)]}
        )  # fmt: skip

    def wizard(self, data, user=None, team=None, name="orders_export.csv"):
        """The upload step through the form, as a user fills it in (in the
        user's language, as the web client sends it)."""
        user = user or self.manager
        Wizard = (
            self.env["sale.channel.order.import"]
            .with_user(user)
            .with_context(lang=user.lang)
        )
        with Form(Wizard) as form:
            form.team_id = team or self.team
            form.data_file = base64.b64encode(data).decode()
        # the browser sends the name with the file (the field is invisible)
        form.record.file_name = name
        return form.record

    def counts(self):
        return (
            self.env["sale.order"].search_count([]),
            self.env["res.partner"].with_context(active_test=False).search_count([]),
            self.env["sale.channel.order.binding"].search_count([]),
        )
