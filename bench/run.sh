#!/bin/sh
# run.sh - the city-scale benchmark of `make bench` (not part of `make test`).
#
# Generates (once, cached) a deterministic city set with bench/gen_city.py,
# as CSV and as XLSX, then for each format times, in one run:
#   dvht      `dvht assess -q -o tong-hop.xlsx --csv ket-qua.csv FOLDER`
#   floor     the same inputs only read (bench/floor.lua read), with the
#             reading threads dvht uses and with none, plus the same output
#             cells only written with libxlsxwriter (floor.lua write)
#   rules     rule evaluation alone (bench/rules_rate.lua)
#   python    bench/python_job.py, the same job in plain Python (csv or
#             openpyxl read-only, XlsxWriter); its results must agree
# and prints wall time, CPU time, rows/s, units/s, peak RSS, overhead over
# the floor and the speed-up over Python. Figures also go to
# bench-data/ket-qua-do.txt.
#
# Environment: BENCH_PER_TYPE (1250 units of each of the 8 types: 10,000
# units; BENCH_PER_TYPE=10000 is the 80,000-unit stress run of
# docs/hieu-nang.md), BENCH_MEMBERS (1000000 roster rows), BENCH_DISTRICTS (30 files of each
# table), BENCH_SEED (2025), BENCH_DIR (bench-data), BENCH_FORMATS
# ("csv xlsx"), BENCH_PYTHON=0 to skip the Python job, BENCH_REPEAT (3 runs
# of dvht, the median is shown), DVHT_BIN (./dvht).
set -eu
cd "$(dirname "$0")/.."

PER_TYPE=${BENCH_PER_TYPE:-1250}
MEMBERS=${BENCH_MEMBERS:-1000000}
DISTRICTS=${BENCH_DISTRICTS:-30}
SEED=${BENCH_SEED:-2025}
DIR=${BENCH_DIR:-bench-data}
FORMATS=${BENCH_FORMATS:-csv xlsx}
DVHT=${DVHT_BIN:-./dvht}
TIME=/usr/bin/time

# A Python 3 with XlsxWriter (Debian: python3-xlsxwriter; openpyxl for the
# XLSX inputs of the Python job).
PY=""
for p in ${PYTHON:-} python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c "import xlsxwriter" 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-xlsxwriter python3-openpyxl >/dev/null 2>&1 || true
    /usr/bin/python3 -c "import xlsxwriter" 2>/dev/null && PY=/usr/bin/python3
fi
if [ -z "$PY" ]; then
    echo "bench: cần Python 3 có XlsxWriter: sudo apt-get install python3-xlsxwriter python3-openpyxl" >&2
    exit 1
fi
[ -x "$TIME" ] || { echo "bench: cần /usr/bin/time (gói Debian: time)" >&2; exit 1; }
[ -x "$DVHT" ] || { echo "bench: chưa có $DVHT (chạy make)" >&2; exit 1; }

SET="$DIR/city-$PER_TYPE-$MEMBERS-$DISTRICTS-$SEED"
if [ ! -f "$SET/.done" ]; then
    echo "Tạo bộ dữ liệu $SET ($PER_TYPE đơn vị mỗi loại, $MEMBERS dòng thành viên, $DISTRICTS tệp)..."
    rm -rf "$SET"
    "$PY" bench/gen_city.py --out "$SET" --per-type "$PER_TYPE" --members "$MEMBERS" \
        --districts "$DISTRICTS" --seed "$SEED" --format both
    touch "$SET/.done"
fi
UNITS=$((PER_TYPE * 8))
# dvht runs REPEAT times (median), each floor three times (median), the
# Python job once (it takes from seconds to minutes)
REPEAT=${BENCH_REPEAT:-3}
# the reading threads dvht assess uses by default (one per processor)
THREADS=${DVHT_THREADS:-$(nproc 2>/dev/null || echo 2)}
ROWS=$((UNITS + MEMBERS))
OUT=$(mktemp -d "${TMPDIR:-/tmp}/dvht-bench.XXXXXX")
trap 'rm -rf "$OUT"' EXIT INT TERM
REPORT="$DIR/ket-qua-do.txt"

# timed N LABEL CMD...: runs CMD N times under /usr/bin/time; sets T_WALL
# T_CPU T_RSS (MB) of the run with the median wall time (N odd), and
# T_ALL to every wall time.
timed() {
    n=$1 label=$2
    shift 2
    : >"$OUT/times"
    k=0
    while [ "$k" -lt "$n" ]; do
        rc=0
        "$TIME" -f "%e %U %S %M" -o "$OUT/time" "$@" >"$OUT/$label.out" 2>"$OUT/$label.err" || rc=$?
        if [ "$rc" -gt 1 ]; then
            echo "bench: $label thất bại (mã $rc):" >&2
            tail -5 "$OUT/$label.err" >&2
            exit 1
        fi
        tail -1 "$OUT/time" >>"$OUT/times"
        k=$((k + 1))
    done
    T_ALL=$(cut -d' ' -f1 "$OUT/times" | tr '\n' ' ' | sed 's/ $//')
    set -- $(sort -n "$OUT/times" | sed -n "$(((n + 1) / 2))p")
    T_WALL=$1
    T_CPU=$(echo "$2 + $3" | bc)
    T_RSS=$(($4 / 1024))
}

# median3 CMD...: the median of the second field of CMD's output line
# ("floor_read 0.213 rows=..."), over three runs.
median3() {
    : >"$OUT/m3"
    for k in 1 2 3; do
        "$@" >"$OUT/m3.one" || return 1
        cut -d' ' -f2 "$OUT/m3.one" >>"$OUT/m3"
    done
    sort -n "$OUT/m3" | sed -n 2p
}
ratio() { echo "scale=2; $1 / $2" | bc; }
per_s() { echo "$1 / $2" | bc; }

{
    echo "dvht bench $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, $(uname -m),"
    echo "  $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "  data: $UNITS units (8 types x $PER_TYPE), $MEMBERS roster rows, $DISTRICTS files per table;"
    echo "  dvht reads with $THREADS threads"
} | tee "$REPORT"

for fmt in $FORMATS; do
    in="$SET/$fmt"
    # untimed: every timed command then finds the inputs in the page cache
    find "$in" -type f -exec cat {} + >/dev/null
    timed "$REPEAT" "dvht-$fmt" "$DVHT" assess -q -o "$OUT/tong-hop-$fmt.xlsx" --csv "$OUT/ket-qua-$fmt.csv" "$in"
    d_wall=$T_WALL d_cpu=$T_CPU d_rss=$T_RSS d_all=$T_ALL
    f_read=$(median3 "$DVHT" run bench/floor.lua read --threads "$THREADS" "$in") || exit 1
    f_read0=$(median3 "$DVHT" run bench/floor.lua read --threads 0 "$in") || exit 1
    f_write=$(median3 "$DVHT" run bench/floor.lua write "$OUT/tong-hop-$fmt.xlsx" "$OUT/ket-qua-$fmt.csv" "$OUT") || exit 1
    floor=$(echo "$f_read + $f_write" | bc)
    floor0=$(echo "$f_read0 + $f_write" | bc)
    "$DVHT" run bench/rules_rate.lua "$in" >"$OUT/rr" || exit 1
    rules_rate=$(sed 's/.*rate=//' "$OUT/rr")
    {
        echo
        echo "[$fmt] dvht assess: ${d_wall} s wall (median of: $d_all), ${d_cpu} s CPU," \
            "$(per_s "$ROWS" "$d_wall") rows/s, $(per_s "$UNITS" "$d_wall") units/s, peak RSS ${d_rss} MB"
        echo "[$fmt] floor: read ${f_read} s ($THREADS reading threads) + write ${f_write} s = ${floor} s;" \
            "dvht / floor = $(ratio "$d_wall" "$floor")x"
        echo "[$fmt] floor, reading in one thread: ${f_read0} s + ${f_write} s = ${floor0} s;" \
            "dvht / floor = $(ratio "$d_wall" "$floor0")x"
        echo "[$fmt] rule evaluation alone: $rules_rate unit assessments/s"
    } | tee -a "$REPORT"
    if [ "${BENCH_PYTHON:-1}" != 0 ]; then
        timed 1 "python-$fmt" "$PY" bench/python_job.py -o "$OUT/py-$fmt.xlsx" --csv "$OUT/py-$fmt.csv" "$in"
        same=$("$PY" tests/reference/compare_results.py "$OUT/ket-qua-$fmt.csv" "$OUT/py-$fmt.csv" 2>&1 |
            sed -n 's/^# \([0-9]* units compared, [0-9]* differ\).*/\1/p')
        echo "[$fmt] python job: ${T_WALL} s wall, ${T_CPU} s CPU, peak RSS ${T_RSS} MB;" \
            "python / dvht = $(ratio "$T_WALL" "$d_wall")x; results: ${same:-?}" | tee -a "$REPORT"
    fi
done
