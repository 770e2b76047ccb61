from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        res = super()._action_done()
        self._letzshop_queue_tracking()
        return res

    def write(self, vals):
        res = super().write(vals)
        if (
            "carrier_tracking_ref" in vals or "carrier_id" in vals
        ) and not self.env.context.get("letzshop_no_tracking"):
            self.filtered(lambda p: p.state == "done")._letzshop_queue_tracking()
        return res

    def _letzshop_queue_tracking(self):
        """Send the tracking of done deliveries of Letzshop orders (as a job)."""
        for picking in self:
            # sudo: warehouse staff validate deliveries but may not read Letzshop
            # shipments; only the shipment of this picking's order is touched.
            shipment = picking.sudo().sale_id.letzshop_shipment_id
            if (
                not shipment
                or picking.picking_type_code != "outgoing"
                or picking.state != "done"
                or not picking.carrier_tracking_ref
            ):
                continue
            code = picking.carrier_tracking_ref
            if shipment.tracking_code == code and shipment.tracking_state in (
                "queued",
                "sent",
            ):
                continue
            carrier = picking.carrier_id or shipment.account_id.tracking_carrier_id
            if not carrier:
                # Never skipped in silence: the vendor sees it among the shipments
                # needing attention, sets a carrier and the number goes out.
                shipment.write(
                    {
                        "tracking_code": code,
                        "tracking_state": "failed",
                        "tracking_error": self.env._(
                            "Delivery %(picking)s has tracking number %(code)s but "
                            "no carrier, and the Letzshop account %(account)s has no "
                            "default carrier: set one of them (field Carrier or "
                            "Default Carrier).",
                            picking=picking.name,
                            code=code,
                            account=shipment.account_id.name,
                        ),
                    }
                )
                continue
            provider = carrier.letzshop_tracking_provider or carrier.name
            shipment._letzshop_enqueue_tracking(code, provider)
