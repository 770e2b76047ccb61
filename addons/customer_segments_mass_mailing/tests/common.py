# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.customer_segments.tests.common import CustomerSegmentsCase
from odoo.addons.mail.tests.common import MockEmail


class SegmentMailingCase(CustomerSegmentsCase, MockEmail):
    """A tag segment whose members cover every consent case, and the users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tag = cls.env["res.partner.category"].create({"name": "Newsletter (test)"})
        tagged = {"category_id": [(6, 0, cls.tag.ids)]}
        cls.granted = cls._customer(
            "Anna Granted", marketing_consent="granted", **tagged
        )
        cls.granted_2 = cls._customer(
            "Luc Granted", marketing_consent="granted", **tagged
        )
        cls.not_asked = cls._customer("Marc Unknown", **tagged)
        cls.withdrawn = cls._customer(
            "Paul Withdrawn", marketing_consent="withdrawn", **tagged
        )
        cls.no_email = cls._customer(
            "Eva Noemail", email=False, marketing_consent="granted", **tagged
        )
        cls.bounced = cls._customer(
            "Tom Bounced",
            marketing_consent="granted",
            marketing_email_cleaned=True,
            **tagged,
        )
        cls.blacklisted = cls._customer(
            "Jo Blacklisted", marketing_consent="granted", **tagged
        )
        # written by the mailing unsubscribe flow in real life
        cls.env["mail.blacklist"]._add(cls.blacklisted.email)
        # consent granted but not in the segment
        cls.outsider = cls._customer("Nina Outsider", marketing_consent="granted")
        cls.segment = cls.env["customer.segment"].create(
            {
                "name": "Newsletter readers",
                "rule_type": "tag",
                "category_id": cls.tag.id,
            }
        )
        cls.mailer = new_test_user(
            cls.env,
            login="csmm_vendor",
            email="vendor@example.lu",
            groups="sales_team.group_sale_manager,mass_mailing.group_mass_mailing_user",
        )
        cls.salesman_mailer = new_test_user(
            cls.env,
            login="csmm_salesman",
            groups="sales_team.group_sale_salesman,"
            "mass_mailing.group_mass_mailing_user",
        )

    def _new_mailing(self, segment=None, user=None):
        action = (
            (segment or self.segment)
            .with_user(user or self.mailer)
            .action_new_mailing()
        )
        self.assertEqual(action["res_model"], "mailing.mailing")
        return self.env["mailing.mailing"].browse(action["res_id"])
