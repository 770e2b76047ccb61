# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import dataclasses

from odoo import fields, models
from odoo.tools import SQL, format_amount

from .. import vat_decision as vd

RULE_SELECTION = [
    (vd.DOMESTIC, "Domestic sale: seller's VAT"),
    (vd.IC_SUPPLY, "Intra-Community supply: 0 % (Art. 138)"),
    (vd.DOMESTIC_VAT_BUYER, "Buyer identified in the seller's country: seller's VAT"),
    (vd.DISTANCE_LOCAL, "Distance sale under the EUR 10,000 threshold: seller's VAT"),
    (vd.OSS, "Distance sale: destination VAT (OSS)"),
    (vd.CUSTOMER_COLLECTS, "Customer collects the goods: seller's VAT"),
    (vd.EXPORT, "Export: 0 % (Art. 146)"),
    (vd.NOT_APPLICABLE, "Not decided: seller outside the EU"),
    ("manual", "Fiscal position set by hand on the customer"),
]


class OssVatDecisionMixin(models.AbstractModel):
    """EU VAT decision fields and their computation, shared by sale orders and
    invoices."""

    _name = "oss.vat.decision.mixin"
    _description = "EU VAT decision on a sales document"

    oss_vat_rule = fields.Selection(
        RULE_SELECTION,
        string="VAT rule",
        compute="_compute_oss_vat_rule",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
        help="The row of the EU VAT decision table that applies to this sale.",
    )
    oss_vat_note = fields.Text(
        string="Why this VAT",
        compute="_compute_oss_vat_rule",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
    )
    oss_vat_country_id = fields.Many2one(
        "res.country",
        string="VAT destination",
        compute="_compute_oss_vat_rule",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
        help="Member state whose rates apply (destination VAT), or where the goods "
        "arrive.",
    )
    oss_vat_hold = fields.Boolean(
        string="Held for VIES",
        compute="_compute_oss_vat_rule",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
        help="The customer's VAT number waits for VIES and the company holds such "
        "invoices.",
    )
    oss_customer_collects = fields.Boolean(
        string="Customer collects",
        help="The customer collects the goods or arranges the transport himself: not a "
        "distance sale, so the seller's VAT applies to consumers.",
    )

    # ---------------------------------------------------------------- hooks
    def _oss_decision_inputs(self):
        """(company, partner, delivery partner, date) of the document; to override."""
        raise NotImplementedError

    def _oss_decision_applies(self):
        """Whether the document gets a decision at all; to override."""
        return True

    # ---------------------------------------------------------------- compute
    def _compute_oss_vat_rule(self):
        threshold_cache = {}
        disabled = self.env.context.get("oss_vat_disable")
        for doc in self:
            values = {"rule": False, "note": False, "country": False, "hold": False}
            if (
                not disabled
                and doc.company_id.oss_vat_enabled
                and doc.partner_id
                and doc._oss_decision_applies()
            ):
                company, partner, delivery, on_date = doc._oss_decision_inputs()
                values = doc._oss_decide(
                    company, partner, delivery or partner, on_date, threshold_cache
                )
            doc.oss_vat_rule = values["rule"]
            doc.oss_vat_note = values["note"]
            doc.oss_vat_country_id = values["country"]
            doc.oss_vat_hold = values["hold"]

    def _oss_decide(
        self, company, partner, delivery, on_date, threshold_cache, extra_amount=0.0
    ):
        """Run the decision; return the values of the decision fields."""
        manual = (
            delivery.property_account_position_id
            or partner.property_account_position_id
        )
        if manual and not manual.oss_vat_kind:
            return {
                "rule": "manual",
                "note": self.env._(
                    "Fiscal position %(fpos)s is set by hand on %(partner)s: the EU "
                    "VAT decision does not apply.",
                    fpos=manual.display_name,
                    partner=(
                        delivery if delivery.property_account_position_id else partner
                    ).display_name,
                ),
                "country": False,
                "hold": False,
            }
        seller = company._oss_seller_country()
        if not delivery.country_id:
            return {
                "rule": False,
                "note": self.env._(
                    "No decision: the delivery address %(partner)s has no country.",
                    partner=delivery.display_name,
                ),
                "country": False,
                "hold": False,
            }
        commercial = partner.commercial_partner_id
        sale = vd.Sale(
            seller_country=(seller.code or "").upper(),
            delivery_country=delivery.country_id.code.upper(),
            delivery_zip=delivery.zip or "",
            delivery_state=delivery.state_id.code or "",
            delivery_city=delivery.city or "",
            customer_vat=commercial.vat or "",
            vies_status=company._oss_vies_status(commercial),
            customer_collects=self.oss_customer_collects,
            oss_opt_in=company._oss_opt_in_active(on_date),
            hold_when_pending=company.oss_vies_pending_policy == "hold",
        )
        decision = vd.decide(sale)
        current = previous = 0.0
        if decision.rule == vd.DISTANCE_LOCAL:
            # Only a cross-border consumer sale needs the running totals (one query per
            # company and year for the whole batch).
            key = (company.id, on_date.year)
            if key not in threshold_cache:
                threshold_cache[key] = company._oss_distance_sales(on_date.year)
            current, previous = threshold_cache[key]
            current += extra_amount
            if current > company.oss_threshold or previous > company.oss_threshold:
                decision = vd.decide(dataclasses.replace(sale, threshold_exceeded=True))
        country_key = ("country", decision.destination)
        if country_key not in threshold_cache:
            threshold_cache[country_key] = self.env["res.country"].search(
                [("code", "=", decision.destination)], limit=1
            )
        country = threshold_cache[country_key]
        return {
            "rule": decision.rule,
            "note": self._oss_rule_text(
                decision, company, commercial, current, previous, on_date
            ),
            "country": country.id,
            "hold": decision.hold,
        }

    def _oss_rule_text(self, decision, company, commercial, current, previous, on_date):
        """Human explanation of the decision, for the document and the auditor."""
        rules = dict(self._fields["oss_vat_rule"]._description_selection(self.env))
        parts = [
            self.env._(
                "Row %(row)s: %(rule)s.",
                row=decision.row,
                rule=rules.get(decision.rule, decision.rule),
            )
        ]
        destination = decision.destination
        if decision.territory:
            parts.append(
                self.env._(
                    "Delivery to %(territory)s (treated as %(country)s for VAT).",
                    territory=decision.territory,
                    country=destination,
                )
                if decision.rule != vd.EXPORT
                else self.env._(
                    "Delivery to %(territory)s, outside the EU VAT area.",
                    territory=decision.territory,
                )
            )
        else:
            parts.append(self.env._("Delivery to %(country)s.", country=destination))
        if commercial.vat:
            status = company._oss_vies_status(commercial)
            labels = dict(
                commercial._fields["oss_vies_status"]._description_selection(self.env)
            )
            check = commercial.oss_vies_last_check_id
            if status == "valid" and check:
                parts.append(
                    self.env._(
                        "Customer VAT number %(vat)s: VIES valid on %(date)s "
                        "(consultation %(ref)s).",
                        vat=commercial.vat,
                        date=check.checked_on,
                        ref=check.request_identifier or "-",
                    )
                )
            else:
                parts.append(
                    self.env._(
                        "Customer VAT number %(vat)s: VIES %(status)s.",
                        vat=commercial.vat,
                        status=labels.get(status, status),
                    )
                )
        if decision.vies_pending:
            parts.append(
                self.env._("Held until VIES confirms the number.")
                if decision.hold
                else self.env._(
                    "Invoiced as a consumer sale until VIES confirms the number; "
                    "never 0 % unverified."
                )
            )
        if decision.rule in (vd.DISTANCE_LOCAL, vd.OSS):
            if "opt_in" in decision.notes:
                parts.append(
                    self.env._("The company opted for destination VAT (Art. 59c(3)).")
                )
            else:
                parts.append(
                    self.env._(
                        "EU distance sales %(year)s: %(current)s, %(last)s: "
                        "%(previous)s (threshold %(threshold)s).",
                        year=on_date.year,
                        current=format_amount(self.env, current, company.currency_id),
                        last=on_date.year - 1,
                        previous=format_amount(self.env, previous, company.currency_id),
                        threshold=format_amount(
                            self.env, company.oss_threshold, company.currency_id
                        ),
                    )
                )
        return "\n".join(parts)

    def _oss_keep_stored(self, fnames):
        """Assign to ``self`` the values of ``fnames`` stored in the table: a posted
        invoice or confirmed order is never re-decided. Read with SQL because the
        cache of a field being computed holds nothing to keep."""
        ids = [rid for rid in self.ids if isinstance(rid, int)]
        stored = {}
        if ids:
            self.env.cr.execute(
                SQL(
                    "SELECT id, %s FROM %s WHERE id IN %s",
                    SQL(", ").join(SQL.identifier(fname) for fname in fnames),
                    SQL.identifier(self._table),
                    tuple(ids),
                )
            )
            stored = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for doc in self:
            values = stored.get(doc.id, (False,) * len(fnames))
            for fname, value in zip(fnames, values, strict=True):
                doc[fname] = value or False

    def _oss_keep_stored_decision(self):
        self._oss_keep_stored(
            ["oss_vat_rule", "oss_vat_note", "oss_vat_country_id", "oss_vat_hold"]
        )

    def _oss_apply_fiscal_position(self):
        """Set our fiscal position on documents that carry a decision."""
        cache = {}
        for doc in self:
            kind = vd.RULE_FPOS_KIND.get(doc.oss_vat_rule)
            if not kind:
                continue
            key = (doc.company_id, kind, doc.oss_vat_country_id)
            if key not in cache:
                cache[key] = self.env["account.fiscal.position"]._oss_get_or_create(
                    doc.company_id, kind, doc.oss_vat_country_id
                )
            doc.fiscal_position_id = cache[key]
