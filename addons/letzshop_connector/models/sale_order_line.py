from collections import defaultdict

from odoo import api, fields, models

from .. import letzshop_schema as schema


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    letzshop_variant_id = fields.Char(readonly=True, copy=False)
    letzshop_sku = fields.Char(string="Letzshop SKU", readonly=True, copy=False)
    letzshop_ean = fields.Char(string="Letzshop EAN", readonly=True, copy=False)
    letzshop_price_unit = fields.Float(
        string="Letzshop Unit Price", readonly=True, copy=False, digits="Product Price"
    )
    letzshop_unit_ids = fields.Json(string="Letzshop Units", readonly=True, copy=False)
    letzshop_unit_states = fields.Json(readonly=True, copy=False)
    letzshop_available_qty = fields.Integer(
        string="Available",
        copy=False,
        help="Units to confirm on Letzshop; the others are declined.",
    )
    letzshop_unit_count = fields.Integer(
        string="Letzshop Units Ordered", compute="_compute_letzshop_unit_summary"
    )
    letzshop_unit_summary = fields.Char(
        string="Letzshop Decision", compute="_compute_letzshop_unit_summary"
    )
    letzshop_unmapped = fields.Boolean(
        string="Unknown Letzshop Product",
        compute="_compute_letzshop_unmapped",
        store=True,
    )

    @api.depends("product_id", "letzshop_unit_ids")
    def _compute_letzshop_unmapped(self):
        placeholder = self.env.ref(
            "letzshop_connector.product_letzshop_unmapped", raise_if_not_found=False
        )
        for line in self:
            line.letzshop_unmapped = bool(
                line.letzshop_unit_ids
                and placeholder
                and line.product_id == placeholder
            )

    @api.depends("letzshop_unit_ids", "letzshop_unit_states")
    def _compute_letzshop_unit_summary(self):
        labels = {
            schema.UNIT_STATE_PENDING: self.env._("to decide"),
            schema.UNIT_STATE_CONFIRMED: self.env._("confirmed"),
            schema.UNIT_STATE_DECLINED: self.env._("declined"),
            schema.UNIT_STATE_RETURNED: self.env._("returned"),
        }
        for line in self:
            line.letzshop_unit_count = len(line.letzshop_unit_ids or [])
            counts = defaultdict(int)
            for state in (line.letzshop_unit_states or {}).values():
                counts[state] += 1
            line.letzshop_unit_summary = ", ".join(
                f"{n} {labels.get(state, state)}" for state, n in counts.items()
            )

    @api.depends("letzshop_price_unit")
    def _compute_price_unit(self):
        # Lines from Letzshop keep the price the customer paid, whatever product
        # is chosen for them or whatever quantity Letzshop confirms.
        letzshop = self.filtered("letzshop_unit_ids")
        for line in letzshop:
            line.price_unit = line.letzshop_price_unit
            line.technical_price_unit = line.letzshop_price_unit
        return super(SaleOrderLine, self - letzshop)._compute_price_unit()

    def _letzshop_decisions(self):
        """[(unit_id, is_available)] for the pending units: the first 'Available'
        units of each line are confirmed, the others declined."""
        decisions = []
        for line in self.filtered("letzshop_unit_ids"):
            states = line.letzshop_unit_states or {}
            pending = [
                u
                for u in line.letzshop_unit_ids
                if states.get(u) == schema.UNIT_STATE_PENDING
            ]
            already = sum(
                1 for s in states.values() if s == schema.UNIT_STATE_CONFIRMED
            )
            to_confirm = max(0, line.letzshop_available_qty - already)
            decisions.extend(
                (uid, index < to_confirm) for index, uid in enumerate(pending)
            )
        return decisions

    def _compute_tax_ids(self):
        res = super()._compute_tax_ids()
        # The importer asks for VAT-included taxes at once, so that the amounts
        # are computed once, not computed and then recomputed after a swap. Only
        # when this override is the last one: the other modules' taxes (fiscal
        # positions, oss_vat_invoice) are then already chosen. Otherwise the
        # importer swaps them after the creation, as it does when a twin tax does
        # not exist yet (no tax is created while a line is computed).
        if (
            self.env.context.get("letzshop_price_included_taxes")
            and self._letzshop_tax_compute_is_last()
        ):
            twins = {}
            for line in self.filtered("letzshop_unit_ids"):
                taxes = line.tax_ids._origin
                if all(tax.price_include for tax in taxes):
                    continue
                swapped = [
                    self._letzshop_tax_twin(tax, twins, create=False) for tax in taxes
                ]
                if all(swapped):
                    line.tax_ids = self.env["account.tax"].union(*swapped)
        return res

    @api.model
    def _letzshop_tax_compute_is_last(self):
        """Whether no module overrides ``_compute_tax_ids`` after this one."""
        for klass in type(self).__mro__:
            if "_compute_tax_ids" in vars(klass):
                return klass is SaleOrderLine
        return False

    def _letzshop_use_price_included_taxes(self, twins=None):
        """Letzshop prices include VAT: swap every price-excluded tax chosen for the
        line (by Odoo, a fiscal position or oss_vat_invoice) for its VAT-included
        twin (same rate, accounts and tax grids), so the price stays the one the
        customer paid and totals match Letzshop's to the cent."""
        twins = {} if twins is None else twins
        groups = defaultdict(lambda: self.env["account.tax"])
        by_taxes = defaultdict(lambda: self.browse())
        for line in self.filtered("letzshop_unit_ids"):
            if all(tax.price_include for tax in line.tax_ids):
                continue
            by_taxes[line.tax_ids] |= line
        for taxes, lines in by_taxes.items():
            for tax in taxes:
                groups[taxes] |= self._letzshop_tax_twin(tax, twins)
            lines.write({"tax_ids": [fields.Command.set(groups[taxes].ids)]})

    @api.model
    def _letzshop_tax_twin(self, tax, twins, create=True):
        """The VAT-included tax with the same rate, group and accounts as ``tax``
        (created if missing, unless ``create`` is False: then empty)."""
        if tax.price_include:
            return tax
        if tax.id not in twins or (create and not twins[tax.id]):
            twin = self.env["account.tax"].search(
                [
                    ("company_id", "=", tax.company_id.id),
                    ("type_tax_use", "=", tax.type_tax_use),
                    ("amount_type", "=", tax.amount_type),
                    ("amount", "=", tax.amount),
                    ("tax_group_id", "=", tax.tax_group_id.id),
                    ("country_id", "=", tax.country_id.id),
                    ("tax_scope", "=", tax.tax_scope),
                    ("price_include_override", "=", "tax_included"),
                ],
                limit=1,
            )
            if not twin and create:
                # sudo: the import may run as a salesman, who cannot create taxes;
                # the twin copies the accountant's tax (rate, accounts, tax grids)
                # and only marks its price as VAT-included.
                twin = (
                    tax.sudo()
                    .copy(
                        {
                            "name": self.env._("%(tax)s (VAT incl.)", tax=tax.name),
                            "price_include_override": "tax_included",
                        }
                    )
                    .sudo(False)
                )
            twins[tax.id] = twin
        return twins[tax.id]
