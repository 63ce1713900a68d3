#!/bin/sh
# run.sh SECONDS - runs every libFuzzer target of build-fuzz/ for SECONDS
# each, starting from its seed corpus tests/fuzz/corpus/<target>/ (found
# inputs go to build-fuzz/corpus/<target>/, crashes to build-fuzz/crashes/).
# Prints the executions per target; exits non-zero when a target found a
# crash, a leak, a timeout or an out-of-memory input: turn it into a
# regression test (tests/unit/test_fuzz_regressions.c) and fix it.
cd "$(dirname "$0")/../.." || exit 2
T=${1:-60}
status=0
mkdir -p build-fuzz/crashes
for bin in build-fuzz/fuzz_*; do
    [ -x "$bin" ] || continue
    name=$(basename "$bin")
    work=build-fuzz/corpus/$name
    mkdir -p "$work"
    log=build-fuzz/$name.log
    "$bin" -max_total_time="$T" -timeout=60 -rss_limit_mb=2048 -max_len=262144 \
        -print_final_stats=1 -artifact_prefix="build-fuzz/crashes/$name-" \
        "$work" "tests/fuzz/corpus/$name" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    if [ "$rc" -eq 0 ]; then
        echo "ok   $name: ${runs:-?} executions in ${T} s, $cov"
    else
        status=1
        echo "FAIL $name (exit $rc): see $log and build-fuzz/crashes/"
        grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5 | sed 's/^/    /'
    fi
done
exit $status
