# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import logging
import uuid

from odoo import fields, models
from odoo.exceptions import UserError

from .. import sendcloud_client

_logger = logging.getLogger(__name__)

# Who may set the Sendcloud keys (and configure the carrier): the roles that can
# write carriers in Odoo (stock_delivery and delivery access rows).
KEY_SETTER_GROUPS = "sales_team.group_sale_manager,stock.group_stock_manager"


class DeliveryCarrier(models.Model):
    _inherit = "delivery.carrier"

    delivery_type = fields.Selection(
        selection_add=[("sendcloud", "Sendcloud")],
        ondelete={"sendcloud": lambda recs: recs.write({"delivery_type": "fixed"})},
    )
    sendcloud_shipping_option_code = fields.Char(
        string="Sendcloud Shipping Option",
        help="Shipping option code of Sendcloud's API v3, e.g. 'postnl:standard' or "
        "'dpd:home'. It picks the carrier and service of the labels and rates.",
    )
    sendcloud_contract_id = fields.Integer(
        help="Id of your own carrier contract in Sendcloud, when the shipping "
        "option is used with it; leave empty to use Sendcloud's rates.",
    )
    sendcloud_default_package_type_id = fields.Many2one(
        "stock.package.type",
        string="Default Package Type",
        help="Dimensions sent for parcels that are not in an Odoo package.",
    )
    sendcloud_endpoint = fields.Char(
        string="Sendcloud API URL",
        default=sendcloud_client.DEFAULT_ENDPOINT,
        groups="base.group_system",
        help="Base URL of Sendcloud's API v3. Changing it clears the keys: they "
        "are sent to this address with every call.",
    )
    sendcloud_timeout = fields.Integer(
        string="Sendcloud Timeout (s)",
        default=sendcloud_client.DEFAULT_TIMEOUT,
        help="Seconds to wait for Sendcloud before giving up on a call.",
    )
    sendcloud_public_key = fields.Char(
        string="Stored Sendcloud Public Key",
        groups="base.group_system",
        copy=False,
        help="Readable by system administrators only.",
    )
    sendcloud_secret_key = fields.Char(
        string="Stored Sendcloud Secret Key",
        groups="base.group_system",
        copy=False,
        help="Readable by system administrators only.",
    )
    sendcloud_public_key_input = fields.Char(
        string="Sendcloud Public Key",
        compute="_compute_sendcloud_key_inputs",
        inverse="_inverse_sendcloud_public_key_input",
        groups=KEY_SETTER_GROUPS,
        help="Public key of a Sendcloud API integration (Settings > Integrations). "
        "Type it to set or replace it; it is never shown again.",
    )
    sendcloud_secret_key_input = fields.Char(
        string="Sendcloud Secret Key",
        compute="_compute_sendcloud_key_inputs",
        inverse="_inverse_sendcloud_secret_key_input",
        groups=KEY_SETTER_GROUPS,
        help="Secret key of the same integration. Type it to set or replace it; it "
        "is never shown again.",
    )
    sendcloud_has_credentials = fields.Boolean(
        string="Sendcloud Keys Set", compute="_compute_sendcloud_has_credentials"
    )

    # -- the keys: write-only ------------------------------------------------------
    def _compute_sendcloud_key_inputs(self):
        # Write-only: the form shows empty inputs, never the stored keys.
        self.sendcloud_public_key_input = False
        self.sendcloud_secret_key_input = False

    def _inverse_sendcloud_public_key_input(self):
        for carrier in self.filtered("sendcloud_public_key_input"):
            # sudo: the stored key is writable by system administrators only; the
            # roles that configure carriers set it through this input.
            carrier.sudo().sendcloud_public_key = (
                carrier.sendcloud_public_key_input.strip()
            )

    def _inverse_sendcloud_secret_key_input(self):
        for carrier in self.filtered("sendcloud_secret_key_input"):
            # sudo: as above, for the secret key.
            carrier.sudo().sendcloud_secret_key = (
                carrier.sendcloud_secret_key_input.strip()
            )

    def _compute_sendcloud_has_credentials(self):
        # sudo: tell whether the keys are set without ever reading them out.
        for carrier, sudo_carrier in zip(self, self.sudo(), strict=True):
            carrier.sendcloud_has_credentials = bool(
                sudo_carrier.sendcloud_public_key and sudo_carrier.sendcloud_secret_key
            )

    def write(self, vals):
        if "sendcloud_endpoint" in vals and not {
            "sendcloud_public_key",
            "sendcloud_secret_key",
        } & set(vals):
            # The keys are sent to the endpoint with every call: whoever moves it
            # enters the keys again, so that they never leave for a new address.
            vals = dict(vals, sendcloud_public_key=False, sendcloud_secret_key=False)
        return super().write(vals)

    # -- configuration and data helpers -------------------------------------------
    def _sendcloud_client(self):
        self.ensure_one()
        # sudo: rates and labels need the keys to authenticate; they never leave
        # the server except towards the configured endpoint.
        carrier = self.sudo()
        if not (carrier.sendcloud_public_key and carrier.sendcloud_secret_key):
            raise UserError(
                self.env._(
                    "The carrier %(carrier)s has no Sendcloud keys: enter the public "
                    "and secret keys in the field 'Sendcloud Public Key' and "
                    "'Sendcloud Secret Key' of the carrier.",
                    carrier=self.display_name,
                )
            )
        return sendcloud_client.SendcloudClient(
            carrier.sendcloud_public_key,
            carrier.sendcloud_secret_key,
            endpoint=carrier.sendcloud_endpoint,
            timeout=self.sendcloud_timeout,
        )

    def _sendcloud_option_code(self, for_label=False):
        self.ensure_one()
        if for_label and not self.prod_environment:
            # Test environment: free "unstamped letter" labels, never charged.
            return sendcloud_client.TEST_SHIPPING_OPTION
        if not self.sendcloud_shipping_option_code:
            raise UserError(
                self.env._(
                    "The carrier %(carrier)s has no Sendcloud shipping option: fill "
                    "in the field 'Sendcloud Shipping Option' (e.g. "
                    "'postnl:standard').",
                    carrier=self.display_name,
                )
            )
        return self.sendcloud_shipping_option_code.strip()

    def _sendcloud_address(self, partner, record):
        """Sendcloud address of a partner; a clear error names what is missing."""
        labels = {
            "street": self.env._("Street"),
            "zip": self.env._("ZIP"),
            "city": self.env._("City"),
            "country_id": self.env._("Country"),
        }
        missing = [label for field, label in labels.items() if not partner[field]]
        if missing:
            raise UserError(
                self.env._(
                    "%(record)s: the address of %(partner)s lacks %(fields)s.",
                    record=record.display_name,
                    partner=partner.display_name or partner.name,
                    fields=", ".join(missing),
                )
            )
        commercial = partner.commercial_partner_id
        address = {
            "name": partner.name or commercial.name,
            "address_line_1": partner.street,
            "postal_code": partner.zip,
            "city": partner.city,
            "country_code": partner.country_id.code,
        }
        optional = {
            "company_name": commercial.name
            if commercial.is_company and commercial != partner
            else (partner.name if partner.is_company else False),
            "address_line_2": partner.street2,
            "state_province_code": partner.state_id.code,
            "phone_number": partner.phone,
            "email": partner.email,
        }
        address.update({key: value for key, value in optional.items() if value})
        return address

    def _sendcloud_kg(self, weight):
        uom = self.env["product.template"]._get_weight_uom_id_from_ir_config_parameter()
        return uom._compute_quantity(weight, self.env.ref("uom.product_uom_kgm"))

    def _sendcloud_cm(self, length):
        uom = self.env["product.template"]._get_length_uom_id_from_ir_config_parameter()
        return uom._compute_quantity(length, self.env.ref("uom.product_uom_cm"))

    def _sendcloud_parcel(self, weight, dimension, commodities=(), currency=None):
        """One parcel of the API from an Odoo weight and dimension dict."""
        parcel = {"weight": sendcloud_client.weight(self._sendcloud_kg(weight))}
        dims = sendcloud_client.dimensions(
            self._sendcloud_cm(dimension.get("length") or 0),
            self._sendcloud_cm(dimension.get("width") or 0),
            self._sendcloud_cm(dimension.get("height") or 0),
        )
        if dims:
            parcel["dimensions"] = dims
        items = []
        for commodity in commodities:
            product = commodity.product_id
            item = {
                "description": (product.name or "")[:255],
                "quantity": max(1, int(commodity.qty)),
                "weight": sendcloud_client.weight(
                    self._sendcloud_kg(product.weight) or 0.001
                ),
                "price": {
                    "value": f"{commodity.monetary_value / max(1, commodity.qty):.2f}",
                    "currency": currency.name if currency else "EUR",
                },
            }
            if product.default_code:
                item["sku"] = product.default_code
            if product.hs_code:
                item["hs_code"] = product.hs_code
            if commodity.country_of_origin:
                item["origin_country"] = commodity.country_of_origin
            items.append(item)
        if items:
            parcel["parcel_items"] = items
        return parcel

    def _sendcloud_default_dimension(self):
        package_type = self.sendcloud_default_package_type_id
        return {
            "length": package_type.packaging_length,
            "width": package_type.width,
            "height": package_type.height,
        }

    def _sendcloud_picking_parcels(self, picking):
        """Parcels of a delivery: one per Odoo package, else ``parcel_count``
        parcels sharing the shipping weight evenly."""
        packages = picking.move_line_ids.result_package_id
        if packages:
            # One parcel per Odoo package (as _get_packages_from_picking does), with
            # the package's weight; before validation a package holds no quants
            # yet, so its weight is then the weight of the lines put in it.
            currency = picking.company_id.currency_id
            parcels = []
            for package in packages:
                lines = picking.move_line_ids.filtered(
                    lambda ml, package=package: ml.result_package_id == package
                )
                package_type = package.package_type_id or (
                    self.sendcloud_default_package_type_id
                )
                parcels.append(
                    self._sendcloud_parcel(
                        package.shipping_weight
                        or package.weight
                        or self._sendcloud_lines_weight(lines),
                        {
                            "length": package_type.packaging_length,
                            "width": package_type.width,
                            "height": package_type.height,
                        },
                        self._get_commodities_from_stock_move_lines(lines),
                        currency,
                    )
                )
            bulk = picking.move_line_ids.filtered(lambda ml: not ml.result_package_id)
            if bulk:
                parcels.append(
                    self._sendcloud_parcel(
                        self._sendcloud_lines_weight(bulk),
                        self._sendcloud_default_dimension(),
                        self._get_commodities_from_stock_move_lines(bulk),
                        currency,
                    )
                )
            for parcel in parcels:
                if float(parcel["weight"]["value"]) <= 0:
                    raise UserError(
                        self.env._(
                            "%(picking)s: a package has no weight; enter its "
                            "shipping weight.",
                            picking=picking.display_name,
                        )
                    )
        else:
            total = picking.shipping_weight or picking._get_estimated_weight()
            if not total or total <= 0:
                raise UserError(
                    self.env._(
                        "%(picking)s has no weight: enter the field 'Weight for "
                        "Shipping' (or weights on its products) before the label.",
                        picking=picking.display_name,
                    )
                )
            count = max(1, picking.parcel_count or 1)
            commodities = self._get_commodities_from_stock_move_lines(
                picking.move_line_ids
            )
            dimension = self._sendcloud_default_dimension()
            parcels = [
                self._sendcloud_parcel(
                    total / count,
                    dimension,
                    # The contents are declared once, on the first parcel.
                    commodities if index == 0 else (),
                    picking.company_id.currency_id,
                )
                for index in range(count)
            ]
        if len(parcels) > sendcloud_client.MAX_PARCELS:
            raise UserError(
                self.env._(
                    "%(picking)s has %(count)s parcels; Sendcloud takes at most "
                    "%(max)s parcels per shipment. Split the delivery.",
                    picking=picking.display_name,
                    count=len(parcels),
                    max=sendcloud_client.MAX_PARCELS,
                )
            )
        return parcels

    def _sendcloud_lines_weight(self, lines):
        return sum(
            line.product_uom_id._compute_quantity(line.quantity, line.product_id.uom_id)
            * line.product_id.weight
            for line in lines
        )

    def _sendcloud_sender(self, warehouse, company):
        return warehouse.partner_id or company.partner_id

    def _sendcloud_message(self, exc):
        """The seller's words (translated) for a client exception."""
        sc = sendcloud_client
        if isinstance(exc, sc.SendcloudAuthError):
            return self.env._(
                "Sendcloud refused the API keys (HTTP %(status)s): %(detail)s. Check "
                "the public and secret keys of the carrier %(carrier)s.",
                status=exc.status,
                detail=exc.detail,
                carrier=self.display_name,
            )
        if isinstance(exc, sc.SendcloudValidationError):
            return self.env._(
                "Sendcloud refused the data: %(detail)s", detail=exc.detail
            )
        if isinstance(exc, sc.SendcloudRateLimited):
            if exc.retry_after is None:
                return self.env._("Sendcloud asks to slow down; retry in a minute.")
            return self.env._(
                "Sendcloud asks to slow down; retry in %(seconds)s s.",
                seconds=exc.retry_after,
            )
        if isinstance(exc, sc.SendcloudServerError):
            return self.env._(
                "Sendcloud is unavailable (HTTP %(status)s); try again in a few "
                "minutes.",
                status=exc.status,
            )
        if isinstance(exc, sc.SendcloudTimeout):
            if exc.timeout:
                return self.env._(
                    "Sendcloud did not answer within %(seconds)s s; try again.",
                    seconds=exc.timeout,
                )
            return self.env._(
                "Sendcloud cannot be reached: %(detail)s", detail=exc.detail
            )
        if isinstance(exc, sc.SendcloudNoRate):
            return self.env._(
                "Sendcloud has no price for the shipping option %(option)s to this "
                "address and weight.",
                option=exc.option,
            )
        if isinstance(exc, sc.SendcloudAnnouncementError):
            return self.env._(
                "The carrier refused the shipment: %(detail)s", detail=exc.detail
            )
        if exc.status == 409:
            return self.env._(
                "Sendcloud cannot cancel this shipment: %(detail)s", detail=exc.detail
            )
        return self.env._("Sendcloud answered: %(detail)s", detail=exc.detail)

    def _sendcloud_error(self, record, exc):
        """A UserError naming the record, from a client exception."""
        return UserError(
            self.env._(
                "Sendcloud, %(record)s: %(message)s",
                record=record.display_name,
                message=self._sendcloud_message(exc),
            )
        )

    # -- rates ---------------------------------------------------------------------
    def sendcloud_rate_request(self, order):
        """The HTTP request that rates ``order`` with this carrier, not sent.

        :returns: ``dict(method, url, headers, json, timeout)``, ready for
            ``requests.request(**req)`` (or any client run concurrently)
        :raises UserError: when the carrier or the order cannot be rated (no
            keys, no shipping option, incomplete address, no weight)
        """
        self.ensure_one()
        client = self._sendcloud_client()
        code = self._sendcloud_option_code()
        partner = order.partner_shipping_id
        sender = self._sendcloud_sender(order.warehouse_id, order.company_id)
        default_type = self.sendcloud_default_package_type_id
        packages = self._get_packages_from_order(order, default_type)
        parcels = [
            self._sendcloud_parcel(package.weight, package.dimension)
            for package in packages
        ]
        payload = sendcloud_client.rate_payload(
            self._sendcloud_address(sender, order),
            self._sendcloud_address(partner, order),
            parcels,
            code,
            self.sendcloud_contract_id,
        )
        return client.build("POST", "/shipping-options", payload)

    def sendcloud_rate_parse(self, order, status_code, body, headers=None):
        """Read the answer to :meth:`sendcloud_rate_request`.

        :param status_code: the HTTP status, or None when no answer came (the
            caller's request timed out or could not connect)
        :returns: the dict of ``rate_shipment`` (``success``, ``price`` in the
            order's currency, ``error_message``, ``warning_message``) plus
            ``transit_days`` (int, or False when Sendcloud gives no lead time)
        """
        self.ensure_one()
        if status_code is None:
            return self._sendcloud_rate_failure(
                self.env._(
                    "Sendcloud (%(carrier)s): %(message)s",
                    carrier=self.display_name,
                    message=self._sendcloud_message(
                        sendcloud_client.SendcloudTimeout(
                            "no answer", timeout=self.sendcloud_timeout
                        )
                    ),
                )
            )
        try:
            rate = sendcloud_client.parse_rate(
                status_code, body, self._sendcloud_option_code(), headers
            )
        except (sendcloud_client.SendcloudError, UserError) as exc:
            message = (
                self._sendcloud_message(exc)
                if isinstance(exc, sendcloud_client.SendcloudError)
                else str(exc)
            )
            return {
                "success": False,
                "price": 0.0,
                "error_message": self.env._(
                    "Sendcloud (%(carrier)s): %(message)s",
                    carrier=self.display_name,
                    message=message,
                ),
                "warning_message": False,
                "transit_days": False,
            }
        price = rate["price"]
        currency = self.env["res.currency"].search(
            [("name", "=", rate["currency"])], limit=1
        )
        target = order.currency_id or order.company_id.currency_id
        if currency and currency != target:
            price = currency._convert(
                price, target, order.company_id, order.date_order or fields.Date.today()
            )
        return {
            "success": True,
            "price": price,
            "error_message": False,
            "warning_message": False,
            "transit_days": rate["transit_days"] or False,
        }

    def sendcloud_rate_shipment(self, order):
        self.ensure_one()
        try:
            request = self.sendcloud_rate_request(order)
            client = self._sendcloud_client()
            status, body, headers = client.send(request)
        except UserError as exc:
            return self._sendcloud_rate_failure(str(exc))
        except sendcloud_client.SendcloudError as exc:
            return self._sendcloud_rate_failure(
                self.env._(
                    "Sendcloud (%(carrier)s): %(message)s",
                    carrier=self.display_name,
                    message=self._sendcloud_message(exc),
                )
            )
        return self.sendcloud_rate_parse(order, status, body, headers)

    def _sendcloud_rate_failure(self, message):
        return {
            "success": False,
            "price": 0.0,
            "error_message": message,
            "warning_message": False,
            "transit_days": False,
        }

    # -- labels ----------------------------------------------------------------------
    def _sendcloud_shipment_payload(self, picking):
        sender = self._sendcloud_sender(
            picking.picking_type_id.warehouse_id, picking.company_id
        )
        ship_with = {"shipping_option_code": self._sendcloud_option_code(True)}
        if self.prod_environment and self.sendcloud_contract_id:
            ship_with["contract_id"] = self.sendcloud_contract_id
        payload = {
            "label_details": {"mime_type": "application/pdf", "dpi": 72},
            "from_address": self._sendcloud_address(sender, picking),
            "to_address": self._sendcloud_address(picking.partner_id, picking),
            "ship_with": {"type": "shipping_option_code", "properties": ship_with},
            "order_number": (picking.sale_id.name or picking.origin or picking.name)[
                :255
            ],
            "reference": picking.name,
            # Unique per attempt: finds the shipment again when its announcement
            # timed out (GET /shipments?external_reference_id=...).
            "external_reference_id": f"odoo-{picking.id}-{uuid.uuid4().hex[:12]}",
            "parcels": self._sendcloud_picking_parcels(picking),
        }
        return payload

    def sendcloud_send_shipping(self, pickings):
        self.ensure_one()
        results = []
        for picking in pickings:
            results.append(self._sendcloud_ship_one(picking))
        return results

    def _sendcloud_ship_one(self, picking):
        """Announce one delivery and attach its labels; all or nothing."""
        client = self._sendcloud_client()
        payload = self._sendcloud_shipment_payload(picking)
        price = self._sendcloud_picking_price(client, picking, payload)
        try:
            shipment = client.announce(payload)
        except sendcloud_client.SendcloudAnnouncementError as exc:
            self._sendcloud_cancel_quietly(client, exc.shipment_id)
            raise self._sendcloud_error(picking, exc) from exc
        except (
            sendcloud_client.SendcloudTimeout,
            sendcloud_client.SendcloudServerError,
        ) as exc:
            # The answer is lost, not necessarily the shipment: cancel whatever
            # Sendcloud made with this attempt's reference.
            self._sendcloud_cancel_orphans(client, payload["external_reference_id"])
            raise self._sendcloud_error(picking, exc) from exc
        except sendcloud_client.SendcloudError as exc:
            raise self._sendcloud_error(picking, exc) from exc
        try:
            labels = [
                parcel["label"] or client.label(parcel["id"])
                for parcel in shipment["parcels"]
            ]
        except sendcloud_client.SendcloudError as exc:
            # The shipment exists at Sendcloud but we hold no label for it: cancel
            # it so that nothing is billed for a parcel Odoo does not know about.
            self._sendcloud_cancel_quietly(client, shipment["shipment_id"])
            raise self._sendcloud_error(picking, exc) from exc
        parcels = shipment["parcels"]
        numbers = [parcel["tracking_number"] for parcel in parcels]
        if len(parcels) == 1:
            tracking_url = parcels[0]["tracking_url"] or False
        else:
            tracking_url = json.dumps(
                [[p["tracking_number"], p["tracking_url"]] for p in parcels]
            )
        picking.write(
            {
                "sendcloud_shipment_id": shipment["shipment_id"],
                "sendcloud_tracking_url": tracking_url,
            }
        )
        prefix = self._get_delivery_label_prefix()
        attachments = self.env["ir.attachment"].create(
            [
                {
                    "name": f"{prefix}-{number}.pdf",
                    "type": "binary",
                    "raw": label,
                    "mimetype": "application/pdf",
                    "res_model": "stock.picking",
                    "res_id": picking.id,
                }
                for number, label in zip(numbers, labels, strict=True)
            ]
        )
        picking.message_post(
            body=self.env._(
                "Sendcloud label(s) created for %(count)s parcel(s): %(numbers)s",
                count=len(parcels),
                numbers=", ".join(numbers),
            ),
            attachment_ids=attachments.ids,
        )
        return {"exact_price": price, "tracking_number": ",".join(numbers)}

    def _sendcloud_picking_price(self, client, picking, payload):
        """What Sendcloud charges for the delivery's parcels, in the order's
        currency; 0.0 (and a note on the delivery) when it gives no price."""
        parcels = [
            {key: value for key, value in parcel.items() if key != "parcel_items"}
            for parcel in payload["parcels"]
        ]
        code = self._sendcloud_option_code()
        rate_payload = sendcloud_client.rate_payload(
            payload["from_address"],
            payload["to_address"],
            parcels,
            code,
            self.sendcloud_contract_id,
        )
        try:
            rate = client.rate(rate_payload, code)
        except sendcloud_client.SendcloudError as exc:
            picking.message_post(
                body=self.env._(
                    "Sendcloud gave no price for this delivery (%(message)s); the "
                    "shipping cost is left at 0.",
                    message=self._sendcloud_message(exc),
                )
            )
            return 0.0
        currency = self.env["res.currency"].search(
            [("name", "=", rate["currency"])], limit=1
        )
        target = picking.sale_id.currency_id or picking.company_id.currency_id
        price = rate["price"]
        if currency and currency != target:
            price = currency._convert(
                price, target, picking.company_id, fields.Date.today()
            )
        return price

    def _sendcloud_cancel_orphans(self, client, reference):
        try:
            shipment_ids = client.find_shipments(reference)
        except sendcloud_client.SendcloudError as exc:
            _logger.warning(
                "Sendcloud shipments with reference %s could not be looked up after "
                "a failed announcement; check the Sendcloud panel: %s",
                reference,
                exc,
            )
            return
        for shipment_id in shipment_ids:
            self._sendcloud_cancel_quietly(client, shipment_id)

    def _sendcloud_cancel_quietly(self, client, shipment_id):
        if not shipment_id:
            return
        try:
            client.cancel(shipment_id)
        except sendcloud_client.SendcloudError as exc:
            _logger.warning(
                "Sendcloud shipment %s could not be cancelled after a failed label: %s",
                shipment_id,
                exc,
            )

    def sendcloud_get_tracking_link(self, picking):
        # One parcel: Sendcloud's tracking page; several: Odoo's JSON list of
        # [tracking number, url] (see stock.picking.open_website_url).
        return picking.sendcloud_tracking_url or False

    def sendcloud_cancel_shipment(self, pickings):
        self.ensure_one()
        client = self._sendcloud_client()
        for picking in pickings.filtered("sendcloud_shipment_id"):
            try:
                status = client.cancel(picking.sendcloud_shipment_id)
            except sendcloud_client.SendcloudError as exc:
                raise self._sendcloud_error(picking, exc) from exc
            if status == "queued":
                body = self.env._(
                    "Sendcloud shipment %(shipment)s: cancellation queued; Sendcloud "
                    "cancels it if the parcel is not scanned.",
                    shipment=picking.sendcloud_shipment_id,
                )
            else:
                body = self.env._(
                    "Sendcloud shipment %(shipment)s cancelled.",
                    shipment=picking.sendcloud_shipment_id,
                )
            picking.message_post(body=body)
            picking.write(
                {"sendcloud_shipment_id": False, "sendcloud_tracking_url": False}
            )
