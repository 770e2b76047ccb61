{
    "name": "Letzshop OMS Demo",
    "summary": "Demo data of a small Luxembourg seller for Letzshop OMS",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "author": "Letzshop OMS contributors",
    "maintainers": ["letzshop-oms"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": [
        "letzshop_oms",
        "l10n_lu",
    ],
    "data": [
        "data/letzshop_oms_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
    "installable": True,
}
