# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo.tests import Form, tagged

from .common import AtpCommon


@tagged("post_install", "-at_install")
class TestTimelineWizard(AtpCommon):
    def test_timeline_and_when_can_i_ship(self):
        self._set_stock(self.product, 5)
        self._sell([(self.product, 4)], 2)
        self._purchase([(self.product, 50, 5)])
        action = self.product.with_context(
            warehouse_id=self.wh_a.id
        ).action_open_atp_timeline()
        self.assertEqual(action["res_model"], "incoming.stock.atp.timeline")
        form = Form(self.env[action["res_model"]].with_context(**action["context"]))
        self.assertEqual(form.warehouse_id, self.wh_a)
        self.assertIn("Available to promise 51 (1 now)", form.summary)
        form.quantity = 1
        self.assertEqual(form.earliest_date, self.today)
        form.quantity = 30
        self.assertEqual(form.earliest_date, self._day(5))
        form.quantity = 60
        self.assertFalse(form.earliest_date)
        self.assertTrue(form.earliest_date_message)
        wizard = form.save()
        rows = [
            (line.date, line.incoming, line.outgoing, line.projected, line.atp)
            for line in wizard.line_ids
        ]
        self.assertEqual(
            rows,
            [
                (self.today, 0, 0, 5, 1),
                (self._day(2), 0, 4, 1, 1),
                (self._day(5), 50, 0, 51, 51),
            ],
        )

    def test_template_action(self):
        action = self.product.product_tmpl_id.action_open_atp_timeline()
        self.assertEqual(action["context"]["default_product_id"], self.product.id)
