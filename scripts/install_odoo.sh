#!/usr/bin/env bash
# Usage: scripts/install_odoo.sh [--no-verify] [--odoo-only]
#
# Installs Odoo 19 Community into ./.venv from Odoo's published source archive
# (scripts/odoo-source.env says which one and how to override it), for a machine
# without Docker: checks Python (3.10 or newer, with venv) and PostgreSQL first and
# says what to install when something is missing, downloads the archive (or takes
# OMS_ODOO_ARCHIVE / OMS_ODOO_SRC), checks its SHA-256, extracts it into ./.odoo/src,
# creates ./.venv, installs Odoo's Python requirements and Odoo itself (editable), then
# this project's requirements.txt (not with --odoo-only). Running it again finishes
# or repairs an interrupted install and changes nothing in a complete one.
#
#   --no-verify   install a downloaded archive without checking its SHA-256
#   --odoo-only   do not install this project's requirements.txt
#
# Environment: OMS_ODOO_URL, OMS_ODOO_SHA256, OMS_ODOO_ARCHIVE, OMS_ODOO_SRC (see
# scripts/odoo-source.env); OMS_PYTHON (default python3); OMS_PIP_ARGS (extra pip
# options, e.g. "--index-url URL" for a mirror); OMS_INSTALL_DIR (where .venv and .odoo
# go; default: this repository); PGHOST/PGPORT for a PostgreSQL server of your own.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/odoo-source.env
source "$ROOT/scripts/odoo-source.env"

VERIFY=1
PROJECT_REQUIREMENTS=1
for arg in "$@"; do
    case "$arg" in
        --no-verify) VERIFY=0 ;;
        --odoo-only) PROJECT_REQUIREMENTS=0 ;;
        -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$arg' (see --help)" ;;
    esac
done

TARGET=${OMS_INSTALL_DIR:-$ROOT}
VENV=$TARGET/.venv
SRC_HOME=$TARGET/.odoo
PYTHON=${OMS_PYTHON:-python3}
# shellcheck disable=SC2206  # OMS_PIP_ARGS is a list of options, split on spaces
PIP_ARGS=(--disable-pip-version-check ${OMS_PIP_ARGS:-})
MARKER=.oms-odoo-installed

say() { echo "==> $*"; }

# What a Debian/Ubuntu machine lacks, as one apt-get line.
APT_MISSING=()
apt_hint() {
    echo "On Debian/Ubuntu: sudo apt-get install ${APT_MISSING[*]}"
}

# 1. Python 3.10 or newer with venv (and ensurepip, which Debian ships apart).
command -v "$PYTHON" >/dev/null \
    || { APT_MISSING=(python3 python3-venv); die "Python 3 is missing ('$PYTHON' not found). $(apt_hint)"; }
PY_VERSION=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
    || die "Odoo 19 needs Python 3.10 or newer; $PYTHON is Python $PY_VERSION (set OMS_PYTHON to another one)"
"$PYTHON" -c 'import venv, ensurepip' 2>/dev/null \
    || { APT_MISSING=(python3-venv); die "Python's venv module is missing for $PYTHON. $(apt_hint)"; }
say "Python $PY_VERSION ($(command -v "$PYTHON"))"

# 2. PostgreSQL: a running server (PGHOST/PGPORT), or initdb/pg_ctl for the cluster
#    that scripts/run.sh keeps in ./data/postgres.
if [ -n "${PGHOST:-}" ]; then
    postgres_answers "$PYTHON" \
        || die "no PostgreSQL answers at PGHOST=$PGHOST PGPORT=${PGPORT:-5432}: start it, or unset PGHOST to let scripts/run.sh start its own cluster"
    say "PostgreSQL at $PGHOST:${PGPORT:-5432}"
else
    PG_BIN=$(find_pg_bindir)
    [ -n "$PG_BIN" ] || {
        APT_MISSING=(postgresql)
        die "PostgreSQL is missing (no initdb found) and PGHOST is not set. $(apt_hint), or set PGHOST/PGPORT/PGUSER to a running server"
    }
    say "PostgreSQL server programs in $PG_BIN (scripts/run.sh starts its own cluster)"
fi

# 3. Odoo's source tree: a folder given, or an archive (given or downloaded) whose
#    SHA-256 is checked before anything is extracted.
sha256_of() {
    "$PYTHON" -c 'import hashlib, sys
h = hashlib.sha256()
with open(sys.argv[1], "rb") as f:
    for block in iter(lambda: f.read(1 << 20), b""):
        h.update(block)
print(h.hexdigest())' "$1"
}

# The extracted tree is kept with the SHA-256 of its archive: the same archive is
# not extracted twice.
extracted_sha() { cat "$SRC_HOME/src/.oms-archive-sha256" 2>/dev/null || true; }

EXPECTED=$(echo "${OMS_ODOO_SHA256:-}" | tr 'A-F' 'a-f' | tr -d '[:space:]')
if [ -n "$EXPECTED" ] && ! [[ "$EXPECTED" =~ ^[0-9a-f]{64}$ ]]; then
    die "OMS_ODOO_SHA256 is not a SHA-256 (64 hexadecimal digits): '$OMS_ODOO_SHA256'"
fi

extract() {  # extract ARCHIVE SHA256
    local tmp top
    mkdir -p "$SRC_HOME"
    tmp=$(mktemp -d "$SRC_HOME/extract.XXXXXX")
    tar -xzf "$1" -C "$tmp" || { rm -rf "$tmp"; die "could not extract $1 (not a .tar.gz?)"; }
    top=$(find "$tmp" -maxdepth 2 -name setup.py -path '*/setup.py' -printf '%h\n' | head -n1)
    [ -n "$top" ] || { rm -rf "$tmp"; die "$1 holds no Odoo source tree (no setup.py at its top)"; }
    echo "$2" >"$top/.oms-archive-sha256"
    rm -rf "$SRC_HOME/src"
    mv "$top" "$SRC_HOME/src"
    rm -rf "$tmp"
}

if [ -n "${OMS_ODOO_SRC:-}" ]; then
    [ -d "$OMS_ODOO_SRC" ] || die "OMS_ODOO_SRC=$OMS_ODOO_SRC is not a folder"
    TREE=$(cd "$OMS_ODOO_SRC" && pwd)
    SOURCE_ID="folder $TREE"
    say "Odoo source tree $TREE"
elif [ -n "$EXPECTED" ] && [ "$(extracted_sha)" = "$EXPECTED" ]; then
    TREE=$SRC_HOME/src
    SOURCE_ID="archive $EXPECTED"
    say "Odoo source already extracted in $TREE (SHA-256 $EXPECTED)"
else
    DOWNLOADED=""
    if [ -n "${OMS_ODOO_ARCHIVE:-}" ]; then
        [ -f "$OMS_ODOO_ARCHIVE" ] || die "OMS_ODOO_ARCHIVE=$OMS_ODOO_ARCHIVE is not a file"
        ARCHIVE=$OMS_ODOO_ARCHIVE
    else
        if [ -z "$EXPECTED" ] && [ "$VERIFY" = 1 ]; then
            if [ -t 0 ]; then
                echo "Odoo publishes no fixed checksum for $OMS_ODOO_URL: copy the SHA-256 listed for it"
                echo "at $OMS_ODOO_CHECKSUMS_PAGE (or type 'skip' to install it unverified)."
                read -r -p "SHA-256: " EXPECTED
                EXPECTED=$(echo "$EXPECTED" | tr 'A-F' 'a-f' | tr -d '[:space:]')
                if [ "$EXPECTED" = skip ]; then EXPECTED=""; VERIFY=0; fi
            fi
            [ -n "$EXPECTED" ] || [ "$VERIFY" = 0 ] \
                || die "no checksum for $OMS_ODOO_URL: set OMS_ODOO_SHA256 to the SHA-256 listed at $OMS_ODOO_CHECKSUMS_PAGE, or pass --no-verify to install it unverified"
            if [ -n "$EXPECTED" ] && ! [[ "$EXPECTED" =~ ^[0-9a-f]{64}$ ]]; then
                die "'$EXPECTED' is not a SHA-256 (64 hexadecimal digits)"
            fi
        fi
        DOWNLOADED=$(mktemp "${TMPDIR:-/tmp}/odoo-19.0.XXXXXX.tar.gz")
        trap 'rm -f "$DOWNLOADED"' EXIT
        say "Downloading $OMS_ODOO_URL"
        if command -v curl >/dev/null; then
            curl -fL --retry 2 --connect-timeout 20 -o "$DOWNLOADED" "$OMS_ODOO_URL" || DL_FAILED=1
        elif command -v wget >/dev/null; then
            wget -q --tries=3 --timeout=20 -O "$DOWNLOADED" "$OMS_ODOO_URL" || DL_FAILED=1
        else
            APT_MISSING=(curl)
            die "neither curl nor wget is installed to download Odoo. $(apt_hint)"
        fi
        [ -z "${DL_FAILED:-}" ] \
            || die "could not download $OMS_ODOO_URL (no network, or the file is gone: set OMS_ODOO_URL, or OMS_ODOO_ARCHIVE to a local copy)"
        ARCHIVE=$DOWNLOADED
    fi
    ACTUAL=$(sha256_of "$ARCHIVE")
    if [ -n "$EXPECTED" ]; then
        [ "$ACTUAL" = "$EXPECTED" ] || {
            if [ -n "$DOWNLOADED" ]; then
                die "wrong checksum for $OMS_ODOO_URL (downloaded file removed): expected SHA-256 $EXPECTED, got $ACTUAL; nothing was installed"
            fi
            die "wrong checksum for $ARCHIVE: expected SHA-256 $EXPECTED, got $ACTUAL; nothing was installed"
        }
        say "SHA-256 $ACTUAL verified"
    else
        say "SHA-256 $ACTUAL (not verified)"
    fi
    if [ "$(extracted_sha)" = "$ACTUAL" ]; then
        say "Odoo source already extracted in $SRC_HOME/src"
    else
        say "Extracting into $SRC_HOME/src"
        extract "$ARCHIVE" "$ACTUAL"
    fi
    TREE=$SRC_HOME/src
    SOURCE_ID="archive $ACTUAL"
fi
{ [ -f "$TREE/setup.py" ] || [ -f "$TREE/pyproject.toml" ]; } \
    || die "$TREE is not an Odoo source tree (no setup.py nor pyproject.toml)"
grep -Eq '^version_info = \(19,' "$TREE/odoo/release.py" 2>/dev/null \
    || die "$TREE is not Odoo 19 (odoo/release.py does not say version 19)"

# 4. What pip needs to build Odoo's requirements from source (psycopg2, python-ldap).
#    Only a warning: other systems keep these elsewhere, and pip says what failed.
APT_MISSING=()
REQS=$TREE/requirements.txt
if grep -Eq '^psycopg2([^-]|$)' "$REQS" 2>/dev/null; then
    command -v pg_config >/dev/null || APT_MISSING+=(libpq-dev)
    "$PYTHON" -c 'import os, sysconfig, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
        || APT_MISSING+=(python3-dev)
    command -v cc >/dev/null || APT_MISSING+=(build-essential)
fi
if grep -Eq '^python-ldap' "$REQS" 2>/dev/null; then
    [ -f /usr/include/ldap.h ] || APT_MISSING+=(libldap2-dev)
    [ -f /usr/include/sasl/sasl.h ] || APT_MISSING+=(libsasl2-dev)
fi
BUILD_HINT=""
if [ ${#APT_MISSING[@]} -gt 0 ]; then
    BUILD_HINT="Building Odoo's requirements needs headers that seem missing. $(apt_hint)"
    echo "warning: $BUILD_HINT" >&2
fi
command -v wkhtmltopdf >/dev/null \
    || echo "note: wkhtmltopdf is missing: PDF reports (invoices, labels) need it (Debian: apt-get install wkhtmltopdf)" >&2

# 5. The virtual environment, Odoo's requirements and Odoo itself. The marker is
#    written last: without it, a rerun installs again (pip keeps what is there).
if [ -f "$VENV/$MARKER" ] && [ "$(cat "$VENV/$MARKER")" = "$SOURCE_ID" ] \
    && "$VENV/bin/odoo" --version 2>/dev/null | grep -q '^Odoo Server 19\.'; then
    say "Odoo 19 already installed in $VENV"
else
    rm -f "$VENV/$MARKER"
    if [ -d "$VENV" ] && ! "$VENV/bin/python" -c 'import pip' 2>/dev/null; then
        say "Removing the broken virtual environment $VENV"
        rm -rf "$VENV"
    fi
    if [ ! -d "$VENV" ]; then
        say "Creating the virtual environment $VENV"
        "$PYTHON" -m venv "$VENV" || { rm -rf "$VENV"; die "could not create the virtual environment $VENV"; }
    fi
    say "Installing Odoo's Python requirements ($REQS)"
    "$VENV/bin/python" -m pip install "${PIP_ARGS[@]}" -r "$REQS" \
        || die "pip could not install Odoo's requirements ($REQS) into $VENV; see pip's message above. ${BUILD_HINT:-}Run scripts/install_odoo.sh again once fixed."
    say "Installing Odoo 19 from $TREE"
    "$VENV/bin/python" -m pip install "${PIP_ARGS[@]}" --no-deps --config-settings editable_mode=compat -e "$TREE" \
        || die "pip could not install Odoo from $TREE into $VENV; see pip's message above. Run scripts/install_odoo.sh again once fixed."
    # (as root, Odoo also warns on stderr that root is a security risk)
    VERSION=$("$VENV/bin/odoo" --version 2>/dev/null | grep '^Odoo Server 19\.' || true)
    [ -n "$VERSION" ] \
        || die "$VENV/bin/odoo does not run as Odoo 19 (it says: $("$VENV/bin/odoo" --version 2>&1 | tail -n 5))"
    echo "$SOURCE_ID" >"$VENV/$MARKER"
    say "$VERSION installed in $VENV"
fi

# 6. This project's requirements (scripts/run.sh checks them at every start as well).
if [ "$PROJECT_REQUIREMENTS" = 1 ]; then
    ODOO_PY=$VENV/bin/python
    ensure_requirements
fi

echo
echo "Odoo 19 Community is installed in $VENV."
echo "Next: scripts/run.sh   (it uses $VENV/bin/odoo when 'odoo' is not on PATH)"
