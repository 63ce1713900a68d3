#!/bin/sh
# test_reference_crosscheck.sh - compares `dvht assess` with the independent
# Python reference (tests/reference/assess_ref.py) on seeded generated sets
# and on the bundled examples. Prints TAP lines ("ok - ..." / "not ok - ...",
# differences as "# ..." lines) and exits non-zero when a check fails.
#
# Run from anywhere; it works in the repository root. Environment:
#   DVHT            the binary (default ./dvht); without it the dvht checks are skipped
#   PYTHON          python 3 interpreter (default python3)
#   DVHT_SKIP_SLOW  when set, the generated sets are small
set -u
cd "$(dirname "$0")/../.." || exit 2

DVHT=${DVHT:-${DVHT_BIN:-./dvht}}
PYTHON=${PYTHON:-python3}
REF=tests/reference
PYTHONDONTWRITEBYTECODE=1
export PYTHONDONTWRITEBYTECODE
passed=0
failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dvht-xcheck.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

ok() { passed=$((passed + 1)); echo "ok - $*"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $*"; }
comment() { sed 's/^/# /' "$@"; }

if [ -n "${DVHT_QUICK:-}" ]; then big=60 small=30
elif [ -n "${DVHT_SKIP_SLOW:-}" ]; then big=400 small=200; else big=3000 small=1500; fi

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "ok - reference cross-check # SKIP $PYTHON not found"
    exit 0
fi

# 1. The reference itself.
if "$PYTHON" "$REF/test_assess_ref.py" >"$tmp/self.log" 2>&1; then
    ok "reference implementation passes its own checks"
else
    not_ok "reference implementation passes its own checks"
    comment "$tmp/self.log"
fi

# 2. The expected results of the examples are what the reference computes.
for ex in quan-mau phuong-nho; do
    "$PYTHON" "$REF/assess_ref.py" --quiet -o "$tmp/$ex.ref.csv" "examples/$ex/don-vi.csv"
    rc=$?
    if [ "$rc" -le 1 ] && cmp -s "$tmp/$ex.ref.csv" "examples/$ex/ket-qua-mong-doi.csv"; then
        ok "examples/$ex/ket-qua-mong-doi.csv matches the reference (exit $rc)"
    else
        not_ok "examples/$ex/ket-qua-mong-doi.csv matches the reference (exit $rc)"
        diff "examples/$ex/ket-qua-mong-doi.csv" "$tmp/$ex.ref.csv" | head -n 10 | comment
    fi
done

# 3. The generator is deterministic.
"$PYTHON" "$REF/gen_units.py" --units 300 --seed 7 --edge --labels --out "$tmp/d1.csv" &&
    "$PYTHON" "$REF/gen_units.py" --units 300 --seed 7 --edge --labels --out "$tmp/d2.csv"
if cmp -s "$tmp/d1.csv" "$tmp/d2.csv"; then
    ok "gen_units.py is deterministic for a seed"
else
    not_ok "gen_units.py is deterministic for a seed"
fi

# 4. dvht against the reference.
if [ ! -x "$DVHT" ]; then
    echo "ok - dvht cross-check # SKIP $DVHT not built"
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
fi

# crosscheck NAME FILE... : runs dvht and the reference on the same files.
nset=0
crosscheck() {
    name=$1
    shift
    nset=$((nset + 1))
    f="$tmp/set$nset"
    "$PYTHON" "$REF/assess_ref.py" --quiet -o "$f.want.csv" "$@"
    want_rc=$?
    "$DVHT" assess --csv "$f.got.csv" "$@" -o "$f.xlsx" >"$f.out" 2>&1
    got_rc=$?
    if [ "$want_rc" -gt 1 ]; then
        not_ok "$name: reference failed (exit $want_rc)"
        return
    fi
    if [ "$got_rc" -ne "$want_rc" ] || [ ! -s "$f.got.csv" ]; then
        not_ok "$name: dvht exit status $got_rc, want $want_rc"
        head -n 5 "$f.out" | comment
        [ -s "$f.got.csv" ] || return
    else
        ok "$name: dvht exit status $got_rc"
    fi
    if "$PYTHON" "$REF/compare_results.py" "$f.got.csv" "$f.want.csv" \
        >"$f.cmp" 2>&1; then
        ok "$name: every unit as the reference ($(sed -n 's/^# \([0-9]*\) units compared.*/\1/p' "$f.cmp") units)"
    else
        not_ok "$name: every unit as the reference"
        cat "$f.cmp"
    fi
    if [ -s "$f.xlsx" ]; then
        ok "$name: dvht wrote the workbook"
    else
        not_ok "$name: dvht wrote the workbook"
    fi
}

gen() {
    out=$1
    shift
    "$PYTHON" "$REF/gen_units.py" --out "$tmp/$out" "$@" || not_ok "gen_units.py $*"
}

gen keys.csv --units "$big" --seed 11
crosscheck "keys, comma, LF" "$tmp/keys.csv"

gen labels.csv --units "$big" --seed 12 --labels --semicolon --bom --nfd --crlf
crosscheck "labels, semicolon, BOM, NFD headers, CRLF" "$tmp/labels.csv"

gen edge.csv --units "$big" --seed 13 --edge
crosscheck "edge-heavy, keys" "$tmp/edge.csv"

gen edge-nfd.csv --units "$small" --seed 14 --edge --labels --semicolon --bom --nfd-all
crosscheck "edge-heavy, labels, whole file NFD" "$tmp/edge-nfd.csv"

crosscheck "examples/quan-mau" examples/quan-mau/don-vi.csv
crosscheck "examples/phuong-nho" examples/phuong-nho/don-vi.csv
crosscheck "two files in one run" examples/phuong-nho/don-vi.csv examples/quan-mau/don-vi.csv
# a copy, not the file named twice (that one is read once)
cp examples/phuong-nho/don-vi.csv "$tmp/ban-sao.csv"
crosscheck "a copy of a file (codes repeat across files)" \
    examples/phuong-nho/don-vi.csv "$tmp/ban-sao.csv"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
