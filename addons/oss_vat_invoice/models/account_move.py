# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from .. import vat_decision as vd
from ..legal_mentions import mention


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ("account.move", "oss.vat.decision.mixin")

    oss_threshold_warning = fields.Char(compute="_compute_oss_threshold_warning")

    # the distance sales of a year (res.company._oss_distance_sales) and the
    # destination-VAT invoices of the OMS home read these invoices only, from the
    # index alone (index-only scan: the amount and the move type are in it)
    _oss_distance_sales_idx = models.Index(
        "(company_id, oss_vat_rule, date) INCLUDE (amount_untaxed_signed, move_type) "
        "WHERE state = 'posted' AND move_type IN ('out_invoice', 'out_refund') "
        "AND oss_vat_rule IS NOT NULL"
    )

    # ---------------------------------------------------------------- decision
    def _oss_decision_inputs(self):
        delivery = self.partner_shipping_id
        if not delivery and self.partner_id:
            delivery = self.env["res.partner"].browse(
                self.partner_id.address_get(["delivery"])["delivery"]
            )
        on_date = self.invoice_date or self.date or fields.Date.context_today(self)
        return self.company_id, self.partner_id, delivery, on_date

    def _oss_decision_applies(self):
        return self.is_sale_document(include_receipts=False) and self.state == "draft"

    @api.depends(
        "partner_id",
        "partner_shipping_id",
        "company_id",
        "invoice_date",
        "move_type",
        "oss_customer_collects",
        "reversed_entry_id",
    )
    def _compute_oss_vat_rule(self):
        reversals = self.filtered(
            lambda m: m.reversed_entry_id.oss_vat_rule and m.state == "draft"
        )
        for move in reversals:
            # A credit note mirrors the invoice it corrects, whatever the threshold now.
            origin = move.reversed_entry_id
            move.oss_vat_rule = origin.oss_vat_rule
            move.oss_vat_note = origin.oss_vat_note
            move.oss_vat_country_id = origin.oss_vat_country_id
            move.oss_vat_hold = False
        posted = (self - reversals).filtered(lambda m: m.state != "draft")
        posted._oss_keep_stored_decision()
        return super(AccountMove, self - reversals - posted)._compute_oss_vat_rule()

    @api.depends("oss_vat_rule", "oss_vat_country_id")
    def _compute_fiscal_position_id(self):
        # Only drafts: adding the decision as a dependency must not touch the fiscal
        # position of a posted entry (e.g. when the module is installed).
        drafts = self.filtered(lambda m: m.state == "draft")
        (self - drafts)._oss_keep_stored(["fiscal_position_id"])
        res = super(AccountMove, drafts)._compute_fiscal_position_id()
        drafts._oss_apply_fiscal_position()
        return res

    @api.depends("oss_vat_rule", "company_id")
    def _compute_oss_threshold_warning(self):
        for move in self:
            move.oss_threshold_warning = False
            company = move.company_id
            if move.oss_vat_rule == vd.DISTANCE_LOCAL and move.state == "draft":
                current, previous = company._oss_distance_sales(
                    (move.invoice_date or move.date).year
                )
                state = company._oss_threshold_state(
                    current + move.amount_untaxed_signed, previous
                )
                if state in ("near", "exceeded"):
                    move.oss_threshold_warning = self.env._(
                        "Cross-border consumer sales reach %(percent)s %% of the EUR "
                        "%(threshold)s threshold: "
                        "from the sale that crosses it, destination VAT applies.",
                        percent=round(
                            100.0
                            * (current + move.amount_untaxed_signed)
                            / (company.oss_threshold or 1)
                        ),
                        threshold=f"{company.oss_threshold:,.0f}",
                    )

    # ---------------------------------------------------------------- posting
    def _post(self, soft=True):
        if not self.env.context.get("oss_vat_disable"):
            self._oss_check_before_post()
        return super()._post(soft=soft)

    def _oss_check_before_post(self):
        moves = self.filtered(
            lambda m: m.oss_vat_rule and m.is_sale_document() and m.state == "draft"
        )
        held = moves.filtered("oss_vat_hold")
        if held:
            raise UserError(
                self.env._(
                    "Invoice %(move)s is held: the VAT number %(vat)s of %(partner)s "
                    "waits for VIES "
                    "(field 'Held for VIES'). Post it once VIES confirms the number, "
                    "or change the "
                    "setting 'While VIES is pending'.",
                    move=held[0].display_name,
                    vat=held[0].commercial_partner_id.vat,
                    partner=held[0].commercial_partner_id.display_name,
                )
            )
        # The sale that crosses the threshold already takes destination VAT
        # (Art. 59c(2)):
        # add this batch's earlier invoices to the posted total as we go.
        running = defaultdict(float)
        cache = {}
        for move in moves.filtered(
            lambda m: m.oss_vat_rule == vd.DISTANCE_LOCAL
        ).sorted(lambda m: (m.invoice_date or m.date, m.id)):
            company = move.company_id
            on_date = move.invoice_date or move.date or fields.Date.context_today(self)
            key = (company.id, on_date.year)
            if key not in cache:
                cache[key] = company._oss_distance_sales(
                    on_date.year, exclude_move_ids=moves.ids
                )
            current, previous = cache[key]
            amount = move.amount_untaxed_signed
            if move.move_type == "out_invoice" and (
                current + running[key] + amount > company.oss_threshold
                or previous > company.oss_threshold
            ):
                company_, partner, delivery, on_date = move._oss_decision_inputs()
                values = move._oss_decide(
                    company_,
                    partner,
                    delivery,
                    on_date,
                    {key: (current + running[key], previous)},
                    amount,
                )
                kind = vd.RULE_FPOS_KIND[values["rule"]]
                country = self.env["res.country"].browse(values["country"])
                move.write(
                    {
                        "oss_vat_rule": values["rule"],
                        "oss_vat_note": values["note"],
                        "oss_vat_country_id": values["country"],
                        "fiscal_position_id": self.env["account.fiscal.position"]
                        ._oss_get_or_create(company, kind, country)
                        .id,
                    }
                )
                move._oss_recompute_line_taxes()
            running[key] += amount

    def _oss_recompute_line_taxes(self):
        for move in self:
            lines = move.invoice_line_ids.filtered(
                lambda line: line.display_type == "product" and line.product_id
            )
            commands = []
            for line in lines:
                taxes = line._get_computed_taxes()
                if taxes != line.tax_ids:
                    commands.append(
                        Command.update(line.id, {"tax_ids": [Command.set(taxes.ids)]})
                    )
            if commands:
                # one write per move: the tax lines are re-synchronised once
                move.write({"invoice_line_ids": commands})

    # ---------------------------------------------------------------- report
    def _oss_seller_vat(self):
        self.ensure_one()
        return self.fiscal_position_id.foreign_vat or self.company_id.vat or ""

    def _oss_seller_address(self):
        """The seller's address on one line: street, zip and city, country."""
        self.ensure_one()
        company = self.company_id
        city = " ".join(part for part in (company.zip, company.city) if part)
        parts = (company.street, company.street2, city, company.country_id.name)
        return ", ".join(part for part in parts if part)

    def _oss_seller_stamp(self):
        """Lines printed at the bottom of every page when wkhtmltopdf cannot print
        the report footer, in the customer's language, and the page label."""
        self.ensure_one()
        move = self.with_context(lang=self.partner_id.lang or self.env.lang)
        company = move.company_id
        first = " · ".join(
            part for part in (company.name, move._oss_seller_address()) if part
        )
        second = []
        vat = move._oss_seller_vat()
        if vat:
            second.append(
                move.env._(
                    "%(label)s: %(vat)s",
                    label=company.account_fiscal_country_id.vat_label
                    or move.env._("VAT"),
                    vat=vat,
                )
            )
        if company.company_registry:
            second.append(
                move.env._("Registry: %(number)s", number=company.company_registry)
            )
        if move.name and move.name != "/":
            second.append(move.name)
        page_label = move.env._("Page %(page)s / %(pages)s")
        return [first, " · ".join(second)], page_label

    def _oss_legal_mention(self):
        """The legal mention of the move's rule in the customer's language."""
        self.ensure_one()
        kind = vd.RULE_MENTIONS.get(self.oss_vat_rule)
        if not kind:
            return ""
        lang = self.partner_id.lang or self.env.lang
        country = self.oss_vat_country_id.with_context(lang=lang).name or ""
        return mention(kind, lang, country)

    def _oss_vat_summary(self):
        """Taxable amount and VAT per tax (rate), exemptions included, in the invoice
        currency: [{'label', 'rate', 'base', 'amount'}]."""
        self.ensure_one()
        sign = -1 if self.is_inbound() else 1
        base = defaultdict(float)
        vat = defaultdict(float)
        for line in self.line_ids:
            if line.display_type == "product":
                for tax in line.tax_ids:
                    base[tax] += sign * line.amount_currency
            elif line.tax_line_id:
                vat[line.tax_line_id] += sign * line.amount_currency
        rows = []
        for tax in sorted(set(base) | set(vat), key=lambda t: (-t.amount, t.id)):
            rows.append(
                {
                    "label": tax.invoice_label or tax.name,
                    "rate": tax.amount,
                    "base": base[tax],
                    "amount": vat[tax],
                }
            )
        return rows
