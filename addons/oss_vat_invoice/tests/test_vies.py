# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError
from odoo.modules import module as odoo_module
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .. import vat_decision as vd
from .. import vies_client
from .common import VAT_DE, VAT_FR, VAT_IT, OssVatCase
from .fake_vies import FakeVies
from .fake_vies_soap import FakeViesSoap


@tagged("post_install", "-at_install")
class TestVies(OssVatCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake = FakeVies().start()
        cls.addClassCleanup(cls.fake.stop)
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("oss_vat_invoice.vies_url", cls.fake.url)
        # this class tests the REST service; TestViesSoap tests SOAP first
        params.set_param("oss_vat_invoice.vies_soap_url", "disabled")
        params.set_param("oss_vat_invoice.vies_timeout", "0.5")
        cls.company.vat = cls.company.vat or "LU26375245"

    def setUp(self):
        super().setUp()
        self.fake.behaviour.clear()
        self.fake.requests.clear()

    def _customer(self, vat, name="OSS VIES customer", country="FR"):
        return (
            self.env["res.partner"]
            .with_context(oss_vies_no_check=True)
            .create(
                {
                    "name": name,
                    "is_company": True,
                    "vat": vat,
                    "country_id": self.country[country].id,
                }
            )
        )

    def test_client_valid_with_consultation_number(self):
        result = vies_client.check_vat(
            VAT_FR,
            requester_vat="LU26375245",
            base_url=self.fake.url,
            timeout=2,
            soap_url="",
            allow_http=True,
        )
        self.assertEqual(result.status, "valid")
        self.assertEqual(result.request_identifier, "WAPIAAAAZ175221")
        self.assertEqual(result.name, "SARL ACHETEUR")
        _path, body = self.fake.requests[-1]
        self.assertEqual(body["requesterMemberStateCode"], "LU")
        self.assertEqual(
            (body["countryCode"], body["vatNumber"]), ("FR", "23334175221")
        )

    def test_client_syntax_error_does_not_call_vies(self):
        result = vies_client.check_vat(
            "FR00000000001", base_url=self.fake.url, allow_http=True
        )
        self.assertEqual((result.status, result.error), ("invalid", "INVALID_SYNTAX"))
        self.assertFalse(self.fake.requests)

    def test_client_faults_are_pending(self):
        # Odoo's test harness raises any timeout below 10 s to 10 s: answer after 10.5 s
        self.fake.delay = 10.5
        for mode in ("ms_unavailable", "http500", "garbage", "slow"):
            self.fake.behaviour[VAT_FR] = mode
            result = vies_client.check_vat(
                VAT_FR,
                base_url=self.fake.url,
                timeout=0.5,
                soap_url="",
                allow_http=True,
            )
            self.assertEqual(result.status, "pending", mode)
        down = vies_client.check_vat(
            VAT_FR,
            base_url="http://127.0.0.1:9/vies",
            timeout=0.5,
            soap_url="http://127.0.0.1:9/soap",
            allow_http=True,
        )
        self.assertEqual(down.status, "pending")

    def test_valid_number_turns_draft_into_intra_community(self):
        partner = self._customer(VAT_FR)
        draft = self._invoice(partner, self.products["standard"])
        self.assertEqual(
            draft.oss_vat_rule, vd.DISTANCE_LOCAL, "never 0 % before VIES answered"
        )
        self.assertEqual(draft.invoice_line_ids.tax_ids, self.tax_by_rate[17])
        check = partner._oss_vies_check()
        self.assertEqual(check.status, "valid")
        self.assertEqual(check.request_identifier, "WAPIAAAAZ175221")
        self.assertEqual(check.trader_name, "SARL ACHETEUR")
        self.assertEqual(partner.oss_vies_status, "valid")
        self.assertEqual(draft.oss_vat_rule, vd.IC_SUPPLY)
        self.assertEqual(draft.invoice_line_ids.tax_ids.amount, 0.0)
        self.assertIn("WAPIAAAAZ175221", draft.oss_vat_note)

    def test_invalid_number(self):
        partner = self._customer(VAT_IT, country="IT")
        self.fake.behaviour[VAT_IT] = "invalid"
        partner._oss_vies_check()
        self.assertEqual(partner.oss_vies_status, "invalid")
        move = self._invoice(partner, self.products["standard"])
        self.assertEqual(move.oss_vat_rule, vd.DISTANCE_LOCAL)
        self.assertIn("VIES Invalid", move.oss_vat_note)

    def test_down_is_pending_and_never_zero(self):
        partner = self._customer(VAT_DE, country="DE")
        self.fake.behaviour[VAT_DE] = "ms_unavailable"
        check = partner._oss_vies_check()
        self.assertEqual((check.status, check.error), ("pending", "MS_UNAVAILABLE"))
        self.assertEqual(partner.oss_vies_status, "pending")
        move = self._invoice(partner, self.products["standard"])
        self.assertNotEqual(move.amount_tax, 0.0)

    def test_outage_keeps_a_valid_number_valid(self):
        partner = self._customer(VAT_FR)
        partner._oss_vies_check()
        self.fake.behaviour[VAT_FR] = "http500"
        check = partner._oss_vies_check()
        self.assertEqual(check.status, "pending")
        self.assertEqual(partner.oss_vies_status, "valid")

    def test_changed_number_is_unverified(self):
        partner = self._customer(VAT_FR)
        partner._oss_vies_check()
        partner.with_context(oss_vies_no_check=True).vat = "FR40303265045"
        move = self._invoice(partner, self.products["standard"])
        self.assertEqual(move.oss_vat_rule, vd.DISTANCE_LOCAL)

    def test_job_enqueued_on_create_and_retried_with_backoff(self):
        with trap_jobs() as trap:
            partner = self.env["res.partner"].create(
                {
                    "name": "OSS job customer",
                    "is_company": True,
                    "vat": VAT_DE,
                    "country_id": self.country["DE"].id,
                }
            )
            trap.assert_jobs_count(1, only=partner._oss_vies_check_job)
            trap.assert_enqueued_job(
                partner._oss_vies_check_job,
                args=(0,),
                properties={"channel": "root.vies"},
            )
            self.fake.behaviour[VAT_DE] = "http500"
            trap.perform_enqueued_jobs()
            self.assertEqual(partner.oss_vies_status, "pending")
            trap.assert_enqueued_job(
                partner._oss_vies_check_job,
                args=(1,),
                properties={"channel": "root.vies"},
            )
            retry = next(job for job in trap.enqueued_jobs if job.args == (1,))
            self.assertGreater(retry.eta, fields.Datetime.now())
            self.fake.behaviour[VAT_DE] = "valid"
            trap.perform_enqueued_jobs()
            self.assertEqual(partner.oss_vies_status, "valid")
        # a domestic number is never sent to VIES
        with trap_jobs() as trap:
            self.env["res.partner"].create(
                {
                    "name": "OSS LU company",
                    "is_company": True,
                    "vat": "LU26375245",
                    "country_id": self.country["LU"].id,
                }
            )
            trap.assert_jobs_count(0)

    def test_cron_rechecks_old_valid_and_pending(self):
        valid = self._customer(VAT_FR, name="OSS old valid")
        valid._oss_vies_check()
        valid.oss_vies_last_check_id.sudo().checked_on = (
            fields.Datetime.now() - datetime.timedelta(days=400)
        )
        fresh = self._customer(VAT_IT, name="OSS fresh valid", country="IT")
        fresh._oss_vies_check()
        pending = self._customer(VAT_DE, name="OSS pending", country="DE")
        pending.with_context(oss_vies_no_check=True).oss_vies_status = "pending"
        with trap_jobs() as trap:
            partners = self.env["res.partner"]._cron_oss_vies_recheck()
            self.assertIn(valid, partners)
            self.assertIn(pending, partners)
            self.assertNotIn(fresh, partners)
            trap.assert_enqueued_job(
                valid._oss_vies_check_job,
                args=(0,),
                properties={"channel": "root.vies"},
            )


@tagged("post_install", "-at_install")
class TestViesSoap(OssVatCase):
    """SOAP checkVatApprox first (consultation number), REST as fallback, against
    local servers: the SOAP one is built from the WSDL shipped with the addon."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.soap = FakeViesSoap().start()
        cls.addClassCleanup(cls.soap.stop)
        cls.rest = FakeVies().start()
        cls.addClassCleanup(cls.rest.stop)
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("oss_vat_invoice.vies_soap_url", cls.soap.url)
        params.set_param("oss_vat_invoice.vies_url", cls.rest.url)
        params.set_param("oss_vat_invoice.vies_timeout", "0.5")
        cls.company.vat = "LU26375245"

    def setUp(self):
        super().setUp()
        for fake in (self.soap, self.rest):
            fake.behaviour.clear()
            fake.requests.clear()

    def _customer(self, vat=VAT_FR):
        return (
            self.env["res.partner"]
            .with_context(oss_vies_no_check=True)
            .create(
                {
                    "name": "OSS SOAP customer",
                    "is_company": True,
                    "vat": vat,
                    "country_id": self.country["FR"].id,
                }
            )
        )

    def test_soap_consultation_number_is_the_evidence(self):
        partner = self._customer()
        check = partner._oss_vies_check()
        self.assertEqual(
            (check.status, check.source, check.request_identifier),
            ("valid", "soap", "WAPISOAP175221"),
        )
        self.assertEqual(check.trader_name, "SARL ACHETEUR")
        self.assertEqual(partner.oss_vies_status, "valid")
        operation, request = self.soap.requests[-1]
        self.assertEqual(operation, "checkVatApprox")
        self.assertEqual(
            (request["requesterCountryCode"], request["requesterVatNumber"]),
            ("LU", "26375245"),
            "the seller's own number is sent: VIES then returns the consultation "
            "number",
        )
        self.assertFalse(self.rest.requests, "no REST call when SOAP answered")
        draft = self._invoice(partner, self.products["standard"])
        self.assertIn("WAPISOAP175221", draft.oss_vat_note)

    def test_soap_invalid_is_invalid(self):
        self.soap.behaviour[VAT_FR] = "invalid"
        partner = self._customer()
        check = partner._oss_vies_check()
        self.assertEqual((check.status, check.source), ("invalid", "soap"))
        self.assertFalse(self.rest.requests)

    def test_soap_down_falls_back_to_rest(self):
        for mode in ("ms_unavailable", "garbage"):
            self.soap.behaviour[VAT_FR] = mode
            partner = self._customer()
            check = partner._oss_vies_check()
            self.assertEqual((check.status, check.source), ("valid", "rest"), mode)
            self.assertEqual(check.request_identifier, "WAPIAAAAZ175221")

    def test_both_down_is_pending_never_invalid(self):
        self.soap.behaviour[VAT_FR] = "ms_unavailable"
        self.rest.behaviour[VAT_FR] = "http500"
        partner = self._customer()
        check = partner._oss_vies_check()
        self.assertEqual(check.status, "pending")
        self.assertIn("MS_UNAVAILABLE", check.error)
        self.assertEqual(partner.oss_vies_status, "pending")
        draft = self._invoice(partner, self.products["standard"])
        self.assertNotEqual(draft.oss_vat_rule, vd.IC_SUPPLY, "never 0 % unverified")

    def test_https_only_outside_tests(self):
        partner = self._customer()
        with (
            patch.object(odoo_module, "current_test", None),
            self.assertRaisesRegex(UserError, "oss_vat_invoice.vies_url"),
        ):
            partner._oss_vies_check()
        with self.assertRaises(ValueError):
            vies_client.check_vat(VAT_FR, base_url="http://ec.europa.eu/x")
        self.assertEqual(
            vies_client.check_url(vies_client.DEFAULT_SOAP_URL),
            vies_client.DEFAULT_SOAP_URL,
        )
        self.assertFalse(self.soap.requests, "nothing sent over plain http")
