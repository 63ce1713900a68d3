#!/bin/sh
# test_bundled_plans.sh - every bundled plan (each folder of rules/) passes
# `dvht check` without errors and its own cases (`dvht test`, cases in
# rules/<plan>/tests/*.lua). Echoes the TAP lines of `dvht test`, prefixed
# with the plan's name, and exits non-zero when a plan fails.
cd "$(dirname "$0")/../.." || exit 2
DVHT=${DVHT_BIN:-./dvht}
T=$(mktemp -d "${TMPDIR:-/tmp}/dvht-bundled.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
status=0
plans=0
for dir in rules/*/; do
    [ -f "$dir/plan.lua" ] || continue
    name=$(basename "$dir")
    plans=$((plans + 1))
    "$DVHT" check "$dir" >"$T/check.out" 2>&1
    rc=$?
    if [ "$rc" -eq 0 ]; then
        echo "ok - $name: dvht check"
    else
        echo "not ok - $name: dvht check exited with $rc"
        sed 's/^/# /' "$T/check.out"
        status=1
    fi
    "$DVHT" test "$dir" >"$T/test.out" 2>&1
    rc=$?
    # TAP lines with the plan's name; comments and the totals line as they are
    sed -e "s/^ok - /ok - $name: /" -e "s/^not ok - /not ok - $name: /" -e 's/^\([0-9]* passed\)/# \1/' "$T/test.out"
    if [ "$rc" -ne 0 ]; then
        grep -q '^not ok' "$T/test.out" || echo "not ok - $name: dvht test exited with $rc"
        status=1
    fi
done
[ "$plans" -gt 0 ] || { echo "not ok - no plan in rules/"; status=1; }
exit $status
