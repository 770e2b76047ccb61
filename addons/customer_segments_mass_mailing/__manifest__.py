# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Segments - Email Marketing",
    "summary": "Send an Odoo email marketing campaign to the contactable "
    "customers of a segment",
    "version": "19.0.1.0.0",
    "category": "Marketing/Email Marketing",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "author": "Letzshop OMS contributors",
    "maintainers": ["letzshop-oms"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "auto_install": True,
    "depends": ["customer_segments", "mass_mailing"],
    "external_dependencies": {"python": []},
    "data": [
        "views/customer_segment_views.xml",
        "views/mailing_mailing_views.xml",
    ],
}
