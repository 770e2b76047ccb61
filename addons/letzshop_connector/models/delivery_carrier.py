from odoo import fields, models


class DeliveryCarrier(models.Model):
    _inherit = "delivery.carrier"

    letzshop_tracking_provider = fields.Char(
        help="Name of this carrier sent to Letzshop with tracking numbers "
        "(e.g. 'post_luxembourg', 'dhl'). Empty: the carrier's name.",
    )
