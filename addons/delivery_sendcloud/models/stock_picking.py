# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    parcel_count = fields.Integer(
        string="Parcels",
        default=1,
        copy=False,
        help="Number of parcels this delivery leaves in when its products are not "
        "put in packages: the shipping weight is split evenly over them and each "
        "parcel gets its own label and tracking number.",
    )

    _parcel_count_positive = models.Constraint(
        "CHECK (parcel_count >= 1)",
        "A delivery leaves in at least one parcel.",
    )
    sendcloud_shipment_id = fields.Char(
        copy=False,
        readonly=True,
        help="Id of the shipment at Sendcloud; used to cancel its labels.",
    )
    sendcloud_tracking_url = fields.Char(
        string="Sendcloud Tracking Links",
        copy=False,
        readonly=True,
    )
