"""The README's XML-RPC example runs against the demo database, printing records."""

import subprocess
import sys
import xmlrpc.client
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "scripts" / "xmlrpc_example.py"


def _run(server, login=None, password=None):
    return subprocess.run(
        [
            sys.executable,
            str(EXAMPLE),
            server["url"],
            server["db"],
            login or server["user"],
            password or server["password"],
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_example_prints_demo_records(oms_server):
    result = _run(oms_server)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Connected to Odoo 19" in out
    assert "5 products (first 5 by SKU):" in out
    assert "BOO-001" in out  # demo SKU with its EAN-13
    assert "confirmed sale orders" in out
    assert "Anne Weber" in out or "Claire Dubois" in out  # demo customers
    assert "Created quotation S" in out


def test_example_refuses_a_wrong_password(oms_server):
    result = _run(oms_server, password="wrong")
    assert result.returncode != 0
    assert "login refused" in result.stderr


def test_demo_users_per_role_log_in(oms_server):
    common = xmlrpc.client.ServerProxy(f"{oms_server['url']}/xmlrpc/2/common")
    for login in ("vendor", "warehouse", "accountant"):
        assert common.authenticate(oms_server["db"], login, login, {}), login


def test_warehouse_cannot_read_sale_orders_over_rpc(oms_server):
    common = xmlrpc.client.ServerProxy(f"{oms_server['url']}/xmlrpc/2/common")
    uid = common.authenticate(oms_server["db"], "warehouse", "warehouse", {})
    models = xmlrpc.client.ServerProxy(f"{oms_server['url']}/xmlrpc/2/object")
    ids = models.execute_kw(
        oms_server["db"], uid, "warehouse", "sale.order", "search", [[]], {}
    )
    assert ids == []
    pickings = models.execute_kw(
        oms_server["db"], uid, "warehouse", "stock.picking", "search_count", [[]], {}
    )
    assert pickings > 0
