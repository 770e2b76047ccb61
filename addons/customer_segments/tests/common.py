# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user


class CustomerSegmentsCase(TransactionCase):
    """Fixtures: two sales channels, a service product, helpers for orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Partner = cls.env["res.partner"]
        # Segments, exports and syncs take every consenting customer of the
        # company: customers that other addons' data brought (a demo seller's)
        # are set aside, so that the tests count only the ones they create.
        cls.Partner.search(
            [("marketing_consent", "=", "granted"), ("user_ids", "=", False)]
        ).write({"active": False})
        for code in ("fr_FR", "de_DE"):
            cls.env["res.lang"]._activate_lang(code)
        cls.company = cls.env.company
        cls.team_letzshop = cls.env["crm.team"].create({"name": "Letzshop (test)"})
        cls.team_web = cls.env["crm.team"].create({"name": "Web shop (test)"})
        cls.product = cls.env["product.product"].create(
            {
                "name": "Gift box (test)",
                "type": "service",
                "list_price": 10.0,
                "taxes_id": False,
            }
        )
        cls.lu = cls.env.ref("base.lu")
        cls.de = cls.env.ref("base.de")
        cls.fr = cls.env.ref("base.fr")
        cls.vendor = new_test_user(
            cls.env,
            login="cs_vendor",
            groups="sales_team.group_sale_manager",
        )
        cls.salesman = new_test_user(
            cls.env, login="cs_salesman", groups="sales_team.group_sale_salesman"
        )
        # an employee without sales rights (e.g. the warehouse staff of the
        # product): this addon depends on sale only, so no stock group here
        cls.employee = new_test_user(
            cls.env, login="cs_employee", groups="base.group_user"
        )

    @classmethod
    def _customer(cls, name, email=None, country=None, **vals):
        return cls.Partner.create(
            {
                "name": name,
                "email": email
                if email is not None
                else f"{name.lower().replace(' ', '.')}@example.lu",
                "country_id": (country or cls.lu).id,
                **vals,
            }
        )

    @classmethod
    def _order(cls, partner, amount, date=None, team=None, shipping=None, confirm=True):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "partner_shipping_id": (shipping or partner).id,
                "team_id": (team or cls.team_letzshop).id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if confirm:
            order.action_confirm()
        if date:
            order.date_order = datetime.combine(
                date, datetime.min.time().replace(hour=12)
            )
        return order

    def _recompute(self):
        self.env["res.partner"]._customer_stats_recompute_all()
