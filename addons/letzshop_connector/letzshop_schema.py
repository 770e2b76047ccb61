"""Every GraphQL document the connector sends to Letzshop, in ONE place.

Letzshop publishes no public reference of its vendor GraphQL schema. What is known
comes from the Orion project, which read it by introspection:

* https://git.wizard.lu/sboulahtit/orion/src/commit/11ebb2116a56cdbcbbc3af59541fe77e50fcd2a1/docs/implementation/letzshop-order-import-improvements.md
* https://git.wizard.lu/sboulahtit/orion/commit/575b00760bb5d9d8f15ae77316e8815875afd764
  (unit-level confirmation and states)

The facts below are marked:

* VERIFIED (from Orion's introspection notes): the ``shipments(state: ...)`` query,
  its ``nodes`` list and every field selected in :data:`SHIPMENT_FIELDS`, the unit
  states and the mutation name ``confirmInventoryUnits`` with ``isAvailable``.
* UNVERIFIED (our best guess, listed in :data:`UNVERIFIED`): the pagination
  arguments and ``pageInfo``; the argument shape of ``confirmInventoryUnits``; the
  name and argument shape of the tracking mutation; the states used for catch-up.

"Test connection" introspects the live schema and validates every document built
here against it (:func:`check_schema`), so a guess that turns out wrong is reported
by name before any order is touched. If Letzshop's schema differs, this module is
the only file to change.

Plain Python: no Odoo import. graphql-core is used only to validate documents.
"""

import json

from graphql import build_client_schema, parse, validate
from graphql.utilities import get_introspection_query

#: Facts we rely on without a public source. Shown by "Test connection".
UNVERIFIED = {
    "pagination": "shipments(first: Int, after: String) { pageInfo { hasNextPage "
    "endCursor } } (Relay-style, inferred from the 'nodes' field)",
    "confirm": "confirmInventoryUnits(input: {inventoryUnits: [{inventoryUnitId, "
    "isAvailable}]}) { inventoryUnits { id state } errors { id code message } }",
    "tracking": "setShipmentTracking(input: {shipmentId, code, provider}) "
    "{ shipment { id tracking { code provider } } errors { code message } }",
    "catch-up states": "shipments(state: confirmed) and shipments(state: declined)",
    "feed columns": "'quantity' column of the tab-separated product feed",
}

#: Shipment states we can ask for. The first one is what every sync imports.
SHIPMENT_STATES = ("unconfirmed", "confirmed", "declined")

#: Inventory unit states (VERIFIED) and what they mean for the vendor's decision.
UNIT_STATE_PENDING = "unconfirmed"
UNIT_STATE_CONFIRMED = "confirmed_available"
UNIT_STATE_DECLINED = "confirmed_unavailable"
UNIT_STATE_RETURNED = "returned"

ADDRESS_FIELDS = """
    firstName lastName company streetName streetNumber city zipCode phone
    country { name iso }
"""

SHIPMENT_FIELDS = f"""
    id
    number
    state
    order {{
      id number email total completedAt locale
      shipAddress {{ {ADDRESS_FIELDS} }}
      billAddress {{ {ADDRESS_FIELDS} }}
    }}
    inventoryUnits {{
      id
      state
      variant {{
        id sku mpn price
        tradeId {{ number parser }}
        product {{ name {{ en fr de }} }}
      }}
    }}
    tracking {{ code provider }}
"""


def _literal(value):
    """A GraphQL literal for a Python str/bool/int/list/dict (inline arguments).

    Inline literals avoid guessing the names of Letzshop's input types, which
    variables would need ("$input: SomeInputType!")."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        # A JSON string is a valid GraphQL string literal.
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_literal(v)}" for k, v in value.items()) + "}"
    if value is None:
        return "null"
    raise TypeError(f"no GraphQL literal for {value!r}")


def shipments_query(state, first, after=None):
    """The page of shipments in ``state`` (VERIFIED field set, UNVERIFIED paging)."""
    if state not in SHIPMENT_STATES:
        raise ValueError(f"unknown Letzshop shipment state {state!r}")
    args = f"state: {state}, first: {int(first)}"
    if after:
        args += f", after: {_literal(str(after))}"
    return f"""query LetzshopShipments {{
  shipments({args}) {{
    nodes {{ {SHIPMENT_FIELDS} }}
    pageInfo {{ hasNextPage endCursor }}
  }}
}}"""


def auth_probe_query():
    """Cheapest protected query: fails with 401/403 on a wrong key."""
    return "query LetzshopProbe { shipments(state: unconfirmed) { nodes { id } } }"


def confirm_units_mutation(decisions):
    """Confirm (True) or decline (False) units: ``decisions`` = [(unit_id, bool)]."""
    units = [
        {"inventoryUnitId": str(unit_id), "isAvailable": bool(available)}
        for unit_id, available in decisions
    ]
    return f"""mutation LetzshopConfirmUnits {{
  confirmInventoryUnits(input: {_literal({"inventoryUnits": units})}) {{
    inventoryUnits {{ id state }}
    errors {{ id code message }}
  }}
}}"""


def set_tracking_mutation(shipment_id, code, provider):
    """Send a tracking number (UNVERIFIED name and shape, see :data:`UNVERIFIED`)."""
    payload = {"shipmentId": str(shipment_id), "code": code, "provider": provider}
    return f"""mutation LetzshopSetTracking {{
  setShipmentTracking(input: {_literal(payload)}) {{
    shipment {{ id tracking {{ code provider }} }}
    errors {{ code message }}
  }}
}}"""


def introspection_query():
    return get_introspection_query(descriptions=False)


def documents_to_check():
    """Every document the connector sends, with sample values, keyed by purpose."""
    docs = {
        f"import ({state})": shipments_query(state, 1, after="cursor")
        for state in SHIPMENT_STATES
    }
    docs["confirm"] = confirm_units_mutation([("1", True), ("2", False)])
    docs["tracking"] = set_tracking_mutation("1", "CODE", "provider")
    return docs


def check_schema(introspection_data):
    """Validate every document against an introspected schema.

    :param introspection_data: the ``data`` of :func:`introspection_query`'s answer
    :return: list of ``(purpose, message)`` for every problem; empty when all is fine
    """
    try:
        schema = build_client_schema(introspection_data)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        # a broken introspection answer is a finding, not a crash
        return [("schema", f"the introspection answer is not a GraphQL schema: {exc}")]
    problems = []
    for purpose, document in documents_to_check().items():
        for error in validate(schema, parse(document)):
            problems.append((purpose, error.message))
    return problems
