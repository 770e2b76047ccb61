"""Cross-addon checks, run by scripts/test.sh against Odoo serving the demo database.

OMS_URL, OMS_DB, OMS_USER and OMS_PASSWORD say where; without them these tests skip.
"""

import os

import pytest


@pytest.fixture(scope="session")
def oms_server():
    if not os.environ.get("OMS_URL"):
        pytest.skip("no running Odoo: set OMS_URL, OMS_DB, OMS_USER, OMS_PASSWORD")
    return {
        "url": os.environ["OMS_URL"],
        "db": os.environ["OMS_DB"],
        "user": os.environ.get("OMS_USER", "admin"),
        "password": os.environ.get("OMS_PASSWORD", "admin"),
    }
