# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Stock feed formats: CSV and JSON bodies, and the ``since`` cursor.

Plain Python (no ORM): the sales channel computes the rows, this module writes
them. A row is a dict with ``product_id``, ``sku``, ``gtin`` and ``quantity``.
"""

import csv
import datetime
import io
import json

COLUMNS = ("product_id", "sku", "gtin", "quantity")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}
CURSOR_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def parse_since(value):
    """The naive UTC datetime of a ``since`` cursor, or None when empty.

    Accepts what the feed hands out ("2026-03-01T10:00:00Z") and any ISO 8601
    date and time ("2026-03-01 10:00:00" is read as UTC; an offset is
    converted). Raises ValueError on anything else.
    """
    if value is None or not str(value).strip():
        return None
    moment = datetime.datetime.fromisoformat(str(value).strip())
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return moment


def format_cursor(moment):
    """A naive UTC datetime as the cursor the next call passes as ``since``."""
    return moment.strftime(CURSOR_FORMAT)


def _cell(value):
    """A CSV cell, empty for a missing value. Written as is (no spreadsheet
    formula escaping): the feed is read by shops, which match on the exact
    SKU and GTIN."""
    return "" if value is None or value is False else str(value)


def render_csv(rows):
    """The CSV body (str): a header line, then one line per row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row["product_id"],
                _cell(row["sku"]),
                _cell(row["gtin"]),
                row["quantity"],
            ]
        )
    return out.getvalue()


def render_json(rows, channel, cursor, since=None):
    """The JSON body (str): the channel, the cursor for the next call, whether
    this is the changed set (``since``) and the rows."""
    return json.dumps(
        {
            "channel": channel,
            "since": format_cursor(since) if since else None,
            "next_since": cursor,
            "products": [
                {
                    "product_id": row["product_id"],
                    "sku": row["sku"] or None,
                    "gtin": row["gtin"] or None,
                    "quantity": row["quantity"],
                }
                for row in rows
            ],
        },
        ensure_ascii=False,
    )
