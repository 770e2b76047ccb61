# Benchmark of oss_vat_invoice, run inside `odoo shell` (variable `env`):
#   scripts/bench/run.sh oss_vat_invoice oss_vat_invoice_bench.py
# 1. Time to create and post N customer invoices (2 lines each, a mix of domestic,
#    destination-VAT, intra-Community and export customers) with the EU VAT decision
#    disabled (context oss_vat_disable) and enabled, in the same run.
# 2. Time of the quarterly OSS return over ~100,000 invoice lines (inserted with SQL
#    copies of real posted lines).
# Everything is rolled back at the end.
# ruff: noqa: F821
import os
import time

from odoo import Command
from odoo.tools import SQL

from odoo.addons.oss_vat_invoice import vat_decision as vd

N_INVOICES = int(os.environ.get("OSS_BENCH_INVOICES", "1000"))
N_RETURN_LINES = int(os.environ.get("OSS_BENCH_RETURN_LINES", "100000"))
BATCH = 100

company = env["res.company"].search(
    [
        ("account_fiscal_country_id.code", "in", sorted(vd.EU_MEMBER_STATES)),
        ("chart_template", "!=", False),
    ],
    limit=1,
)
if not company:
    # run.sh creates a database with a Luxembourg main company
    company = env.company
env.user.write({"company_ids": [Command.link(company.id)], "company_id": company.id})
env = env(
    context=dict(env.context, allowed_company_ids=[company.id], tracking_disable=True)
)
company.write({"oss_opt_in": True})
print(
    f"company: {company.name} ({company.account_fiscal_country_id.code}),"
    f" {N_INVOICES} invoices"
)

Tax = env["account.tax"]
tax17 = Tax.search(
    [
        ("company_id", "=", company.id),
        ("type_tax_use", "=", "sale"),
        ("amount", "=", 17),
        ("amount_type", "=", "percent"),
    ],
    limit=1,
)
tax3 = Tax.search(
    [
        ("company_id", "=", company.id),
        ("type_tax_use", "=", "sale"),
        ("amount", "=", 3),
        ("amount_type", "=", "percent"),
    ],
    limit=1,
)
cat = {c.code: c for c in env["oss.vat.category"].search([])}
p_std = env["product.product"].create(
    {
        "name": "Bench standard",
        "taxes_id": [Command.set(tax17.ids)],
        "oss_vat_category_id": cat["standard"].id,
    }
)
p_food = env["product.product"].create(
    {
        "name": "Bench food",
        "taxes_id": [Command.set(tax3.ids)],
        "oss_vat_category_id": cat["food"].id,
    }
)
country = {
    c.code: c
    for c in env["res.country"].search([("code", "in", ["LU", "FR", "DE", "US", "IT"])])
}
Partner = env["res.partner"].with_context(oss_vies_no_check=True)
partners = [
    Partner.create({"name": "Bench LU", "country_id": country["LU"].id}),
    Partner.create({"name": "Bench FR", "country_id": country["FR"].id}),
    Partner.create({"name": "Bench IT", "country_id": country["IT"].id}),
    Partner.create(
        {
            "name": "Bench DE B2B",
            "is_company": True,
            "vat": "DE811907980",
            "country_id": country["DE"].id,
            "oss_vies_status": "valid",
            "oss_vies_vat": "DE811907980",
        }
    ),
    Partner.create({"name": "Bench US", "country_id": country["US"].id}),
]


def invoice_vals(i):
    return {
        "move_type": "out_invoice",
        "partner_id": partners[i % len(partners)].id,
        "invoice_line_ids": [
            Command.create(
                {"product_id": p_std.id, "quantity": 1, "price_unit": 100.0}
            ),
            Command.create(
                {"product_id": p_food.id, "quantity": 2, "price_unit": 10.0}
            ),
        ],
    }


def run_batch(context, offset, stats):
    """Create and post one batch; add its time and query count to ``stats``."""
    Move = env["account.move"].with_context(**context)
    env.flush_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    batch = Move.create(
        [invoice_vals(i) for i in range(offset, min(offset + BATCH, N_INVOICES))]
    )
    batch.action_post()
    env.flush_all()
    stats["time"] += time.perf_counter() - start
    stats["queries"] += env.cr.sql_log_count - queries
    stats["moves"] |= batch


# warm-up (creates the on-demand taxes and fiscal positions, fills caches)
env["account.move"].create([invoice_vals(i) for i in range(10)]).action_post()
# Batches alternate (without, with), (with, without), ... so that the growing tables
# and the load of the shared machine weigh the same on both sides.
runs = {
    "without the decision": {"context": {"oss_vat_disable": True}},
    "with the decision": {"context": {}},
}
for stats in runs.values():
    stats.update(time=0.0, queries=0, moves=env["account.move"])
labels = list(runs)
for n, offset in enumerate(range(0, N_INVOICES, BATCH)):
    for label in labels if n % 2 == 0 else reversed(labels):
        run_batch(runs[label]["context"], offset, runs[label])
for label, stats in runs.items():
    rules = {
        rule or "-": count
        for rule, count in env["account.move"]._read_group(
            [("id", "in", stats["moves"].ids)], ["oss_vat_rule"], ["__count"]
        )
    }
    elapsed = stats["time"]
    print(
        f"{label:>22}: {elapsed:7.2f} s  {elapsed / N_INVOICES * 1000:6.1f} ms/invoice"
        f"  {stats['queries']} queries  {rules}"
    )
without = runs["without the decision"]["time"]
with_decision = runs["with the decision"]["time"]
print(f"overhead of the decision: {100.0 * (with_decision - without) / without:+.1f} %")

# --------------------------------------------------------------------- OSS return
quarter_date = (
    env["account.move"]
    .search(
        [
            ("oss_vat_rule", "=", "oss"),
            ("state", "=", "posted"),
            ("company_id", "=", company.id),
        ],
        limit=1,
    )
    .date
)
year, quarter = quarter_date.year, (quarter_date.month - 1) // 3 + 1
source = env["account.move"].search(
    [
        ("oss_vat_rule", "=", "oss"),
        ("state", "=", "posted"),
        ("company_id", "=", company.id),
    ],
    limit=1,
)
source_lines = source.line_ids
env.flush_all()
env.cr.execute(
    "SELECT column_name FROM information_schema.columns"
    " WHERE table_name = 'account_move_line' AND column_name != 'id'"
)
columns = SQL(", ").join(SQL.identifier(row[0]) for row in env.cr.fetchall())
copies = max(1, N_RETURN_LINES // len(source_lines))
start = time.perf_counter()
for line in source_lines:
    env.cr.execute(
        SQL(
            """
            WITH new AS (
                INSERT INTO account_move_line (%(columns)s)
                SELECT %(columns)s
                  FROM account_move_line, generate_series(1, %(copies)s)
                 WHERE account_move_line.id = %(line)s
             RETURNING id
            )
            INSERT INTO account_move_line_account_tax_rel
                   (account_move_line_id, account_tax_id)
            SELECT new.id, rel.account_tax_id FROM new
              JOIN account_move_line_account_tax_rel rel
                ON rel.account_move_line_id = %(line)s
            """,
            columns=columns,
            copies=copies,
            line=line.id,
        )
    )
env.cr.execute("ANALYZE account_move_line")
env.cr.execute(
    SQL(
        "SELECT COUNT(*) FROM account_move_line"
        " WHERE company_id = %s AND date >= %s AND date < %s",
        company.id,
        f"{year}-{3 * quarter - 2:02d}-01",
        f"{year + (quarter == 4)}-{1 if quarter == 4 else 3 * quarter + 1:02d}-01",
    )
)
lines_in_quarter = env.cr.fetchone()[0]
insert_time = time.perf_counter() - start
print(
    f"inserted {copies * len(source_lines)} lines in {insert_time:.2f} s;"
    f" {lines_in_quarter} lines in {year}-Q{quarter}"
)
wizard = env["oss.return.wizard"].create({"year": year, "quarter": str(quarter)})
queries = env.cr.sql_log_count
start = time.perf_counter()
rows = wizard._compute_rows()
query_time = time.perf_counter() - start
wizard.action_compute()
total_time = time.perf_counter() - start
print(
    f"OSS return {year}-Q{quarter}: query {query_time:.2f} s,"
    f" with lines and CSV {total_time:.2f} s, "
    f"{len(rows)} rows, {env.cr.sql_log_count - queries} queries, "
    f"base {wizard.total_base:,.2f} VAT {wizard.total_vat:,.2f}"
)
env.cr.rollback()
