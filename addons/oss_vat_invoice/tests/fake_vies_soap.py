# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""A local VIES SOAP server (127.0.0.1) built from the WSDL shipped with the addon.

zeep reads the request with the WSDL's ``checkVat`` / ``checkVatApprox`` elements and
writes the answer with their ``...Response`` elements, so a request or an answer
that does not follow the WSDL fails here as it would at the Commission. Faults are
SOAP faults whose faultstring is the VIES error code (MS_UNAVAILABLE ...).
"""

import datetime
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import zeep
from lxml import etree

from ..vies_client import WSDL_PATH

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
TYPES = "urn:ec.europa.eu:taxud:vies:services:checkVat:types"


class FakeViesSoap:
    """Behaviour per full VAT number ('FR23334175221'): valid (default), invalid,
    ms_unavailable, invalid_input, slow, garbage."""

    def __init__(self):
        self.behaviour = {}
        self.requests = []  # (operation, dict of the parsed request)
        self.delay = 2.0
        self.client = zeep.Client(WSDL_PATH)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                envelope = etree.fromstring(self.rfile.read(length))
                node = envelope.find(f"{{{SOAP_ENV}}}Body")[0]
                operation = etree.QName(node).localname
                request = fake._parse(operation, node)
                fake.requests.append((operation, request))
                number = f"{request['countryCode']}{request['vatNumber']}"
                mode = fake.behaviour.get(number, "valid")
                if mode == "slow":
                    time.sleep(fake.delay)
                    mode = "valid"
                if mode == "garbage":
                    return self._send(200, b"<html>maintenance</html>", "text/html")
                if mode in ("ms_unavailable", "invalid_input"):
                    return self._send(500, fake._fault(mode.upper()))
                return self._send(200, fake._answer(operation, request, mode))

            def _send(self, status, raw, content_type="text/xml; charset=utf-8"):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        port = self.server.server_address[1]
        self.url = (
            f"http://127.0.0.1:{port}/taxation_customs/vies/services/checkVatService"
        )
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _element(self, name):
        return self.client.get_element(f"{{{TYPES}}}{name}")

    def _parse(self, operation, node):
        value = self._element(operation).parse(node, self.client.wsdl.types)
        return {key: value[key] for key in value}

    def _answer(self, operation, request, mode):
        valid = mode == "valid"
        values = {
            "countryCode": request["countryCode"],
            "vatNumber": request["vatNumber"],
            "requestDate": datetime.date(2026, 11, 23),
            "valid": valid,
        }
        if operation == "checkVatApprox":
            values.update(
                {
                    "traderName": "SARL ACHETEUR" if valid else "---",
                    "traderAddress": "1 RUE DE LA PAIX\n75002 PARIS"
                    if valid
                    else "---",
                    # only when the requester identified itself
                    "requestIdentifier": "WAPISOAP" + request["vatNumber"][-6:]
                    if request.get("requesterVatNumber")
                    else "",
                }
            )
        else:
            values.update({"name": "SARL ACHETEUR", "address": "PARIS"})
        element = self._element(f"{operation}Response")
        envelope = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"soap": SOAP_ENV})
        body = etree.SubElement(envelope, f"{{{SOAP_ENV}}}Body")
        element.render(body, element(**values))
        return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")

    def _fault(self, code):
        envelope = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"soap": SOAP_ENV})
        body = etree.SubElement(envelope, f"{{{SOAP_ENV}}}Body")
        fault = etree.SubElement(body, f"{{{SOAP_ENV}}}Fault")
        etree.SubElement(fault, "faultcode").text = "soap:Server"
        etree.SubElement(fault, "faultstring").text = code
        return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
