# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged

from odoo.addons.customer_segments.tests.test_sudo_reasons import unexplained_sudo


@tagged("post_install", "-at_install")
class TestSudoReasons(TransactionCase):
    def test_every_sudo_says_why(self):
        unexplained = unexplained_sudo("customer_segments_mass_mailing")
        self.assertFalse(unexplained, f"sudo() without a reason: {unexplained}")
