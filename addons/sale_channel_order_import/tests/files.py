# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Order export files as Shopify and WooCommerce write them, built for the tests."""

import csv
import io

SHOPIFY_HEADER = [
    "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status",
    "Fulfilled at", "Accepts Marketing", "Currency", "Subtotal", "Shipping",
    "Taxes", "Total", "Discount Code", "Discount Amount", "Shipping Method",
    "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price",
    "Lineitem compare at price", "Lineitem sku", "Lineitem requires shipping",
    "Lineitem taxable", "Lineitem fulfillment status", "Billing Name",
    "Billing Street", "Billing Address1", "Billing Address2", "Billing Company",
    "Billing City", "Billing Zip", "Billing Province", "Billing Country",
    "Billing Phone", "Shipping Name", "Shipping Street", "Shipping Address1",
    "Shipping Address2", "Shipping Company", "Shipping City", "Shipping Zip",
    "Shipping Province", "Shipping Country", "Shipping Phone", "Notes",
    "Payment Method", "Taxes Included", "Vendor", "Id",
]  # fmt: skip

WOO_HEADER = [
    "Order Number", "Order Status", "Order Date", "Customer Note",
    "Billing First Name", "Billing Last Name", "Billing Address 1",
    "Billing Address 2", "Billing City", "Billing Postcode", "Billing Country",
    "Billing Email", "Shipping First Name", "Shipping Last Name",
    "Shipping Address 1", "Shipping City", "Shipping Postcode",
    "Shipping Country", "Order Currency", "Order Shipping Amount",
    "Cart Discount Amount", "Order Total Amount", "Item SKU", "Item Name",
    "Quantity", "Item Cost",
]  # fmt: skip


def shopify_rows(
    name,
    lines,
    email="anne.muller@example.lu",
    currency="EUR",
    shipping="4.90",
    discount="0.00",
    taxes_included="true",
    created="2026-03-01 10:15:00 +0100",
    billing=("Anne Müller", "12 rue de la Gare", "Luxembourg", "L-1611", "LU"),
    shipping_address=None,
    order_id="5012345",
):
    """One Shopify order: order-level columns on its first row only."""
    ship = shipping_address or billing
    rows = []
    for index, (qty, title, price, sku) in enumerate(lines):
        row = dict.fromkeys(SHOPIFY_HEADER, "")
        row.update(
            {
                "Name": name,
                "Lineitem quantity": qty,
                "Lineitem name": title,
                "Lineitem price": price,
                "Lineitem sku": sku,
                "Lineitem requires shipping": "true",
                "Lineitem taxable": "true",
                "Vendor": "Atelier",
            }
        )
        if index == 0:
            row.update(
                {
                    "Email": email,
                    "Financial Status": "paid",
                    "Paid at": created,
                    "Currency": currency,
                    "Shipping": shipping,
                    "Discount Amount": discount,
                    "Shipping Method": "Standard",
                    "Created at": created,
                    "Billing Name": billing[0],
                    "Billing Street": billing[1],
                    "Billing Address1": billing[1],
                    "Billing City": billing[2],
                    "Billing Zip": billing[3],
                    "Billing Country": billing[4],
                    "Shipping Name": ship[0],
                    "Shipping Street": ship[1],
                    "Shipping Address1": ship[1],
                    "Shipping City": ship[2],
                    "Shipping Zip": ship[3],
                    "Shipping Country": ship[4],
                    "Taxes Included": taxes_included,
                    "Id": order_id,
                }
            )
        rows.append(row)
    return rows


def to_csv(header, rows, delimiter=",", encoding="utf-8"):
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=header, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def shopify_csv(*orders, **kw):
    return to_csv(SHOPIFY_HEADER, [row for rows in orders for row in rows], **kw)


def woo_row(number, sku, name, qty, cost, **extra):
    row = dict.fromkeys(WOO_HEADER, "")
    row.update(
        {
            "Order Number": number,
            "Order Status": "processing",
            "Order Date": "2026-03-02 09:00:00",
            "Billing First Name": "Jean",
            "Billing Last Name": "Dupont",
            "Billing Address 1": "5 rue Nationale",
            "Billing City": "Metz",
            "Billing Postcode": "57000",
            "Billing Country": "FR",
            "Billing Email": "jean.dupont@example.fr",
            "Order Currency": "EUR",
            "Order Shipping Amount": "6.00",
            "Cart Discount Amount": "0",
            "Item SKU": sku,
            "Item Name": name,
            "Quantity": qty,
            "Item Cost": cost,
        }
    )
    row.update(extra)
    return row
