from odoo import Command

#: Languages of the demo's customers and suppliers, installed with the demo so that
#: order confirmations, invoices and feeds can be seen in French and German.
DEMO_LANGS = ("fr_FR", "de_DE")
#: The language a demo partner writes in, by country (Arlon and Bastogne: French).
LANG_BY_COUNTRY = {"FR": "fr_FR", "BE": "fr_FR", "DE": "de_DE"}
DEMO_PARTNERS = (
    "supplier_1_demo",
    "supplier_2_demo",
    "customer_fr_1_demo",
    "customer_fr_2_demo",
    "customer_de_1_demo",
    "customer_de_2_demo",
    "customer_be_1_demo",
    "customer_be_2_demo",
)


def post_init_hook(env):
    """Install French and German, give the demo partners their language and compute
    the customer figures the segments read."""
    langs = (
        env["res.lang"]
        .with_context(active_test=False)
        .search([("code", "in", DEMO_LANGS)])
    )
    env["base.language.install"].create(
        {"lang_ids": [Command.set(langs.ids)], "overwrite": False}
    ).lang_install()
    # lang_install loads the terms of the installed modules; this one is still being
    # installed: its product names in French and German are loaded here.
    env["ir.module.module"].search(
        [("name", "=", "letzshop_oms_demo")]
    )._update_translations(list(DEMO_LANGS))
    for xmlid in DEMO_PARTNERS:
        partner = env.ref(f"letzshop_oms_demo.{xmlid}")
        partner.lang = LANG_BY_COUNTRY[partner.country_id.code]
    # The figures are otherwise computed by a job after the first commit, or at night.
    env["res.partner"]._customer_stats_recompute_all()
