# Benchmark of sale_channel_invoice_policy, run inside `odoo shell` (variable `env`):
#   scripts/bench/run.sh sale_channel_invoice_policy sale_channel_invoice_policy_bench.py
# N orders (SCIP_BENCH_ORDERS, default 1000) of a channel invoiced on delivery are
# confirmed and delivered (the hook queues one job per order), then:
# 1. baseline: Odoo's own create + post of each order's invoice, rolled back;
# 2. the queued jobs run (queue_job's Job.perform, as the job runner does): invoice
#    created with the VAT decision, posted, PDF rendered, e-mail queued;
# with the PDF rendering (ir.actions.report._pre_render_qweb_pdf) timed apart.
# Everything is rolled back at the end.
# ruff: noqa: F821
import os
import time

from odoo import Command

from odoo.addons.queue_job.job import Job

N = int(os.environ.get("SCIP_BENCH_ORDERS", "1000"))

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
team = env["crm.team"].create({"name": "Bench Letzshop", "invoice_policy": "delivery"})
print(f"company: {company.name}, {N} orders of a channel invoiced on delivery")

start = time.perf_counter()
orders = env["sale.order"].create(
    [
        {
            "partner_id": partners[i % len(partners)].id,
            "team_id": team.id,
            "order_line": [
                Command.create({"product_id": product.id, "product_uom_qty": 1 + i % 3})
            ],
        }
        for i in range(N)
    ]
)
orders.action_confirm()
pickings = orders.picking_ids
for move in pickings.move_ids:
    move.quantity = move.product_uom_qty
pickings.button_validate()
env.flush_all()
jobs = env["queue.job"].search(
    [("method_name", "=", "_auto_invoice_job"), ("state", "=", "pending")]
)
print(
    f"setup: {N} orders confirmed and delivered in {time.perf_counter() - start:.1f} s,"
    f" {len(jobs)} jobs queued, {len(orders.filtered(lambda o: o.invoice_status == 'to invoice'))}"
    " orders to invoice"
)

# ------------------------------------------------------------------ 1. baseline
env.flush_all()
queries = env.cr.sql_log_count
start = time.perf_counter()
with env.cr.savepoint() as sp:
    for order in orders:
        order._create_invoices().action_post()
    env.flush_all()
    base_time = time.perf_counter() - start
    base_queries = env.cr.sql_log_count - queries
    sp.rollback()
env.invalidate_all()
print(
    f"baseline (create + post, no PDF, no mail): {base_time:7.2f} s"
    f"  {base_time / N * 1000:6.1f} ms/invoice  {base_queries / N:6.1f} queries/invoice"
)

# ------------------------------------------------------------------ 2. the jobs
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


Report._pre_render_qweb_pdf = timed_pre_render
try:
    env.flush_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    for record in jobs:
        Job.load(env, record.uuid).perform()
    env.flush_all()
    job_time = time.perf_counter() - start
    job_queries = env.cr.sql_log_count - queries
finally:
    Report._pre_render_qweb_pdf = original

env.invalidate_all()
states = dict(
    env["sale.order"]._read_group(
        [("id", "in", orders.ids)], ["auto_invoice_state"], ["__count"]
    )
)
invoices = orders.invoice_ids
posted = invoices.filtered(lambda m: m.state == "posted")
mails = env["mail.mail"].search_count(
    [("model", "=", "account.move"), ("res_id", "in", invoices.ids)]
)
with_pdf = posted.filtered("invoice_pdf_report_id")
rest = job_time - pdf["time"]
print(
    f"jobs (create + VAT decision + post + PDF + mail queued): {job_time:7.2f} s"
    f"  {N / job_time:6.1f} invoices/s  {job_time / N * 1000:6.1f} ms/invoice"
    f"  {job_queries / N:6.1f} queries/invoice"
)
print(
    f"  of which PDF rendering: {pdf['time']:7.2f} s  {pdf['time'] / N * 1000:6.1f}"
    f" ms/invoice  ({pdf['calls']} renderings, {pdf['queries'] / N:.1f} queries/invoice)"
)
print(
    f"  without the PDF:        {rest:7.2f} s  {rest / N * 1000:6.1f} ms/invoice"
    f"  ({(job_queries - pdf['queries']) / N:.1f} queries/invoice)"
)
print(
    f"result: {len(posted)} invoices posted, {len(with_pdf)} with their PDF,"
    f" {mails} e-mails queued; orders by state {states}"
)
env.cr.rollback()
