#!/usr/bin/env bash
# Lint as pre-commit does (.pre-commit-config.yaml), with the tools installed in Odoo's
# Python from requirements-dev.txt: ruff, ruff-format, OCA's module and .po checks,
# pylint-odoo's mandatory checks, and the readme/ fragment every addon must have.
# Usage: scripts/lint.sh [--fix] [ADDON ...]   (no addon: the whole tree)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
[ -n "${ODOO_PY:-}" ] || { find_odoo; ensure_requirements dev; }
BIN=$(dirname "$ODOO_PY")
FIX=0
if [ "${1:-}" = "--fix" ]; then FIX=1; shift; fi
if [ $# -gt 0 ]; then
    ADDON_DIRS=()
    for a in "$@"; do ADDON_DIRS+=("addons/$a"); done
    PATHS=("${ADDON_DIRS[@]}")
else
    mapfile -t ADDON_DIRS < <(for m in addons/*/__manifest__.py; do dirname "$m"; done)
    PATHS=(.)
fi
RC=0
if [ "$FIX" = 1 ]; then
    "$BIN/ruff" check --fix "${PATHS[@]}" || RC=1
    "$BIN/ruff" format "${PATHS[@]}" || RC=1
else
    "$BIN/ruff" check --no-fix "${PATHS[@]}" || RC=1
    "$BIN/ruff" format --check "${PATHS[@]}" || RC=1
fi
if [ ${#ADDON_DIRS[@]} -gt 0 ]; then
    mapfile -t PO_FILES < <(find "${ADDON_DIRS[@]}" -path '*/i18n/*' \( -name '*.po' -o -name '*.pot' \) | sort)
    if [ "$FIX" = 1 ]; then
        "$BIN/oca-checks-odoo-module" --no-verbose --fix "${ADDON_DIRS[@]}" >/dev/null 2>&1 || true
        [ ${#PO_FILES[@]} -eq 0 ] || "$BIN/oca-checks-po" --no-verbose --fix "${PO_FILES[@]}" >/dev/null 2>&1 || true
    fi
    # manifest, XML and CSV checks of OCA's pre-commit (duplicate ids, headers, ...)
    "$BIN/oca-checks-odoo-module" "${ADDON_DIRS[@]}" || RC=1
    [ ${#PO_FILES[@]} -eq 0 ] || "$BIN/oca-checks-po" "${PO_FILES[@]}" || RC=1
    "$BIN/pylint" --rcfile=.pylintrc-mandatory "${ADDON_DIRS[@]}" || RC=1
    for d in "${ADDON_DIRS[@]}"; do
        [ -s "$d/readme/DESCRIPTION.md" ] || { echo "$d: readme/DESCRIPTION.md is missing"; RC=1; }
        [ ! -e "$d/i18n/en.po" ] || { echo "$d: i18n/en.po is forbidden (English is the source)"; RC=1; }
    done
fi
[ "$RC" -eq 0 ] && echo "lint: ok"
exit "$RC"
