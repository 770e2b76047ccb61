# Benchmark of account_close_lu, run inside `odoo shell` (variable `env`):
#   scripts/bench/run.sh account_close_lu account_close_lu_bench.py
# Posts a few hundred real invoices and bills of last year through the ORM (domestic,
# intra-Community, export, OSS, purchases), copies their journal items (with their
# taxes and tax tags) with SQL up to ~100,000 items in the year, then times:
# 1. the Luxembourg VAT return for the year (every box), against a baseline: the
#    ORM's own _read_group of the balance by tax tag over the same items;
# 2. the OSS return of one quarter (with its check against the OSS tag);
# 3. the journal export of the year as CSV (streamed in batches).
# Everything is rolled back at the end.
# ruff: noqa: F821
import datetime
import os
import time

from odoo import Command
from odoo.tools import SQL

N_ITEMS = int(os.environ.get("CLOSE_BENCH_ITEMS", "100000"))
N_INVOICES = int(os.environ.get("CLOSE_BENCH_INVOICES", "200"))

company = env["res.company"].search([("chart_template", "=", "lu")], limit=1)
env.user.write({"company_ids": [Command.link(company.id)], "company_id": company.id})
env = env(
    context=dict(env.context, allowed_company_ids=[company.id], tracking_disable=True)
)
company.write({"oss_opt_in": True, "oss_opt_in_date": datetime.date(2020, 1, 1)})
year = datetime.date.today().year - 1
ChartTemplate = env["account.chart.template"].with_company(company)
tax17 = ChartTemplate.ref("lu_2015_tax_VP-PA-17")
tax8 = ChartTemplate.ref("lu_2015_tax_VP-PA-8")
purchase17 = ChartTemplate.ref("lu_2015_tax_AP-PA-17")
cat = {c.code: c for c in env["oss.vat.category"].search([])}
products = [
    env["product.product"].create(
        {
            "name": f"Bench {code}",
            "taxes_id": [Command.set(tax.ids)],
            "oss_vat_category_id": cat[code].id,
        }
    )
    for code, tax in (("standard", tax17), ("plants", tax8))
]
country = {
    c.code: c for c in env["res.country"].search([("code", "in", ["LU", "FR", "US"])])
}
Partner = env["res.partner"].with_context(oss_vies_no_check=True)
partners = [
    Partner.create({"name": "Bench LU", "country_id": country["LU"].id}),
    Partner.create({"name": "Bench FR", "country_id": country["FR"].id}),
    Partner.create({"name": "Bench US", "country_id": country["US"].id}),
    Partner.create(
        {
            "name": "Bench FR business",
            "is_company": True,
            "country_id": country["FR"].id,
            "vat": "FR23334175221",
            "oss_vies_status": "valid",
            "oss_vies_vat": "FR23334175221",
        }
    ),
]
expense = env["account.account"].search(
    [("company_ids", "in", company.id), ("account_type", "=", "expense")], limit=1
)
start = time.perf_counter()
moves = env["account.move"]
for i in range(N_INVOICES):
    day = datetime.date(year, 1 + i % 12, 1 + i % 28)
    if i % 5 == 4:
        vals = {
            "move_type": "in_invoice",
            "partner_id": partners[0].id,
            "invoice_date": day,
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": "Bench purchase",
                        "account_id": expense.id,
                        "price_unit": 50.0 + i,
                        "tax_ids": [Command.set(purchase17.ids)],
                    }
                )
            ],
        }
    else:
        vals = {
            "move_type": "out_invoice",
            "partner_id": partners[i % 4].id,
            "invoice_date": day,
            "invoice_line_ids": [
                Command.create({"product_id": p.id, "price_unit": 10.0 + i})
                for p in products
            ],
        }
    moves |= env["account.move"].create(vals)
moves.action_post()
print(
    f"posted {len(moves)} invoices and bills in {time.perf_counter() - start:.1f} s,"
    f" {len(moves.line_ids)} journal items"
)

# ------------------------------------------- copy items up to N_ITEMS in the year
env.flush_all()
env.cr.execute(
    "SELECT column_name FROM information_schema.columns"
    " WHERE table_name = 'account_move_line' AND column_name != 'id'"
)
columns = SQL(", ").join(SQL.identifier(row[0]) for row in env.cr.fetchall())
copies = max(0, N_ITEMS // len(moves.line_ids) - 1)
start = time.perf_counter()
env.cr.execute(
    SQL(
        """
        CREATE TEMP TABLE bench_map ON COMMIT DROP AS
        SELECT aml.id AS src, nextval('account_move_line_id_seq') AS dst
          FROM account_move_line aml, generate_series(1, %(copies)s)
         WHERE aml.move_id IN %(moves)s;
        INSERT INTO account_move_line (id, %(columns)s)
        SELECT map.dst, %(columns)s
          FROM bench_map map JOIN account_move_line ON account_move_line.id = map.src;
        INSERT INTO account_move_line_account_tax_rel
               (account_move_line_id, account_tax_id)
        SELECT map.dst, rel.account_tax_id FROM bench_map map
          JOIN account_move_line_account_tax_rel rel
            ON rel.account_move_line_id = map.src;
        INSERT INTO account_account_tag_account_move_line_rel
               (account_move_line_id, account_account_tag_id)
        SELECT map.dst, rel.account_account_tag_id FROM bench_map map
          JOIN account_account_tag_account_move_line_rel rel
            ON rel.account_move_line_id = map.src;
        ANALYZE account_move_line;
        ANALYZE account_account_tag_account_move_line_rel;
        """,
        copies=copies,
        moves=tuple(moves.ids),
        columns=columns,
    )
)
env.invalidate_all()
date_from, date_to = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
year_domain = [
    ("company_id", "=", company.id),
    ("parent_state", "=", "posted"),
    ("date", ">=", date_from),
    ("date", "<=", date_to),
]
n_items = env["account.move.line"].search_count(year_domain)
n_tagged = env["account.move.line"].search_count(
    year_domain + [("tax_tag_ids", "!=", False)]
)
print(
    f"copied to {n_items} journal items in {year} ({n_tagged} with tax tags)"
    f" in {time.perf_counter() - start:.1f} s"
)


def measure(label, func):
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - start
    print(f"{label}: {elapsed:.2f} s, {env.cr.sql_log_count - queries} queries")
    return result


# --------------------------------------------------------------- 1. VAT return
measure(
    "baseline: ORM _read_group of balance by tax tag, year",
    lambda: env["account.move.line"]._read_group(
        year_domain, ["tax_tag_ids"], ["balance:sum"]
    ),
)
wizard = env["lu.vat.return"].create({"periodicity": "year", "year": year})
measure("LU VAT return, year, all boxes with CSV", wizard.action_compute)
boxes = {line.box: line.amount for line in wizard.line_ids if line.box}
oss_turnover = wizard.line_ids.filtered(lambda line: line.kind == "oss").amount
print(
    "  boxes: "
    + ", ".join(f"{b} {boxes[b]:,.2f}" for b in ("701", "705", "457", "014", "458"))
    + f"; OSS turnover {oss_turnover:,.2f}"
)

# --------------------------------------------------------------- 2. OSS return
oss = env["lu.oss.return"].create({"year": year, "quarter": "4"})
measure("OSS return, Q4, with the tag check", oss.action_compute)
print(
    f"  {len(oss.line_ids)} lines, VAT {oss.total_vat:,.2f},"
    f" check {'ok' if oss.check_ok else 'DIFFERENT'}"
)

# --------------------------------------------------------------- 3. journal export
export = env["lu.journal.export"].create({"date_from": date_from, "date_to": date_to})
action = measure("journal export, year, CSV", export.action_export_csv)
attachment = env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
print(f"  {attachment.file_size / 1e6:.1f} MB, {n_items} items")

env.cr.rollback()
