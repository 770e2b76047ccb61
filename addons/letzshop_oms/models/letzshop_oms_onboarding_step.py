from odoo import api, fields, models

STEPS = [
    ("vat", "Company and VAT number"),
    ("oss", "OSS status and cross-border sales"),
    ("letzshop_connect", "Connect Letzshop"),
    ("letzshop_import", "First Letzshop import"),
    ("catalogue", "Import the catalogue"),
    ("bins", "Create bins"),
    ("stock", "Set the opening stock"),
    ("team", "Invite the team"),
]


class LetzshopOmsOnboardingStep(models.Model):
    """One step of a company's onboarding checklist.

    A step is done when the facts of the database say so (the VAT number passed
    VIES, products exist, ...), not when someone ticks it: see
    ``letzshop.oms.onboarding._oms_onboarding_facts``. The seller may skip a step
    and resume it later."""

    _name = "letzshop.oms.onboarding.step"
    _description = "Onboarding step"
    _order = "sequence, id"

    onboarding_id = fields.Many2one(
        "letzshop.oms.onboarding", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="onboarding_id.company_id", store=True)
    code = fields.Selection(STEPS, string="Step", required=True, readonly=True)
    sequence = fields.Integer(readonly=True)
    skipped = fields.Boolean(readonly=True)
    state = fields.Selection(
        [("todo", "To do"), ("done", "Done"), ("skipped", "Skipped")],
        compute="_compute_state",
    )
    hint = fields.Char(compute="_compute_state")

    _code_uniq = models.Constraint(
        "UNIQUE(onboarding_id, code)", "Each onboarding step exists once per company."
    )

    @api.depends("skipped", "code")
    @api.depends_context("uid")
    def _compute_state(self):
        hints = {
            "vat": self.env._("Enter the company's VAT number and check it with VIES."),
            "oss": self.env._(
                "Tell whether you sell to consumers in other EU countries, and "
                "whether you opted for destination VAT (OSS)."
            ),
            "letzshop_connect": self.env._(
                "Enter your Letzshop API key and test the connection."
            ),
            "letzshop_import": self.env._(
                "Import your Letzshop orders once (Sync Now on the account)."
            ),
            "catalogue": self.env._(
                "Import your products from a CSV or Excel file; errors are shown "
                "per row before anything is saved."
            ),
            "bins": self.env._("Create the shelves and bins of your stock room."),
            "stock": self.env._(
                "Count what you have: import a file or enter the quantities per "
                "product and bin."
            ),
            "team": self.env._(
                "Invite the people who work with you, each with a role."
            ),
        }
        facts = {}
        for onboarding in self.onboarding_id:
            facts[onboarding] = onboarding._oms_onboarding_facts()
        for step in self:
            done = facts.get(step.onboarding_id, {}).get(step.code)
            step.state = "done" if done else "skipped" if step.skipped else "todo"
            step.hint = hints.get(step.code)

    def action_open(self):
        """The tool that does this step."""
        self.ensure_one()
        return self.onboarding_id._oms_onboarding_step_action(self.code)

    def action_skip(self):
        self.write({"skipped": True})
        return True

    def action_resume(self):
        self.write({"skipped": False})
        return True
