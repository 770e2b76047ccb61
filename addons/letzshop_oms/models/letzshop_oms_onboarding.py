from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .letzshop_oms_onboarding_step import STEPS

VENDOR_OR_ADMIN = ("letzshop_oms.group_oms_vendor", "base.group_erp_manager")


class LetzshopOmsOnboarding(models.Model):
    """The onboarding checklist of a company: what a new seller sets up, in order.

    One record per company, made the first time the checklist is opened. The steps
    read their state from the database (see ``_oms_onboarding_facts``); the fields
    below are the answers that the database holds nowhere else, and the company's
    VAT and OSS settings edited from the checklist's own small forms."""

    _name = "letzshop.oms.onboarding"
    _description = "Onboarding checklist"
    _rec_name = "company_id"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
        ondelete="cascade",
    )
    step_ids = fields.One2many("letzshop.oms.onboarding.step", "onboarding_id")
    done_count = fields.Integer(compute="_compute_progress")
    step_count = fields.Integer(compute="_compute_progress")
    progress = fields.Char(compute="_compute_progress")
    # company and VAT: the VAT number lives on the company's partner, which the
    # vendor (a contact manager) may edit; VIES's answer is oss_vat_invoice's.
    vat = fields.Char(
        string="VAT number", related="company_id.partner_id.vat", readonly=False
    )
    vies_status = fields.Selection(
        related="company_id.partner_id.oss_vies_status", string="VIES status"
    )
    vies_vat = fields.Char(
        related="company_id.partner_id.oss_vies_vat", string="VAT number checked"
    )
    # OSS: the company's own settings (oss_vat_invoice) and the seller's estimate
    oss_opt_in = fields.Boolean(
        string="Opted for destination VAT (OSS)",
        compute="_compute_oss_opt_in",
        inverse="_inverse_oss_opt_in",
        help="Charge the VAT of the customer's country on every sale to consumers "
        "in other EU countries, whatever the EUR 10,000 threshold. Binding for two "
        "calendar years.",
    )
    oss_threshold_state = fields.Selection(
        related="company_id.oss_threshold_state", string="Threshold status"
    )
    expected_cross_border_volume = fields.Selection(
        [
            ("none", "No sales to consumers in other EU countries"),
            ("below", "Less than EUR 10,000 a year"),
            ("above", "More than EUR 10,000 a year"),
        ],
        string="Expected cross-border sales",
        help="Sales of goods shipped to consumers in other EU countries, all "
        "countries together, per calendar year. Above EUR 10,000 the VAT of the "
        "customer's country is due, declared through the OSS.",
    )
    oss_advice = fields.Char(compute="_compute_oss_advice")

    _company_uniq = models.Constraint(
        "UNIQUE(company_id)", "A company has one onboarding checklist."
    )

    # ------------------------------------------------------------- computes
    @api.depends("step_ids.state")
    def _compute_progress(self):
        for onboarding in self:
            states = onboarding.step_ids.mapped("state")
            onboarding.done_count = states.count("done")
            onboarding.step_count = len(states)
            onboarding.progress = self.env._(
                "%(done)s of %(total)s done",
                done=onboarding.done_count,
                total=onboarding.step_count,
            )

    @api.depends("company_id.oss_opt_in")
    def _compute_oss_opt_in(self):
        for onboarding in self:
            onboarding.oss_opt_in = onboarding.company_id.oss_opt_in

    def _inverse_oss_opt_in(self):
        self._oms_onboarding_check_manager()
        for onboarding in self:
            if onboarding.company_id.oss_opt_in != onboarding.oss_opt_in:
                # sudo: the company's settings need Settings rights; the vendor
                # owns the company and changes this one field of their own
                # company (checked above), as the OSS step asks.
                onboarding.company_id.sudo().oss_opt_in = onboarding.oss_opt_in

    @api.depends("expected_cross_border_volume", "oss_opt_in")
    def _compute_oss_advice(self):
        for onboarding in self:
            volume = onboarding.expected_cross_border_volume
            if volume == "above" and not onboarding.oss_opt_in:
                advice = self.env._(
                    "Above EUR 10,000 the customer's VAT is due: register for the "
                    "OSS with the AED and tick 'Opted for destination VAT (OSS)'."
                )
            elif volume in ("none", "below"):
                advice = self.env._(
                    "Luxembourg VAT applies to your sales; the OMS warns you when "
                    "this year's cross-border sales near EUR 10,000."
                )
            else:
                advice = False
            onboarding.oss_advice = advice

    # ------------------------------------------------------------- facts
    def _oms_onboarding_facts(self):
        """{step code: done?} from what the company's database holds."""
        self.ensure_one()
        company = self.company_id
        partner = company.partner_id
        env = self.env
        # sudo: the checklist counts records (accounts, users, sync logs) to tell
        # the seller what is set up; it shows no field of them.
        su = env(su=True)
        accounts = su["letzshop.account"].search([("company_id", "=", company.id)])
        role_groups = [
            env.ref(xmlid).id
            for xmlid in (
                "letzshop_oms.group_oms_vendor",
                "letzshop_oms.group_oms_warehouse",
                "letzshop_oms.group_oms_accountant",
            )
        ]
        return {
            "vat": bool(
                partner.vat
                and partner.oss_vies_status == "valid"
                and partner.oss_vies_vat == partner.vat
            ),
            "oss": bool(self.expected_cross_border_volume),
            "letzshop_connect": bool(accounts.filtered(lambda a: a.state == "ok")),
            "letzshop_import": bool(
                accounts
                and su["letzshop.sync.log"].search_count(
                    [
                        ("account_id", "in", accounts.ids),
                        ("operation", "=", "import"),
                        ("state", "=", "success"),
                    ],
                    limit=1,
                )
            ),
            "catalogue": bool(
                su["product.template"].search_count(
                    [
                        ("type", "=", "consu"),
                        ("sale_ok", "=", True),
                        ("company_id", "in", (company.id, False)),
                    ],
                    limit=1,
                )
            ),
            "bins": bool(
                su["stock.location"].search_count(
                    [
                        ("usage", "=", "internal"),
                        ("location_id.usage", "=", "internal"),
                        ("company_id", "=", company.id),
                    ],
                    limit=1,
                )
            ),
            "stock": bool(
                su["stock.quant"].search_count(
                    [
                        ("location_id.usage", "=", "internal"),
                        ("company_id", "=", company.id),
                        ("quantity", ">", 0),
                    ],
                    limit=1,
                )
            ),
            "team": su["res.users"].search_count(
                [
                    ("share", "=", False),
                    ("company_ids", "in", company.id),
                    ("all_group_ids", "in", role_groups),
                ],
                limit=2,
            )
            > 1,
        }

    # ------------------------------------------------------------- actions
    def _oms_onboarding_check_manager(self):
        user = self.env.user
        if not (user._is_superuser() or any(map(user.has_group, VENDOR_OR_ADMIN))):
            raise AccessError(
                self.env._(
                    "Only the vendor or an administrator may change the onboarding "
                    "of %(company)s.",
                    company=self.company_id.display_name or self.env.company.name,
                )
            )

    @api.model
    def _oms_onboarding_get(self):
        """The checklist of the current company, made with its steps if missing."""
        company = self.env.company
        onboarding = self.search([("company_id", "=", company.id)], limit=1)
        if not onboarding:
            self._oms_onboarding_check_manager()
            onboarding = self.create({"company_id": company.id})
        missing = [
            code
            for code, _label in STEPS
            if code not in onboarding.step_ids.mapped("code")
        ]
        if missing:
            sequences = {code: index for index, (code, _label) in enumerate(STEPS)}
            self.env["letzshop.oms.onboarding.step"].create(
                [
                    {
                        "onboarding_id": onboarding.id,
                        "code": code,
                        "sequence": (sequences[code] + 1) * 10,
                    }
                    for code in missing
                ]
            )
        return onboarding

    @api.model
    def action_oms_onboarding(self):
        """The checklist screen of the current company (menu and OMS home)."""
        onboarding = self._oms_onboarding_get()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "letzshop_oms.letzshop_oms_onboarding_action"
        )
        action["res_id"] = onboarding.id
        return action

    def _oms_onboarding_dialog(self, view_xmlid, title):
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref(view_xmlid).id, "form")],
            "target": "new",
        }

    def _oms_onboarding_step_action(self, code):
        """The action that opens the tool of the step ``code``."""
        self.ensure_one()
        env = self.env
        if code == "vat":
            return self._oms_onboarding_dialog(
                "letzshop_oms.letzshop_oms_onboarding_view_form_vat",
                env._("Company and VAT number"),
            )
        if code == "oss":
            return self._oms_onboarding_dialog(
                "letzshop_oms.letzshop_oms_onboarding_view_form_oss",
                env._("OSS status and cross-border sales"),
            )
        if code in ("letzshop_connect", "letzshop_import"):
            account = env["letzshop.account"].search(
                [("company_id", "=", self.company_id.id)], limit=1
            )
            action = env["ir.actions.actions"]._for_xml_id(
                "letzshop_connector.letzshop_account_action"
            )
            action.update(
                {
                    "views": [(False, "form")],
                    "view_mode": "form",
                    "res_id": account.id or False,
                    "context": {"default_name": self.company_id.name},
                    "target": "current",
                }
            )
            return action
        if code == "catalogue":
            return {
                "type": "ir.actions.client",
                "tag": "import",
                "name": env._("Import the catalogue"),
                "params": {"model": "product.template"},
            }
        if code == "bins":
            return env["ir.actions.actions"]._for_xml_id(
                "bin_locations.bin_generate_wizard_action"
            )
        if code == "stock":
            return env["stock.quant"].action_view_inventory()
        if code == "team":
            return env["ir.actions.actions"]._for_xml_id(
                "letzshop_oms.letzshop_oms_onboarding_invite_action"
            )
        raise UserError(env._("Unknown onboarding step %(code)s.", code=code))

    def action_oms_vies_check(self):
        """Check the company's VAT number with VIES (oss_vat_invoice)."""
        self.ensure_one()
        partner = self.company_id.partner_id
        if not partner.vat:
            raise UserError(
                self.env._(
                    "%(company)s: enter the field 'VAT number' before checking it "
                    "with VIES.",
                    company=self.company_id.display_name,
                )
            )
        partner.action_oss_vies_check()
        # stay in the dialog, showing VIES's answer
        return self._oms_onboarding_dialog(
            "letzshop_oms.letzshop_oms_onboarding_view_form_vat",
            self.env._("Company and VAT number"),
        )
