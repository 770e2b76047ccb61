# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_is_zero
from odoo.tools.pdf import merge_pdf

_logger = logging.getLogger(__name__)

JOB_CHANNEL = "root.shipping_label"


class StockPicking(models.Model):
    _inherit = "stock.picking"

    shipping_mail_sent = fields.Boolean(
        string="Shipping e-mail sent",
        copy=False,
        readonly=True,
        help="The customer received the e-mail with the tracking link.",
    )
    shipping_label_state = fields.Selection(
        [("queued", "Queued"), ("failed", "Failed")],
        string="Label",
        copy=False,
        readonly=True,
    )
    shipping_label_error = fields.Char(string="Label error", copy=False, readonly=True)
    shipping_needs_tracking = fields.Boolean(
        related="sale_id.team_id.shipping_needs_tracking",
        string="Channel needs tracking",
    )

    # ---------------------------------------------------------------- tracking mail
    def write(self, vals):
        res = super().write(vals)
        if vals.get("carrier_tracking_ref"):
            self._fulfillment_send_tracking_mail()
        return res

    def _action_done(self):
        res = super()._action_done()
        self._fulfillment_send_tracking_mail()
        return res

    def _fulfillment_tracking_recipient(self):
        """Who receives the shipping e-mail: the customer who ordered (the order's
        customer), also for a gift sent to someone else: the buyer follows the
        parcel and the surprise is not spoilt (invoices go to the buyer too)."""
        self.ensure_one()
        return self.sale_id.partner_id or self.partner_id

    def _fulfillment_send_tracking_mail(self):
        """E-mail the tracking link once per done customer delivery of an order."""
        template = self.env.ref(
            "fulfillment_shipping.mail_template_shipping_tracking",
            raise_if_not_found=False,
        )
        if not template:
            return
        # sudo: the e-mail is the shop's message to its customer; the worker who
        # validates or types the tracking number may not read orders or customers.
        for picking in self.sudo():
            if (
                picking.shipping_mail_sent
                or picking.state != "done"
                or picking.picking_type_code != "outgoing"
                or not picking.carrier_tracking_ref
                or not picking.sale_id
            ):
                continue
            recipient = picking._fulfillment_tracking_recipient()
            if not recipient.email:
                picking.message_post(
                    body=self.env._(
                        "No shipping e-mail sent: %(partner)s has no e-mail address.",
                        partner=recipient.display_name,
                    )
                )
                picking.shipping_mail_sent = True
                continue
            picking.shipping_mail_sent = True
            picking.message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=recipient.ids,
            )

    @api.model
    def _fulfillment_untracked_domain(self):
        return [
            ("picking_type_code", "=", "outgoing"),
            ("state", "=", "done"),
            ("carrier_tracking_ref", "=", False),
            ("sale_id.team_id.shipping_needs_tracking", "=", True),
        ]

    @api.model
    def action_shipped_without_tracking(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "fulfillment_shipping.stock_picking_action_untracked"
        )
        action["domain"] = self._fulfillment_untracked_domain()
        return action

    def _add_delivery_cost_to_so(self):
        """A channel that sets the carrier only (marketplace orders: the customer
        paid shipping to the marketplace) never gets the label's cost as a line."""
        if self.sale_id.team_id.shipping_charge == "carrier":
            return
        return super()._add_delivery_cost_to_so()

    # ---------------------------------------------------------------- batch labels
    def _fulfillment_needs_label(self):
        self.ensure_one()
        return (
            self.picking_type_code == "outgoing"
            and self.state not in ("draft", "cancel")
            and self.carrier_id.integration_level == "rate_and_ship"
            # Odoo's own price-rule and fixed carriers make no labels
            and self.carrier_id.delivery_type not in ("fixed", "base_on_rule")
            and not self.carrier_tracking_ref
        )

    def action_create_labels(self):
        """Queue one label job per delivery of the selection that has none yet."""
        self.check_access("write")
        todo = self.filtered(lambda p: p._fulfillment_needs_label())
        labelled = self.filtered("carrier_tracking_ref")
        for picking in todo:
            picking.with_delay(
                channel=JOB_CHANNEL,
                identity_key=f"fulfillment_shipping:label:{picking.id}",
                description=self.env._(
                    "Create the shipping label of %(name)s", name=picking.name
                ),
            )._fulfillment_label_job()
        todo.write({"shipping_label_state": "queued", "shipping_label_error": False})
        parts = [
            self.env._(
                "%(count)s of %(total)s labels queued.",
                count=len(todo),
                total=len(self),
            )
        ]
        if labelled:
            parts.append(
                self.env._("%(count)s already have a label.", count=len(labelled))
            )
        others = len(self) - len(todo) - len(labelled)
        if others:
            parts.append(
                self.env._(
                    "%(count)s have no carrier that makes labels or are cancelled.",
                    count=others,
                )
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Shipping labels"),
                "message": " ".join(parts),
                "type": "success" if todo else "warning",
                "sticky": False,
            },
        }

    def _fulfillment_label_job(self):
        """Queue job: the carrier creates the label (Odoo's send_to_shipper). A
        refusal (bad address, missing weight...) is kept on the delivery as the
        label error, so the job does not retry what cannot succeed."""
        done = 0
        for picking in self:
            if not picking._fulfillment_needs_label():
                picking.shipping_label_state = False
                continue
            try:
                with self.env.cr.savepoint():
                    # sudo: as Odoo does on validation (_send_confirmation_email):
                    # the carrier records its cost on the delivery and the order,
                    # which the warehouse worker may not read.
                    picking.sudo().send_to_shipper()
            except UserError as exc:
                picking.write(
                    {"shipping_label_state": "failed", "shipping_label_error": str(exc)}
                )
                picking.message_post(
                    body=self.env._(
                        "The label could not be created: %(error)s", error=exc
                    )
                )
                continue
            picking.write(
                {"shipping_label_state": False, "shipping_label_error": False}
            )
            done += 1
        return f"{done} label(s) created"

    def _fulfillment_label_attachments(self):
        """The shipping label PDFs of the deliveries (not return labels), newest
        label of each delivery last."""
        attachments = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "stock.picking"),
                ("res_id", "in", self.ids),
                ("mimetype", "=", "application/pdf"),
                ("name", "=ilike", "label%"),
                ("name", "not ilike", "labelreturn"),
            ],
            order="res_id, id",
        )
        return attachments

    def _fulfillment_merged_labels(self):
        """One PDF attachment with every label of the deliveries, in their order,
        or an empty recordset when none has a label."""
        attachments = self._fulfillment_label_attachments()
        if not attachments:
            return attachments
        by_picking = {}
        for attachment in attachments:
            by_picking.setdefault(attachment.res_id, []).append(attachment)
        datas = [
            attachment.raw
            for picking in self
            for attachment in by_picking.get(picking.id, [])
        ]
        if len(datas) == 1:
            return attachments
        # a stand-alone attachment: readable by whoever created it only
        return self.env["ir.attachment"].create(
            {
                "name": self.env._("Labels.pdf"),
                "raw": merge_pdf(datas),
                "mimetype": "application/pdf",
            }
        )

    def action_print_labels(self):
        """One PDF with every label of the selection, in the selection's order."""
        self.check_access("read")
        merged = self._fulfillment_merged_labels()
        if not merged:
            raise UserError(
                self.env._(
                    "None of the selected deliveries (%(names)s) has a label yet: "
                    "create the labels first.",
                    names=", ".join(self[:5].mapped("name"))
                    + (", ..." if len(self) > 5 else ""),
                )
            )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{merged.id}?download=false",
            "target": "new",
        }

    # ---------------------------------------------------------------- phone pack step
    def _bin_pack_data(self):
        """What the scan view asks after picking: weight and parcels (outgoing
        deliveries with a carrier only); the weight is prefilled from the products."""
        data = super()._bin_pack_data()
        if self.picking_type_code != "outgoing" or not self.carrier_id:
            return data
        weight = self.shipping_weight or self._get_estimated_weight()
        return {
            "carrier": self.carrier_id.name,
            "weight": round(weight, 3),
            "weight_uom": self.weight_uom_name,
            "parcel_count": self.parcel_count or 1,
            "parcels_editable": True,
            "makes_label": self.carrier_id.integration_level == "rate_and_ship",
        }

    def _bin_apply_pack(self, pack):
        super()._bin_apply_pack(pack)
        if not pack or not self._bin_pack_data():
            return
        try:
            weight = float(pack.get("weight") or 0.0)
            parcels = int(pack.get("parcel_count") or 1)
        except (TypeError, ValueError) as exc:
            raise UserError(
                self.env._(
                    "%(name)s: the weight and the number of parcels must be numbers.",
                    name=self.name,
                )
            ) from exc
        if float_is_zero(weight, precision_digits=3) or weight < 0:
            raise UserError(
                self.env._(
                    "%(name)s: enter the weight of the parcel (field Weight).",
                    name=self.name,
                )
            )
        if parcels < 1:
            raise UserError(
                self.env._(
                    "%(name)s: a delivery has at least one parcel (field Parcels).",
                    name=self.name,
                )
            )
        self.write({"shipping_weight": weight, "parcel_count": parcels})

    def _bin_validated_data(self):
        data = super()._bin_validated_data()
        if self.picking_type_code != "outgoing" or not self.carrier_id:
            return data
        label = self._fulfillment_merged_labels()
        data.update(
            {
                "tracking": self.carrier_tracking_ref or "",
                "label_url": f"/web/content/{label.id}?download=false" if label else "",
            }
        )
        return data
