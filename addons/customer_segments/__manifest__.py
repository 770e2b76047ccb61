# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Segments",
    "summary": "Own your customer list: order figures, RFM, segments, consent, "
    "CSV export and Mailchimp sync",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "author": "Letzshop OMS contributors",
    "maintainers": ["letzshop-oms"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": ["sale", "queue_job"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "security/customer_segments_security.xml",
        "security/ir.model.access.csv",
        "data/queue_job_data.xml",
        "data/ir_cron_data.xml",
        "data/customer_segment_data.xml",
        "wizards/customer_segment_export_views.xml",
        "views/res_partner_views.xml",
        "views/customer_segment_views.xml",
        "views/customer_consent_event_views.xml",
        "views/mailchimp_member_views.xml",
        "views/mailchimp_audience_views.xml",
        "views/customer_segments_menus.xml",
    ],
}
