# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Aggregation formulas of Odoo tax reports, parsed and evaluated without ``eval``.

Odoo's ``account.report.expression`` records with the ``aggregation`` engine hold
formulas such as ``LUTAX_454.balance + LUTAX_455.balance - (LUTAX_456.balance)``.
This module parses them into a small tree (numbers, ``CODE.label`` references, the
four operators, unary minus and parentheses) and evaluates a set of them in
dependency order. No ORM here: the caller passes plain dicts.

A reference whose value is unknown (a box computed by an engine we do not support)
is treated as zero and reported, so that a total that depends on it can be flagged
as incomplete instead of being silently wrong.
"""

import re

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<ref>[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_]\w*)"
    r"|(?P<op>[-+*/()]))"
)


class FormulaError(ValueError):
    """A formula we cannot parse or evaluate (syntax, cycle, division by zero)."""


def tokenize(formula):
    tokens, pos = [], 0
    text = formula.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise FormulaError(f"unexpected character at {pos} in {formula!r}")
        pos = match.end()
        if match["num"] is not None:
            tokens.append(("num", float(match["num"])))
        elif match["ref"] is not None:
            code, label = match["ref"].split(".")
            tokens.append(("ref", (code, label)))
        else:
            tokens.append(("op", match["op"]))
    return tokens


def parse(formula):
    """Parse ``formula`` into a tree of tuples:
    ``("num", x)``, ``("ref", (code, label))``, ``("neg", node)``,
    ``(op, left, right)`` with ``op`` in ``+ - * /``."""
    tokens = tokenize(formula)
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else (None, None)

    def take():
        nonlocal pos
        token = peek()
        pos += 1
        return token

    def expr():
        node = term()
        while peek() in (("op", "+"), ("op", "-")):
            node = (take()[1], node, term())
        return node

    def term():
        node = factor()
        while peek() in (("op", "*"), ("op", "/")):
            node = (take()[1], node, factor())
        return node

    def factor():
        kind, value = take()
        if kind == "op" and value == "-":
            return ("neg", factor())
        if kind == "op" and value == "+":
            return factor()
        if kind == "op" and value == "(":
            node = expr()
            if take() != ("op", ")"):
                raise FormulaError(f"missing ')' in {formula!r}")
            return node
        if kind in ("num", "ref"):
            return (kind, value)
        raise FormulaError(f"unexpected {value!r} in {formula!r}")

    if not tokens:
        raise FormulaError("empty formula")
    tree = expr()
    if pos != len(tokens):
        raise FormulaError(f"unexpected {peek()[1]!r} in {formula!r}")
    return tree


def references(tree):
    """The set of ``(code, label)`` a parsed formula refers to."""
    kind = tree[0]
    if kind == "num":
        return set()
    if kind == "ref":
        return {tree[1]}
    if kind == "neg":
        return references(tree[1])
    return references(tree[1]) | references(tree[2])


def _evaluate(tree, values):
    kind = tree[0]
    if kind == "num":
        return tree[1]
    if kind == "ref":
        return values.get(tree[1], 0.0)
    if kind == "neg":
        return -_evaluate(tree[1], values)
    left, right = _evaluate(tree[1], values), _evaluate(tree[2], values)
    if kind == "+":
        return left + right
    if kind == "-":
        return left - right
    if kind == "*":
        return left * right
    if right == 0:
        raise FormulaError("division by zero")
    return left / right


def evaluate_all(formulas, values, unknown=()):
    """Evaluate aggregation ``formulas`` ``{(code, label): formula}`` over known
    ``values`` ``{(code, label): float}``.

    ``unknown`` lists keys whose value could not be computed (unsupported engines).
    Returns ``(values, missing)``: every key's value (unknown ones count as 0.0), and
    for each aggregation the sorted codes of the unknown boxes it depends on, directly
    or through other aggregations. Raises FormulaError on a cycle.
    """
    trees = {key: parse(formula) for key, formula in formulas.items()}
    result = dict(values)
    missing = {key: set() for key in unknown}
    for key in unknown:
        result.setdefault(key, 0.0)
    state = {}

    def visit(key):
        if key not in trees:
            return
        if state.get(key) == "done":
            return
        if state.get(key) == "active":
            raise FormulaError(f"circular formula through {key[0]}.{key[1]}")
        state[key] = "active"
        gaps = set()
        for ref in references(trees[key]):
            visit(ref)
            if ref in missing:
                gaps |= missing[ref] or {ref[0]}
        result[key] = _evaluate(trees[key], result)
        if gaps:
            missing[key] = gaps
        state[key] = "done"

    for key in trees:
        visit(key)
    return result, {
        key: sorted(gaps) for key, gaps in missing.items() if key in trees and gaps
    }
