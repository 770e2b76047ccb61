from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    letzshop_email = fields.Char(
        string="Letzshop E-mail Key",
        copy=False,
        readonly=True,
        help="Lower-case e-mail under which the Letzshop connector created this "
        "customer. Unique, so that two imports running at once cannot create the "
        "same customer twice.",
    )

    _letzshop_email_uniq = models.Constraint(
        "UNIQUE(letzshop_email)",
        "Another customer was already created for this Letzshop e-mail.",
    )
