# Benchmark of sale_channel_invoice_policy, run inside `odoo shell` (variable `env`):
#   scripts/bench/run.sh sale_channel_invoice_policy \
#       sale_channel_invoice_policy_bench.py
# N delivered orders (SCIP_BENCH_ORDERS, default 1000) are invoiced by a batch
# (Actions > Invoice and Send: one queue job per 50 orders), the jobs run as the job
# runner runs them (queue_job's Job.perform): invoice created with the VAT decision,
# posted, PDF rendered, e-mail queued. The PDF rendering
# (ir.actions.report._pre_render_qweb_pdf) is timed apart. Baseline in the same run:
# Odoo's own create + post of the invoices (no PDF, no mail) on a sample, rolled
# back. Then a sample of orders of a channel invoiced on delivery (one job per
# delivery), printed at once (oss_vat_invoice.invoice_print_delay, 0 ms) and, for
# comparison in the same run, after Odoo's report.print_delay of 1 s, as before.
# Everything is rolled back at the end.
# ruff: noqa: F821
import os
import time

from odoo import Command

from odoo.addons.queue_job.job import Job

N = int(os.environ.get("SCIP_BENCH_ORDERS", "1000"))
N_BASELINE = min(N, int(os.environ.get("SCIP_BENCH_BASELINE", "200")))
N_SINGLE = min(N, int(os.environ.get("SCIP_BENCH_SINGLE", "20")))

company = env.company
env = env(context=dict(env.context, tracking_disable=True))
company.email = company.email or "shop@example.com"
env.user.email = env.user.email or "owner@example.com"
env["res.lang"]._activate_lang("fr_FR")
tax17 = env["account.tax"].search(
    [
        ("company_id", "=", company.id),
        ("type_tax_use", "=", "sale"),
        ("amount", "=", 17),
        ("amount_type", "=", "percent"),
    ],
    limit=1,
)
product = env["product.product"].create(
    {
        "name": "Bench parcel",
        "type": "consu",
        "list_price": 25.0,
        "invoice_policy": "delivery",
        "taxes_id": [Command.set(tax17.ids)],
    }
)
countries = env["res.country"].search([("code", "in", ["LU", "FR", "DE", "BE"])])
Partner = env["res.partner"].with_context(oss_vies_no_check=True)
partners = Partner.create(
    [
        {
            "name": f"Bench customer {i}",
            "email": f"customer{i}@example.com",
            "country_id": countries[i % len(countries)].id,
            "lang": "fr_FR" if i % 2 else "en_US",
        }
        for i in range(50)
    ]
)
Team = env["crm.team"]
market = Team.create({"name": "Bench market", "invoice_policy": "manual"})
letzshop = Team.create({"name": "Bench Letzshop", "invoice_policy": "delivery"})
print(f"company: {company.name}; {N} orders invoiced in a batch")


def delivered_orders(team, count):
    orders = env["sale.order"].create(
        [
            {
                "partner_id": partners[i % len(partners)].id,
                "team_id": team.id,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": 1 + i % 3}
                    )
                ],
            }
            for i in range(count)
        ]
    )
    orders.action_confirm()
    pickings = orders.picking_ids
    for move in pickings.move_ids:
        move.quantity = move.product_uom_qty
    pickings.button_validate()
    env.flush_all()
    return orders


Report = type(env["ir.actions.report"])
original = Report._pre_render_qweb_pdf
pdf = {"time": 0.0, "queries": 0, "calls": 0}


def timed_pre_render(self, *args, **kwargs):
    q = self.env.cr.sql_log_count
    t = time.perf_counter()
    try:
        return original(self, *args, **kwargs)
    finally:
        pdf["time"] += time.perf_counter() - t
        pdf["queries"] += self.env.cr.sql_log_count - q
        pdf["calls"] += 1


def run_jobs(orders):
    """Run the pending invoicing jobs; return (seconds, queries, jobs)."""
    jobs = env["queue.job"].search(
        [("method_name", "=", "_auto_invoice_job"), ("state", "=", "pending")]
    )
    pdf.update(time=0.0, queries=0, calls=0)
    Report._pre_render_qweb_pdf = timed_pre_render
    try:
        env.flush_all()
        queries = env.cr.sql_log_count
        start = time.perf_counter()
        for record in jobs:
            Job.load(env, record.uuid).perform()
        env.flush_all()
        elapsed = time.perf_counter() - start
        queries = env.cr.sql_log_count - queries
    finally:
        Report._pre_render_qweb_pdf = original
    jobs.unlink()
    env.invalidate_all()
    return elapsed, queries, len(jobs)


def report(label, orders, elapsed, queries, jobs):
    n = len(orders)
    invoices = orders.invoice_ids
    posted = invoices.filtered(lambda m: m.state == "posted")
    mails = env["mail.mail"].search_count(
        [("model", "=", "account.move"), ("res_id", "in", invoices.ids)]
    )
    rest = elapsed - pdf["time"]
    print(
        f"{label}: {n} orders, {jobs} jobs: {elapsed:7.1f} s  {n / elapsed:5.2f}"
        f" invoices/s  {elapsed / n * 1000:6.0f} ms/invoice"
        f"  {queries / n:5.0f} queries/invoice"
    )
    print(
        f"    PDF rendering: {pdf['time']:7.1f} s  {pdf['time'] / n * 1000:6.0f}"
        f" ms/invoice  ({pdf['calls']} renderings)"
    )
    print(
        f"    the rest:      {rest:7.1f} s  {rest / n * 1000:6.0f} ms/invoice"
        f"  ({(queries - pdf['queries']) / n:.0f} queries/invoice)"
    )
    print(
        f"    {len(posted)} invoices posted,"
        f" {len(posted.filtered('invoice_pdf_report_id'))} with their PDF,"
        f" {mails} e-mails queued,"
        f" {len(orders.filtered(lambda o: o.auto_invoice_state == 'done'))} orders done"
    )


start = time.perf_counter()
orders = delivered_orders(market, N)
print(
    f"setup: {N} orders confirmed and delivered in {time.perf_counter() - start:.0f} s"
)

# ------------------------------------------------------------------ baseline
sample = orders[:N_BASELINE]
env.flush_all()
queries = env.cr.sql_log_count
start = time.perf_counter()
with env.cr.savepoint() as savepoint:
    for order in sample:
        order._create_invoices().action_post()
    env.flush_all()
    base_time = time.perf_counter() - start
    base_queries = env.cr.sql_log_count - queries
    savepoint.rollback()
env.invalidate_all()
print(
    f"baseline, Odoo's create + post (no PDF, no mail), {N_BASELINE} orders:"
    f" {base_time / N_BASELINE * 1000:6.0f} ms/invoice"
    f"  {base_queries / N_BASELINE:5.0f} queries/invoice"
)

# ------------------------------------------------------------------ batch
orders.action_auto_invoice_batch()
report("batch", orders, *run_jobs(orders))

# ------------------------------------------------------------------ on delivery
single = delivered_orders(letzshop, N_SINGLE)
report("on delivery, one job per order", single, *run_jobs(single))

env["ir.config_parameter"].set_param("oss_vat_invoice.invoice_print_delay", "1000")
waited = delivered_orders(letzshop, N_SINGLE)
report("on delivery, after Odoo's 1 s print delay", waited, *run_jobs(waited))
env.cr.rollback()
