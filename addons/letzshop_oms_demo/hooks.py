import random
from collections import defaultdict
from datetime import date, timedelta

from odoo import Command, fields

from odoo.addons.letzshop_connector import letzshop_schema

#: Languages of the demo's customers and suppliers, installed with the demo so that
#: order confirmations, invoices and feeds can be seen in French and German.
DEMO_LANGS = ("fr_FR", "de_DE")
#: The language a demo partner writes in, by country (Arlon and Bastogne: French).
LANG_BY_COUNTRY = {"FR": "fr_FR", "BE": "fr_FR", "DE": "de_DE"}
#: The language of the demo users who do not read English first.
DEMO_USER_LANGS = {"user_warehouse_demo": "de_DE", "user_accountant_demo": "fr_FR"}
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
    # The warehouse worker reads German, the accountant French (the vendor English).
    for xmlid, lang in DEMO_USER_LANGS.items():
        env.ref(f"letzshop_oms_demo.{xmlid}").lang = lang
    # The figures are otherwise computed by a job after the first commit, or at night.
    create_activity(env)
    env["res.partner"]._customer_stats_recompute_all()


# ---------------------------------------------------------------------------------
# Three months of a small seller's activity, so that every figure of the OMS home
# has something to show. Everything goes through the addons' own code (orders,
# deliveries, invoices and their VAT decision, Letzshop import, returns, fulfilment
# estimate, demand forecast); only dates are moved back afterwards, as if the
# records had been made on those days.

#: Days of history of the orders (the home's longest period).
HISTORY_DAYS = 90
#: Customers of the history, by demo XML id: weight, and how many days ago their
#: first order was (the last three are new customers: segment "New").
HISTORY_CUSTOMERS = (
    ("customer_lu_1_demo", 4, HISTORY_DAYS),
    ("customer_lu_2_demo", 3, HISTORY_DAYS),
    ("customer_fr_1_demo", 3, HISTORY_DAYS),
    ("customer_fr_2_demo", 3, HISTORY_DAYS),
    ("customer_be_2_demo", 1, HISTORY_DAYS),  # a business with a VAT number
    ("customer_de_1_demo", 3, 25),
    ("customer_de_2_demo", 3, 20),
    ("customer_be_1_demo", 2, 15),
)
#: Sales channels of the history, by demo XML id, with their weight.
HISTORY_CHANNELS = (
    ("team_letzshop_demo", 5),
    ("team_webshop_demo", 3),
    ("team_market_demo", 2),
)
#: The fast movers: sold in most orders, so that the forecast asks to reorder them.
FAST_MOVERS = ("product_food_6_demo", "product_clothing_2_demo")
#: Who supplies each category, and in how many days (the forecast's lead time).
SUPPLIERS = {
    "product_category_food_demo": ("supplier_1_demo", 7),
    "product_category_books_demo": ("supplier_2_demo", 14),
    "product_category_electronics_demo": ("supplier_3_demo", 10),
}
#: Kept out of the history: the example of the Letzshop channel's buffer (one unit
#: sold, one held back) in the README.
BUFFER_EXAMPLE = "product_books_1_demo"
#: Restocked by the purchase arriving this week (low on hand).
RESTOCKED = ("product_food_1_demo", "product_food_7_demo")


def _when(now, days_ago, hour):
    """``hour`` o'clock (UTC) ``days_ago`` days ago, never in the future (an install
    early in the morning)."""
    moment = (now - timedelta(days=days_ago)).replace(
        hour=hour, minute=15, second=0, microsecond=0
    )
    return min(moment, now - timedelta(minutes=30))


def _deliver(order, done_at, tracking):
    picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
    for move in picking.move_ids:
        move.quantity = move.product_uom_qty
    picking.move_ids.picked = True
    if tracking:
        picking.carrier_tracking_ref = tracking
    picking.button_validate()
    picking.date_done = done_at
    picking.move_ids.write({"date": done_at})
    picking.move_ids.move_line_ids.write({"date": done_at})
    return picking


def _invoice(order, day, sent=True):
    invoice = order._create_invoices()
    invoice.invoice_date = day
    invoice.action_post()
    invoice.is_move_sent = sent
    return invoice


def _weighted(rng, pairs):
    return rng.choices([key for key, _w in pairs], [w for _k, w in pairs])[0]


def create_activity(env):
    """Orders over the last 90 days on three channels, delivered and invoiced
    (domestic, OSS, intra-Community), today's work, Letzshop orders to decide,
    returns, a receipt this week and the demand forecast."""
    rng = random.Random(2026)
    now = fields.Datetime.now()
    today = fields.Date.context_today(env["res.partner"])
    company = env.ref("base.main_company")
    # Opted for destination VAT (OSS) three years ago: consumer sales to France and
    # Germany carry their VAT (oss_vat_invoice decides it on each order). The
    # option bound the seller for that year and the next only: it may be left now.
    company.write({"oss_opt_in": True, "oss_opt_in_date": date(today.year - 3, 1, 1)})
    # The Belgian café's VAT number, as VIES confirmed it (the demo does not call
    # VIES: no network is assumed). A later check that cannot reach VIES keeps it.
    cafe = env.ref("letzshop_oms_demo.customer_be_2_demo")
    cafe.with_context(oss_vies_no_check=True).write(
        {"oss_vies_status": "valid", "oss_vies_vat": cafe.vat}
    )
    customers = {
        xmlid: env.ref(f"letzshop_oms_demo.{xmlid}")
        for xmlid, _w, _d in HISTORY_CUSTOMERS
    }
    channels = {
        xmlid: env.ref(f"letzshop_oms_demo.{xmlid}") for xmlid, _w in HISTORY_CHANNELS
    }
    warehouse = env.ref("stock.warehouse0")
    fast = [env.ref(f"letzshop_oms_demo.{xmlid}") for xmlid in FAST_MOVERS]
    stocked = env["product.product"].search(
        [
            (
                "categ_id",
                "child_of",
                env.ref("letzshop_oms_demo.product_category_oms_demo").id,
            )
        ]
    )
    buffer_example = env.ref(f"letzshop_oms_demo.{BUFFER_EXAMPLE}")
    stocked = stocked.filtered(
        lambda p: p.qty_available >= 20 and p not in fast and p != buffer_example
    ).sorted("id")
    env["product.supplierinfo"].create(
        [
            {
                "partner_id": env.ref(f"letzshop_oms_demo.{supplier}").id,
                "product_tmpl_id": product.product_tmpl_id.id,
                "price": product.standard_price,
                "delay": delay,
            }
            for category, (supplier, delay) in SUPPLIERS.items()
            for product in env["product.product"].search(
                [("categ_id", "=", env.ref(f"letzshop_oms_demo.{category}").id)]
            )
        ]
    )
    SaleOrder = env["sale.order"].with_context(mail_create_nolog=True)

    def new_order(customer, channel, lines):
        order = SaleOrder.create(
            {
                "partner_id": customer.id,
                "team_id": channel.id,
                "warehouse_id": warehouse.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": qty})
                    for product, qty in lines
                ],
            }
        )
        order.action_confirm()
        return order

    # what is left on the shelf: the history never sells what is not there
    left = {product: product.qty_available for product in [*stocked, *fast]}

    def history_lines():
        wanted = {}
        if rng.random() < 0.7:
            wanted[rng.choice(fast)] = 1
        for product in rng.sample(list(stocked), rng.randint(1 - len(wanted), 2)):
            wanted[product] = rng.choice((1, 1, 2))
        lines = []
        for product, qty in wanted.items():
            if left[product] - qty >= 3:
                left[product] -= qty
                lines.append((product, qty))
        if not lines:
            product = max(stocked, key=left.get)
            left[product] -= 1
            lines.append((product, 1))
        return lines

    # -- the history: delivered (with tracking) and invoiced, oldest first so that
    # the invoice numbers follow their dates.
    history = env["sale.order"]
    days = sorted((rng.randint(3, HISTORY_DAYS - 1) for _i in range(80)), reverse=True)
    for number, days_ago in enumerate(days, start=1):
        ordered = _when(now, days_ago, rng.randint(8, 20))
        customer = customers[
            _weighted(
                rng,
                [
                    (xmlid, w)
                    for xmlid, w, first in HISTORY_CUSTOMERS
                    if first >= days_ago
                ],
            )
        ]
        order = new_order(
            customer, channels[_weighted(rng, HISTORY_CHANNELS)], history_lines()
        )
        order.date_order = ordered
        # two recent parcels were handed over without their tracking number
        recent_untracked = days_ago in days[-4:] and number % 2
        tracking = False if recent_untracked else f"LU{4200000 + number:07d}DEMO"
        _deliver(order, ordered + timedelta(days=1), tracking)
        _invoice(order, (ordered + timedelta(days=1)).date())
        history |= order

    # -- today's work
    webshop = channels["team_webshop_demo"]
    letzshop = channels["team_letzshop_demo"]
    market = channels["team_market_demo"]
    recent = []
    for days_ago, customer, channel in (
        (2, "customer_lu_1_demo", webshop),
        (1, "customer_fr_2_demo", letzshop),
        (1, "customer_de_2_demo", webshop),
        (0, "customer_lu_2_demo", letzshop),
        (0, "customer_be_1_demo", webshop),
    ):
        order = new_order(customers[customer], channel, history_lines())
        order.date_order = _when(now, days_ago, 10)
        recent.append(order)
    # promised for yesterday, not shipped yet: late
    recent[0].commitment_date = _when(now, 1, 12)
    # picked, the parcel not yet handed over: to ship
    for order in recent[1:3]:
        order.picking_ids.move_ids.picked = True
    # delivered and invoiced yesterday, invoices not sent yet
    for order in recent[3:]:
        _deliver(order, now - timedelta(minutes=10), f"LU{4300000 + order.id:07d}DEMO")
        _invoice(order, today, sent=False)

    # -- a product sold twice at the market before its stock was booked: oversold
    raincoat = env.ref("letzshop_oms_demo.product_clothing_6_demo")
    oversold = new_order(customers["customer_lu_1_demo"], market, [(raincoat, 1)])
    oversold.date_order = _when(now, 4, 11)
    _deliver(oversold, _when(now, 4, 12), False)

    _create_letzshop_orders(env, now, raincoat)
    _create_returns(env, history)
    # a delivery of the German supplier arriving in two days
    restocked = [env.ref(f"letzshop_oms_demo.{xmlid}") for xmlid in RESTOCKED]
    purchase = env["purchase.order"].create(
        {
            "partner_id": env.ref("letzshop_oms_demo.supplier_1_demo").id,
            "order_line": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_qty": 24,
                        "price_unit": product.standard_price,
                        "date_planned": now + timedelta(days=2),
                    }
                )
                for product in restocked
            ],
        }
    )
    purchase.button_confirm()
    # The forecast reads the delivered history (nightly otherwise); the hook runs as
    # the superuser, who may write the forecasts.
    env["stock.demand.forecast"]._compute_company(company)


def _letzshop_node(number, hours_ago, now, email, first, last, country, lines):
    """A shipment as Letzshop's API returns it (see letzshop_connector's schema)."""
    address = {
        "firstName": first,
        "lastName": last,
        "company": None,
        "streetName": "Grand-Rue",
        "streetNumber": str(10 + number),
        "city": {"LU": "Luxembourg", "FR": "Thionville", "DE": "Trier"}[country],
        "zipCode": {"LU": "1660", "FR": "57100", "DE": "54290"}[country],
        "phone": None,
        "country": {"name": country, "iso": country},
    }
    completed = now - timedelta(hours=hours_ago)
    units = []
    total = 0.0
    for product, qty in lines:
        price = product.list_price
        variant = {
            "id": f"V-{product.default_code}",
            "sku": product.default_code,
            "mpn": None,
            "price": price,
            "tradeId": {"number": product.barcode, "parser": "gtin13"},
            "product": {"name": {"en": product.name}, "_brand": None},
        }
        for index in range(qty):
            units.append(
                {
                    "id": f"U-DEMO-{number}-{product.id}-{index}",
                    "state": letzshop_schema.UNIT_STATE_PENDING,
                    "variant": variant,
                }
            )
            total += price
    return {
        "id": f"S-DEMO-{number}",
        "number": f"H-DEMO-{number}",
        "state": "unconfirmed",
        "order": {
            "id": f"O-DEMO-{number}",
            "number": f"R-DEMO-{number}",
            "email": email,
            "total": round(total, 2),
            "completedAt": completed.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "locale": {"LU": "fr", "FR": "fr", "DE": "de"}[country],
            "shipAddress": address,
            "billAddress": address,
        },
        "inventoryUnits": units,
        "tracking": None,
    }


def _create_letzshop_orders(env, now, sold_out):
    """New Letzshop orders imported by the connector's importer: three wait for
    the vendor's decision, one was declined by the automatic decision because its
    product is sold out (an oversell prevented)."""
    products = [
        env.ref(f"letzshop_oms_demo.product_{xmlid}_demo")
        for xmlid in ("food_5", "books_4", "clothing_7", "electronics_4")
    ]
    # No API key: the account syncs nothing until the seller enters its key.
    account = env["letzshop.account"].create(
        {
            "name": "Boutique Lëtzebuerg on Letzshop",
            "team_id": env.ref("letzshop_oms_demo.team_letzshop_demo").id,
            "warehouse_id": env.ref("stock.warehouse0").id,
        }
    )
    # sudo: the account's scheduled action is a system record; it is switched on
    # again when the seller saves the account with its key.
    account.sudo().cron_id.active = False
    nodes = [
        _letzshop_node(
            1,
            30,
            now,
            "paul.hoffmann@example.com",
            "Paul",
            "Hoffmann",
            "LU",
            [(products[0], 2), (products[1], 1)],
        ),
        _letzshop_node(
            2,
            9,
            now,
            "chloe.bernard@example.com",
            "Chloé",
            "Bernard",
            "FR",
            [(products[2], 1)],
        ),
        _letzshop_node(
            3,
            2,
            now,
            "tim.schneider@example.com",
            "Tim",
            "Schneider",
            "DE",
            [(products[3], 1), (products[0], 1)],
        ),
        _letzshop_node(
            4,
            20,
            now,
            "eva.klein@example.com",
            "Eva",
            "Klein",
            "LU",
            [(sold_out, 1)],
        ),
    ]
    counts = defaultdict(int)
    errors = []
    env["letzshop.importer"]._import_page(account, nodes, counts, errors)
    shipment = env["letzshop.shipment"].search(
        [("account_id", "=", account.id), ("letzshop_id", "=", "S-DEMO-4")]
    )
    order = shipment.sale_order_id
    order._letzshop_auto_decide()
    # Letzshop's answer to the decision, as its API would return it (the demo
    # sends nothing): the job that would send it is cancelled.
    decisions = order.order_line._letzshop_decisions()
    env["queue.job"].search(
        [
            ("model_name", "=", "letzshop.shipment"),
            ("method_name", "=", "_letzshop_job_send_decision"),
            ("state", "=", "pending"),
        ]
    ).button_cancelled()
    shipment._letzshop_apply_unit_states(
        {
            unit: letzshop_schema.UNIT_STATE_CONFIRMED
            if available
            else letzshop_schema.UNIT_STATE_DECLINED
            for unit, available in decisions
        }
    )
    return account


def _create_returns(env, history):
    """Two returns through the returns portal's own code: one received and waiting
    for inspection, one refunded (credit note with the invoice's VAT)."""
    damaged = env.ref("sale_channel_rma.rma_return_reason_damaged")
    refund = env.ref("rma.rma_operation_refund")
    rmas = env["rma"]
    for order in history.sorted("date_order", reverse=True)[2:4]:
        lines = order._rma_portal_lines()
        rma = order._rma_portal_create({lines[0]["key"]: 1}, damaged, refund)
        picking = rma.reception_move_id.picking_id
        picking.move_ids.quantity = rma.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()
        rmas |= rma
    rmas[1].action_inspect_restock()
    rmas[1].action_refund()
    # the vendor checked the credit note and posted it
    rmas[1].refund_id.action_post()
    return rmas
