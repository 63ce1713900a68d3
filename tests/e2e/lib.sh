# lib.sh - helpers shared by the end-to-end tests (sourced, not run):
#   . "$(dirname "$0")/lib.sh"
# Moves to the repository root and sets
#   DVHT   the binary under test (DVHT_BIN, default ./dvht)
#   T      a temporary folder removed on exit
#   PY     a python3 that has openpyxl, or empty
#   QUICK  non-empty under DVHT_QUICK (sanitizers, valgrind): small data only
# and defines ok / no / check / skip / has / finish (TAP lines and totals)
# and plan (a plan folder inheriting the bundled plan).
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
DVHT=${DVHT_BIN:-./dvht}
QUICK=${DVHT_QUICK:-}
T=$(mktemp -d "${TMPDIR:-/tmp}/dvht-e2e.XXXXXX") || exit 2
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT INT TERM
passed=0
failed=0
PYTHONDONTWRITEBYTECODE=1
export PYTHONDONTWRITEBYTECODE

ok() { passed=$((passed + 1)); echo "ok - $*"; }
no() { failed=$((failed + 1)); echo "not ok - $*"; }
# check "what" command...: ok when the command succeeds
check() { what=$1; shift; if "$@"; then ok "$what"; else no "$what"; fi; }
skip() { passed=$((passed + 1)); echo "ok - $1 # SKIP $2"; }
# has FILE TEXT: the file contains the text (fixed string)
has() { grep -qF -- "$2" "$1"; }
# show FILE: the file as TAP comments (for failures)
show() { sed 's/^/# /' "$1" | head -${2:-20}; }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; }
# plan NAME: a plan folder $T/NAME inheriting the bundled plan; its plan.lua
# is `inherit "hanoi-2025"`, `plan { id = "NAME" }`, then stdin (from line 3).
plan() {
    mkdir -p "$T/$1"
    { echo 'inherit "hanoi-2025"'; echo "plan { id = \"$1\" }"; cat; } >"$T/$1/plan.lua"
}

PY=
for p in ${PYTHON:-} python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import openpyxl' 2>/dev/null; then
        PY=$p
        break
    fi
done
# any python3 (the generators need only the standard library)
PY3=${PY:-$(command -v python3 || echo /usr/bin/python3)}

# A helper binary for preparing data: the plain build is much faster than
# a sanitizer or valgrind run of the binary under test.
HELPER=$DVHT
[ -x "$ROOT/dvht" ] && HELPER="$ROOT/dvht"
HELPER=${DVHT_HELPER:-$HELPER}

# soffice (LibreOffice) with a throw-away profile, or empty.
SOFFICE=$(command -v soffice 2>/dev/null || command -v libreoffice 2>/dev/null || true)
soffice_run() {
    "$SOFFICE" --headless --norestore "-env:UserInstallation=file://$T/lo-profile" "$@" >"$T/soffice.log" 2>&1
}
