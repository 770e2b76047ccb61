"""The binding of one Letzshop shipment to the sale order it became, with the
two calls that go back to Letzshop for it: the decision on its units and the
tracking number. How shipments are imported is in ``letzshop_importer.py``."""

import json

from odoo import api, fields, models

from .. import letzshop_api
from .. import letzshop_schema as schema
from .letzshop_account import MAX_ATTEMPTS


class LetzshopShipment(models.Model):
    """One Letzshop shipment, bound to the sale order it became.

    The (account, Letzshop id) pair is unique in the database: importing the same
    shipment twice, or from two workers at once, cannot give two orders."""

    _name = "letzshop.shipment"
    _description = "Letzshop Shipment"
    _order = "completed_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Shipment", required=True, readonly=True)
    letzshop_id = fields.Char(string="Letzshop ID", required=True, readonly=True)
    account_id = fields.Many2one(
        "letzshop.account",
        required=True,
        readonly=True,
        ondelete="restrict",
        index=True,
    )
    company_id = fields.Many2one(
        related="account_id.company_id", store=True, index=True, readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    order_number = fields.Char(string="Letzshop Order", readonly=True, index="btree")
    letzshop_order_id = fields.Char(string="Letzshop Order ID", readonly=True)
    completed_date = fields.Datetime(string="Ordered On", readonly=True)
    customer_email = fields.Char(readonly=True)
    partner_id = fields.Many2one(related="sale_order_id.partner_id", readonly=True)
    letzshop_total = fields.Monetary(readonly=True, currency_field="currency_id")
    order_total = fields.Monetary(
        related="sale_order_id.amount_total",
        string="Order Total",
        currency_field="currency_id",
    )
    total_differs = fields.Boolean(
        compute="_compute_total_differs",
        help="The sale order's total is not what the customer paid on Letzshop "
        "(declined units, changed prices or taxes).",
    )
    order_line_ids = fields.One2many(
        related="sale_order_id.order_line", string="Items", readonly=True
    )
    state = fields.Selection(
        [
            ("unconfirmed", "Unconfirmed"),
            ("confirmed", "Confirmed"),
            ("declined", "Declined"),
        ],
        string="Letzshop Status",
        readonly=True,
    )
    sale_order_id = fields.Many2one(
        "sale.order", readonly=True, index="btree_not_null", ondelete="set null"
    )
    decision_state = fields.Selection(
        [
            ("to_decide", "To Decide"),
            ("queued", "Sending"),
            ("done", "Decided"),
            ("failed", "Failed"),
        ],
        default="to_decide",
        readonly=True,
    )
    decision_error = fields.Text(readonly=True)
    has_pending_units = fields.Boolean(
        related="sale_order_id.letzshop_has_pending_units"
    )
    needs_attention = fields.Boolean(
        related="sale_order_id.letzshop_needs_attention", store=True, readonly=True
    )
    unknown_products = fields.Text(related="sale_order_id.letzshop_unknown_products")
    tracking_code = fields.Char(readonly=True)
    tracking_provider = fields.Char(readonly=True)
    tracking_state = fields.Selection(
        [("queued", "Sending"), ("sent", "Sent"), ("failed", "Failed")], readonly=True
    )
    tracking_sent_date = fields.Datetime(readonly=True)
    tracking_error = fields.Text(readonly=True)
    attention_reason = fields.Char(
        string="Needs Attention",
        compute="_compute_attention_reason",
        help="Why the row is shown in red.",
    )
    raw_payload = fields.Json(
        string="Payload (JSON)", readonly=True, help="The shipment as Letzshop sent it."
    )
    raw_payload_text = fields.Text(
        string="Raw Payload", compute="_compute_raw_payload_text", readonly=True
    )

    _letzshop_id_uniq = models.Constraint(
        "UNIQUE(account_id, letzshop_id)",
        "This Letzshop shipment is already imported for this account.",
    )

    @api.depends("raw_payload")
    def _compute_raw_payload_text(self):
        for shipment in self:
            shipment.raw_payload_text = json.dumps(shipment.raw_payload or {}, indent=2)

    @api.depends("letzshop_total", "order_total", "currency_id")
    def _compute_total_differs(self):
        for shipment in self:
            shipment.total_differs = bool(
                shipment.sale_order_id
                and shipment.currency_id.compare_amounts(
                    shipment.letzshop_total, shipment.order_total
                )
            )

    @api.depends("needs_attention", "decision_state", "tracking_state")
    def _compute_attention_reason(self):
        for shipment in self:
            reasons = []
            if shipment.needs_attention:
                reasons.append(self.env._("Unknown product"))
            if shipment.decision_state == "failed":
                reasons.append(self.env._("Decision not sent"))
            if shipment.tracking_state == "failed":
                reasons.append(self.env._("Tracking not sent"))
            if shipment.letzshop_id and not shipment.sale_order_id:
                reasons.append(self.env._("Not imported"))
            shipment.attention_reason = ", ".join(reasons) or False

    # -- buttons ----------
    def action_open_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_confirm_all(self):
        return self.sale_order_id.action_letzshop_confirm_all()

    def action_decline_all(self):
        return self.sale_order_id.action_letzshop_decline_all()

    def action_send_tracking(self):
        """Button on a shipment whose tracking could not be sent: send the tracking
        number of its done delivery again (once a carrier is set)."""
        self.check_access("write")
        for shipment in self.filtered(lambda s: s.tracking_state == "failed"):
            shipment.tracking_state = False
            shipment.sale_order_id.picking_ids._letzshop_queue_tracking()
        return True

    # -- decisions ----------
    def _letzshop_apply_unit_states(self, states):
        """Record Letzshop's unit states on the lines and make the order follow:
        declined units leave the line, an order with every unit declined is
        cancelled, one with every unit decided and some confirmed is confirmed."""
        for shipment in self:
            order = shipment.sale_order_id
            lines = order.order_line.filtered("letzshop_unit_ids")
            for line in lines:
                units = dict(line.letzshop_unit_states or {})
                new = {
                    uid: states[uid] for uid in line.letzshop_unit_ids if uid in states
                }
                if not new or all(units.get(k) == v for k, v in new.items()):
                    continue
                units.update(new)
                vals = {"letzshop_unit_states": units}
                if order.state in ("draft", "sent"):
                    vals["product_uom_qty"] = sum(
                        1 for s in units.values() if s != schema.UNIT_STATE_DECLINED
                    )
                line.write(vals)
            all_states = [
                s for line in lines for s in (line.letzshop_unit_states or {}).values()
            ]
            if not all_states or schema.UNIT_STATE_PENDING in all_states:
                continue
            shipment.decision_state = "done"
            if order.state not in ("draft", "sent"):
                continue
            if all(s == schema.UNIT_STATE_DECLINED for s in all_states):
                order._action_cancel()
                continue
            blocker = order.with_context(
                letzshop_decided=True
            )._confirmation_error_message()
            if blocker:
                # Decided on Letzshop (e.g. in its back office) but Odoo cannot
                # confirm yet: the order waits for the vendor, who is told why.
                order.message_post(body=blocker)
            else:
                if shipment.account_id.prices_include_vat:
                    lines._letzshop_use_price_included_taxes()
                order.with_context(letzshop_decided=True).action_confirm()

    def _letzshop_enqueue_decision(self):
        for shipment in self:
            shipment.write({"decision_state": "queued", "decision_error": False})
            shipment.with_delay(
                channel="root.letzshop",
                max_retries=MAX_ATTEMPTS,
                description=self.env._(
                    "Letzshop: send decision for %(s)s", s=shipment.name
                ),
            )._letzshop_job_send_decision()

    def _letzshop_job_send_decision(self):
        """Job: confirm/decline every pending unit as the lines say.

        A retryable fault retries the job (queue_job); any other fails it, and
        :meth:`_letzshop_on_decision_failed` shows why on the shipment."""
        self.ensure_one()
        # sudo: the decision may have been asked by a salesman; the job needs the
        # account's key and the shipment's payload, which the job alone reads.
        shipment = self.sudo().with_company(self.company_id)
        decisions = shipment.sale_order_id.order_line._letzshop_decisions()
        if not decisions:
            shipment.decision_state = "done"
            return "nothing to decide"
        account = shipment.account_id
        try:
            states = account._letzshop_client().confirm_inventory_units(decisions)
        except letzshop_api.LetzshopError as exc:
            account._letzshop_retry_or_raise(exc)
        missing = [uid for uid, _a in decisions if uid not in states]
        if missing:
            # Letzshop did not echo some units: assume our decision (it accepted
            # the call) and say so in the log.
            states.update(
                {
                    uid: schema.UNIT_STATE_CONFIRMED
                    if ok
                    else schema.UNIT_STATE_DECLINED
                    for uid, ok in decisions
                    if uid in missing
                }
            )
        shipment.decision_error = False
        shipment._letzshop_apply_unit_states(states)
        confirmed = sum(1 for _u, ok in decisions if ok)
        account._letzshop_log(
            "confirm",
            "success",
            self.env._(
                "%(c)s unit(s) confirmed, %(d)s declined.",
                c=confirmed,
                d=len(decisions) - confirmed,
            ),
            shipment.name,
            updated=1,
        )
        return f"{confirmed}/{len(decisions)} confirmed"

    def _letzshop_on_decision_failed(self, exc_name=None, exc_message=None, **_vals):
        """queue_job on-fail hook: the decision could not be sent."""
        # sudo: the job may have been asked by a salesman, who cannot write the
        # binding; only its decision state and error are written.
        for shipment in self.sudo():
            shipment.write({"decision_state": "failed", "decision_error": exc_message})
            shipment.account_id._letzshop_job_failed(
                "confirm", exc_name, exc_message, shipment.name
            )

    # -- tracking ----------
    def _letzshop_enqueue_tracking(self, code, provider):
        for shipment in self:
            shipment.write(
                {
                    "tracking_code": code,
                    "tracking_provider": provider,
                    "tracking_state": "queued",
                    "tracking_error": False,
                }
            )
            shipment.with_delay(
                channel="root.letzshop",
                max_retries=MAX_ATTEMPTS,
                description=self.env._(
                    "Letzshop: send tracking for %(s)s", s=shipment.name
                ),
            )._letzshop_job_send_tracking(code, provider)

    def _letzshop_job_send_tracking(self, code, provider):
        """Job: send a tracking number. Odoo keeps it whatever Letzshop answers."""
        self.ensure_one()
        # sudo: triggered by warehouse staff validating a delivery, who may not read
        # the shipment nor the account's key.
        shipment = self.sudo().with_company(self.company_id)
        account = shipment.account_id
        try:
            echoed = account._letzshop_client().set_tracking(
                shipment.letzshop_id, code, provider
            )
        except letzshop_api.LetzshopError as exc:
            account._letzshop_retry_or_raise(exc)
        shipment.write(
            {"tracking_state": "sent", "tracking_sent_date": fields.Datetime.now()}
        )
        note = ""
        if echoed.get("code") != code:
            # Known Letzshop quirk: the read-back of tracking is unreliable.
            note = self.env._(
                " Letzshop echoed %(echo)r; Odoo keeps %(code)s.",
                echo=echoed,
                code=code,
            )
        account._letzshop_log(
            "tracking",
            "success",
            self.env._(
                "Tracking %(code)s (%(provider)s) sent.", code=code, provider=provider
            )
            + note,
            shipment.name,
            updated=1,
        )
        return "sent"

    def _letzshop_on_tracking_failed(self, exc_name=None, exc_message=None, **_vals):
        """queue_job on-fail hook: the tracking number could not be sent."""
        # sudo: the job is asked by warehouse staff, who cannot write the binding.
        for shipment in self.sudo():
            shipment.write({"tracking_state": "failed", "tracking_error": exc_message})
            shipment.account_id._letzshop_job_failed(
                "tracking", exc_name, exc_message, shipment.name
            )
