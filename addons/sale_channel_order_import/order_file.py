# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Order export files (CSV, XLSX) -> orders as plain dicts, without the ORM.

One row per order line, the order number on every row; order-level columns may be
filled on the first row of an order only (Shopify) or on every row (WooCommerce).
Everything that can be wrong with a file is found here and reported per row, so
that the caller can show it before anything is created:

- the file itself: too large, empty, binary, an old ``.xls``, an encoding that is
  neither UTF-8 (with or without BOM), UTF-16 with BOM nor Windows-1252, a column
  separator that cannot be recognised, a header naming a column twice;
- a row: cells missing or extra, a number or date that cannot be read, an
  exact repeat of an earlier row, an order-level value that contradicts the one
  given on an earlier row of the same order.

Shopify's order export and WooCommerce's order export are recognised by their
headers; any other file needs a column mapping (``{field: [column, ...]}``).

References: Shopify, "Exporting orders",
https://help.shopify.com/en/manual/fulfillment/managing-orders/exporting-orders;
WooCommerce, "Customer / Order / Coupon CSV Import Suite" column names,
https://woocommerce.com/document/customer-order-csv-import-suite/.
"""

import csv
import io
import re
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SEPARATORS = ",;\t|"

#: Fields an order file may give. Order-level ones are checked for consistency
#: across the rows of one order; line ones make one line per row.
ORDER_FIELDS = (
    "order_ref",
    "order_date",
    "email",
    "currency",
    "taxes_included",
    "shipping_amount",
    "shipping_method",
    "discount_amount",
    "billing_name",
    "billing_first_name",
    "billing_last_name",
    "billing_street",
    "billing_street2",
    "billing_city",
    "billing_zip",
    "billing_country",
    "shipping_name",
    "shipping_first_name",
    "shipping_last_name",
    "shipping_street",
    "shipping_street2",
    "shipping_city",
    "shipping_zip",
    "shipping_country",
)
LINE_FIELDS = ("line_name", "line_sku", "line_gtin", "line_qty", "line_price")
FIELDS = ORDER_FIELDS + LINE_FIELDS
REQUIRED_FIELDS = ("order_ref", "line_qty", "line_price")
NUMBER_FIELDS = ("shipping_amount", "discount_amount", "line_qty", "line_price")

#: Shopify's "orders_export.csv" (Admin > Orders > Export).
SHOPIFY = {
    "order_ref": ["Name"],
    "order_date": ["Created at", "Paid at"],
    "email": ["Email"],
    "currency": ["Currency"],
    "taxes_included": ["Taxes Included"],
    "shipping_amount": ["Shipping"],
    "shipping_method": ["Shipping Method"],
    "discount_amount": ["Discount Amount"],
    "billing_name": ["Billing Name"],
    "billing_street": ["Billing Address1", "Billing Street"],
    "billing_street2": ["Billing Address2"],
    "billing_city": ["Billing City"],
    "billing_zip": ["Billing Zip"],
    "billing_country": ["Billing Country"],
    "shipping_name": ["Shipping Name"],
    "shipping_street": ["Shipping Address1", "Shipping Street"],
    "shipping_street2": ["Shipping Address2"],
    "shipping_city": ["Shipping City"],
    "shipping_zip": ["Shipping Zip"],
    "shipping_country": ["Shipping Country"],
    "line_name": ["Lineitem name"],
    "line_sku": ["Lineitem sku"],
    "line_qty": ["Lineitem quantity"],
    "line_price": ["Lineitem price"],
}
SHOPIFY_SIGNATURE = {"Name", "Lineitem quantity", "Lineitem price", "Lineitem name"}

#: WooCommerce's order CSV export (one row per line item).
WOOCOMMERCE = {
    "order_ref": ["Order Number", "Order ID"],
    "order_date": ["Order Date"],
    "email": ["Billing Email", "Customer Email"],
    "currency": ["Order Currency"],
    "shipping_amount": ["Order Shipping Amount", "Shipping Total"],
    "shipping_method": ["Shipping Method Title", "Shipping Method"],
    "discount_amount": ["Cart Discount Amount", "Discount Total"],
    "billing_first_name": ["Billing First Name"],
    "billing_last_name": ["Billing Last Name"],
    "billing_street": ["Billing Address 1"],
    "billing_street2": ["Billing Address 2"],
    "billing_city": ["Billing City"],
    "billing_zip": ["Billing Postcode"],
    "billing_country": ["Billing Country"],
    "shipping_first_name": ["Shipping First Name"],
    "shipping_last_name": ["Shipping Last Name"],
    "shipping_street": ["Shipping Address 1"],
    "shipping_street2": ["Shipping Address 2"],
    "shipping_city": ["Shipping City"],
    "shipping_zip": ["Shipping Postcode"],
    "shipping_country": ["Shipping Country"],
    "line_name": ["Item Name", "Product Name"],
    "line_sku": ["Item SKU", "SKU"],
    "line_qty": ["Quantity", "Item Quantity"],
    "line_price": ["Item Cost"],
}
WOOCOMMERCE_SIGNATURES = (
    {"Order Number", "Order Date", "Quantity", "Item Cost"},
    {"Order ID", "Order Date", "Quantity", "Item Cost"},
    {"Order Number", "Order Date", "Item Quantity", "Item Cost"},
)

DATE_FORMATS_DMY = (
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
)
DATE_FORMATS_MDY = (
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
)
_NUMBER = re.compile(r"^[+-]?[0-9][0-9.,' ]*$|^[+-]?[.,][0-9]+$")
_TRUE = {"true", "yes", "1", "y", "oui", "ja", "vrai", "wahr"}
_FALSE = {"false", "no", "0", "n", "non", "nein", "faux", "falsch", ""}


def _lt(text, **kw):
    """A message for the user as (text, params), translated by the caller.

    Named like Odoo's lazy translation so that Odoo's exporter puts the texts in
    the .pot; the caller translates them with ``env._(text, **params)``. A param
    may itself be such a message, or a list of them."""
    return (text, kw)


#: What the user reads for a field in a message.
FIELD_LABELS = {
    "order_ref": _lt("Order number"),
    "order_date": _lt("Order date"),
    "email": _lt("E-mail"),
    "currency": _lt("Currency"),
    "taxes_included": _lt("Taxes included"),
    "shipping_amount": _lt("Shipping amount"),
    "shipping_method": _lt("Shipping method"),
    "discount_amount": _lt("Discount amount"),
    "billing_name": _lt("Billing name"),
    "billing_first_name": _lt("Billing first name"),
    "billing_last_name": _lt("Billing last name"),
    "billing_street": _lt("Billing street"),
    "billing_street2": _lt("Billing street 2"),
    "billing_city": _lt("Billing city"),
    "billing_zip": _lt("Billing ZIP"),
    "billing_country": _lt("Billing country"),
    "shipping_name": _lt("Shipping name"),
    "shipping_first_name": _lt("Shipping first name"),
    "shipping_last_name": _lt("Shipping last name"),
    "shipping_street": _lt("Shipping street"),
    "shipping_street2": _lt("Shipping street 2"),
    "shipping_city": _lt("Shipping city"),
    "shipping_zip": _lt("Shipping ZIP"),
    "shipping_country": _lt("Shipping country"),
    "line_name": _lt("Product name"),
    "line_sku": _lt("SKU"),
    "line_gtin": _lt("GTIN"),
    "line_qty": _lt("Quantity"),
    "line_price": _lt("Unit price"),
}


def format_message(message, translate=None):
    """The text of a message; ``translate(text)`` translates each part."""
    translate = translate or (lambda text: text)
    text, params = message

    def value(v):
        if isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], dict):
            return format_message(v, translate)
        if isinstance(v, list):
            return ", ".join(value(i) for i in v)
        return v

    text = translate(text)
    return text % {k: value(v) for k, v in params.items()} if params else text


class FileError(Exception):
    """The file as a whole cannot be read; ``args[0]`` is for the user."""


# -- the file ----------
def read_table(data, filename="", max_bytes=DEFAULT_MAX_BYTES, encoding="auto"):
    """(header, [(row number, [cells])]) of a CSV or XLSX file given as bytes.

    Row numbers are those a spreadsheet shows (the header is row 1)."""
    if not data:
        raise FileError(_lt("The file is empty."))
    if len(data) > max_bytes:
        raise FileError(
            _lt(
                "The file is %(size)s MB; files over %(limit)s MB are refused. "
                "Export a shorter period and import it in several files.",
                size=round(len(data) / 1024 / 1024, 1),
                limit=round(max_bytes / 1024 / 1024, 2),
            )
        )
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data)
    if data[:8] == bytes.fromhex("d0cf11e0a1b11ae1"):
        raise FileError(
            _lt(
                "This is an old Excel 97-2003 (.xls) file; save it as .xlsx or "
                "CSV and import it again."
            )
        )
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise FileError(_lt("The file is named .xlsx but is not an Excel workbook."))
    text = decode(data, encoding)
    return _read_csv(text)


def decode(data, encoding="auto"):
    """The text of ``data``: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252."""
    if encoding != "auto":
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise FileError(
                _lt(
                    "The file cannot be read as %(encoding)s (byte %(pos)s). "
                    "Choose another encoding, or export the file as UTF-8.",
                    encoding=encoding,
                    pos=getattr(exc, "start", "?"),
                )
            ) from exc
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise FileError(
                    _lt(
                        "The file is neither UTF-8 nor Windows-1252 text (byte "
                        "%(pos)s cannot be read). Export it again as CSV UTF-8.",
                        pos=exc.start,
                    )
                ) from exc
    if "\x00" in text:
        raise FileError(
            _lt(
                "The file holds binary data; it is not a CSV text file. Export it "
                "again as CSV UTF-8 or as .xlsx."
            )
        )
    return text


def sniff_separator(text):
    """The column separator, from the header line (quotes respected)."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=SEPARATORS).delimiter
    except csv.Error:
        # the sniffer gives up on irregular samples: count in the header instead
        header = ""
    header = text.splitlines()[0] if text else ""
    counts = {sep: len(next(csv.reader([header], delimiter=sep))) for sep in SEPARATORS}
    best = max(counts, key=counts.get)
    if counts[best] < 2:
        raise FileError(
            _lt(
                "The column separator cannot be recognised: the first line has a "
                "single column. Use a comma, semicolon, tab or | between columns."
            )
        )
    return best


def _read_csv(text):
    if not text.strip():
        raise FileError(_lt("The file is empty."))
    sep = sniff_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    rows = []
    try:
        header = [h.strip() for h in next(reader)]
        for cells in reader:
            rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise FileError(
            _lt(
                "Line %(line)s cannot be read: %(error)s (unbalanced quotes?).",
                line=reader.line_num,
                error=str(exc),
            )
        ) from exc
    if len(header) < 2:
        raise FileError(
            _lt(
                "The column separator cannot be recognised: the first line has a "
                "single column. Use a comma, semicolon, tab or | between columns."
            )
        )
    return _check_header(header), rows


def _read_xlsx(data):
    import openpyxl  # installed with Odoo; only needed for .xlsx

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise FileError(
            _lt("The Excel file cannot be opened: %(error)s", error=str(exc))
        ) from exc
    try:
        sheet = book.worksheets[0]
        it = sheet.iter_rows(values_only=True)
        try:
            header = ["" if v is None else str(v).strip() for v in next(it)]
        except StopIteration:
            raise FileError(_lt("The file is empty.")) from None
        rows = [
            (index, ["" if v is None else v for v in values])
            for index, values in enumerate(it, start=2)
        ]
    finally:
        book.close()
    while header and not header[-1]:
        header.pop()
    return _check_header(header), rows


def _check_header(header):
    seen = set()
    for name in header:
        if name and name in seen:
            raise FileError(
                _lt("The column %(column)s appears twice in the header.", column=name)
            )
        seen.add(name)
    return header


# -- formats ----------
def detect_format(header):
    """'shopify', 'woocommerce' or None."""
    names = set(header)
    if SHOPIFY_SIGNATURE <= names:
        return "shopify"
    if any(sig <= names for sig in WOOCOMMERCE_SIGNATURES):
        return "woocommerce"
    return None


def mapping_for(fmt, custom=None):
    if fmt == "shopify":
        return SHOPIFY
    if fmt == "woocommerce":
        return WOOCOMMERCE
    return custom or {}


def column_index(header, mapping):
    """{field: column index} and the required fields the header lacks."""
    positions = {name: i for i, name in enumerate(header)}
    index = {}
    for field in FIELDS:
        for column in mapping.get(field) or ():
            if column in positions:
                index[field] = positions[column]
                break
    missing = [f for f in REQUIRED_FIELDS if f not in index]
    if (
        "line_sku" not in index
        and "line_gtin" not in index
        and "line_name" not in index
    ):
        missing.append("line_sku")
    return index, missing


# -- values ----------
def parse_number(value, decimal="auto"):
    """A Decimal from a cell: ``12.5``, ``12,5``, ``1.234,56``, ``1,234.56``,
    ``1 234,56``. With ``decimal="auto"`` a lone comma is the decimal separator
    (as in French and German exports)."""
    if isinstance(value, bool):
        raise ValueError(value)  # noqa: TRY004 (a spreadsheet's TRUE is no number)
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    text = str(value).strip().replace("\u00a0", "").replace("\u202f", "")
    for symbol in ("€", "$", "£", "EUR", "USD", "GBP", "CHF"):
        text = text.replace(symbol, "")
    text = text.strip()
    if not _NUMBER.match(text):
        raise ValueError(value)
    text = text.replace(" ", "").replace("'", "")
    if decimal == "auto":
        if "," in text and "." in text:
            decimal = "," if text.rfind(",") > text.rfind(".") else "."
        elif text.count(",") == 1:
            decimal = ","
        elif text.count(",") > 1:
            decimal = "."  # 1,234,567: commas group thousands
        else:
            decimal = "."
    if decimal == ",":
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", "")
    if text.count(".") > 1:
        raise ValueError(value)
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(value) from exc


def parse_date(value, day_first=True):
    """A naive UTC datetime from a cell (ISO 8601 with or without offset,
    Shopify's ``2026-03-01 10:15:00 +0100``, ``01.03.2026``, ``01/03/2026``)."""
    if isinstance(value, datetime):
        dt = value
    else:
        text = str(value).strip()
        dt = None
        try:
            dt = datetime.fromisoformat(text.replace(" +", "+").replace(" -", "-"))
        except ValueError:
            formats = DATE_FORMATS_DMY if day_first else DATE_FORMATS_MDY
            for fmt in formats:
                try:
                    dt = datetime.strptime(text, fmt)
                    break
                except ValueError:
                    continue
        if dt is None:
            raise ValueError(value)
    if dt.tzinfo:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt.replace(microsecond=0)


def parse_bool(value):
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(value)


def _cell(cells, index, field):
    pos = index.get(field)
    if pos is None or pos >= len(cells):
        return ""
    value = cells[pos]
    return value.strip() if isinstance(value, str) else value


# -- orders ----------
def parse_orders(header, rows, mapping, decimal="auto", day_first=True):
    """(orders, errors) from a table.

    ``orders``: list of dicts in file order, one per order number, with their
    ``lines`` and the ``rows`` they come from; ``errors``: list of
    (row number, order number, (message, params)). An order with an error in any
    of its rows is still returned (the caller refuses the whole file)."""
    index, missing = column_index(header, mapping)
    if missing:
        raise FileError(
            _lt(
                "The file lacks the columns for: %(fields)s. Columns found: "
                "%(columns)s.",
                fields=[FIELD_LABELS[f] for f in missing],
                columns=", ".join(h for h in header if h) or "-",
            )
        )
    width = len(header)
    orders, by_ref, seen_rows, errors = [], {}, {}, []
    for row_no, cells in rows:
        if not any(c not in ("", None) for c in cells):
            continue  # blank line
        ref = str(_cell(cells, index, "order_ref") or "")
        if len(cells) != width and not (
            len(cells) > width and not any(c not in ("", None) for c in cells[width:])
        ):
            errors.append(
                (
                    row_no,
                    ref,
                    _lt(
                        "The row has %(cells)s cells, the header %(columns)s "
                        "(a separator inside an unquoted value?).",
                        cells=len(cells),
                        columns=width,
                    ),
                )
            )
            continue
        key = tuple(str(c) for c in cells[:width])
        if key in seen_rows:
            errors.append(
                (
                    row_no,
                    ref,
                    _lt(
                        "The row repeats row %(row)s exactly; remove the duplicate "
                        "(or add up the quantities in one row).",
                        row=seen_rows[key],
                    ),
                )
            )
            continue
        seen_rows[key] = row_no
        if not ref:
            errors.append((row_no, ref, _lt("The row has no order number.")))
            continue
        order = by_ref.get(ref)
        if order is None:
            order = by_ref[ref] = {
                "ref": ref,
                "rows": [],
                "lines": [],
                "first_row": row_no,
            }
            orders.append(order)
        order["rows"].append(row_no)
        row_errors = _order_values(order, cells, index, decimal, day_first)
        line = _line_values(row_no, cells, index, decimal, row_errors)
        errors.extend((row_no, ref, err) for err in row_errors)
        if not row_errors:
            order["lines"].append(line)
    return orders, errors


def _order_values(order, cells, index, decimal, day_first):
    """Fill ``order`` with the order-level cells of a row; the row's errors."""
    row_errors, values = [], {}
    for field in ORDER_FIELDS[1:]:
        raw = _cell(cells, index, field)
        if raw in ("", None):
            continue
        try:
            if field in NUMBER_FIELDS:
                value = parse_number(raw, decimal)
            elif field == "order_date":
                value = parse_date(raw, day_first)
            elif field == "taxes_included":
                value = parse_bool(raw)
            elif field == "currency":
                value = _text(raw).upper()
            else:
                value = _text(raw)
        except ValueError:
            row_errors.append(_bad_value(field, raw))
            continue
        values[field] = value
    for field, value in values.items():
        known = order.get(field)
        if known is None:
            order[field] = value
        elif known != value and field != "order_date":
            row_errors.append(
                _lt(
                    "%(field)s is %(value)s here but %(known)s on row %(row)s "
                    "of the same order.",
                    field=FIELD_LABELS[field],
                    value=value,
                    known=known,
                    row=order["first_row"],
                )
            )
    return row_errors


def _line_values(row_no, cells, index, decimal, row_errors):
    """The order line of a row; its errors are added to ``row_errors``."""
    line = {"row": row_no}
    for field in LINE_FIELDS:
        raw = _cell(cells, index, field)
        if field in ("line_qty", "line_price"):
            if raw in ("", None):
                row_errors.append(_lt("%(field)s is empty.", field=FIELD_LABELS[field]))
                continue
            try:
                line[field] = parse_number(raw, decimal)
            except ValueError:
                row_errors.append(_bad_value(field, raw))
        else:
            line[field] = _text(raw)
    if "line_qty" in line and line["line_qty"] <= 0:
        row_errors.append(
            _lt("The quantity %(qty)s is not positive.", qty=line["line_qty"])
        )
    if not (line.get("line_sku") or line.get("line_gtin") or line.get("line_name")):
        row_errors.append(_lt("The line names no product (no SKU, GTIN or name)."))
    return line


def _text(value):
    """A cell as text; a whole number typed in a spreadsheet (an EAN, a ZIP)
    without its ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


def _bad_value(field, raw):
    if field == "order_date":
        return _lt("The date %(value)s cannot be read.", value=raw)
    if field == "taxes_included":
        return _lt("%(value)s is not yes/no (true/false).", value=raw)
    return _lt(
        "%(field)s: %(value)s is not a number.", field=FIELD_LABELS[field], value=raw
    )


def partner_values(order, kind):
    """Name and address of the ``billing`` or ``shipping`` side of an order."""
    name = order.get(f"{kind}_name") or " ".join(
        filter(None, (order.get(f"{kind}_first_name"), order.get(f"{kind}_last_name")))
    )
    return {
        "name": name,
        "street": order.get(f"{kind}_street") or "",
        "street2": order.get(f"{kind}_street2") or "",
        "city": order.get(f"{kind}_city") or "",
        "zip": order.get(f"{kind}_zip") or "",
        "country": order.get(f"{kind}_country") or "",
    }


def now_utc():
    return datetime.now(UTC).replace(tzinfo=None)
