#!/bin/sh
# test_diff_and_scripts.sh - `dvht diff` against an independent count, the
# bundled scripts (scripts/*.lua) against independent computations, and
# every example of docs/huong-dan-kich-ban.md run as written.
#
# The independent side: `dvht assess --csv` under each plan separately (and
# the Python reference assessor), compared by tests/e2e/diff_scripts_check.py.
# Prints TAP lines; exits non-zero when a check fails.
# Environment: DVHT_BIN (default ./dvht), PYTHON, DVHT_QUICK=1 (small data).
set -u
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
DVHT=${DVHT_BIN:-./dvht}
case $DVHT in /*) ;; *) DVHT=$ROOT/$DVHT ;; esac
CHECK=$ROOT/tests/e2e/diff_scripts_check.py
REF=$ROOT/tests/reference
PYTHONDONTWRITEBYTECODE=1
export PYTHONDONTWRITEBYTECODE
passed=0
failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dvht-diff.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

ok() { passed=$((passed + 1)); echo "ok - $*"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $*"; }
comment() { sed 's/^/# /' "$@"; }

# python with openpyxl when there is one (workbook checks), else any python 3
PY=""
for p in ${PYTHON:-} python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import openpyxl' 2>/dev/null; then PY=$p; break; fi
done
[ -n "$PY" ] || PY=${PYTHON:-python3}
if ! command -v "$PY" >/dev/null 2>&1; then
    echo "ok - diff and scripts # SKIP no python 3"
    exit 0
fi
if [ ! -x "$DVHT" ]; then
    echo "ok - diff and scripts # SKIP $DVHT not built"
    exit 0
fi

# py_check ARGS...: runs the checker, passes its TAP lines on, counts them.
py_check() {
    "$PY" "$CHECK" "$@" >"$tmp/check.out" 2>&1
    cat "$tmp/check.out"
    p=$(grep -c '^ok' "$tmp/check.out")
    f=$(grep -c '^not ok' "$tmp/check.out")
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then not_ok "checker ran: $1 $2"; fi
}

# expect_exit WANT NAME CMD...: runs a command, checks its exit status.
expect_exit() {
    want=$1 name=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -eq "$want" ]; then
        ok "$name (exit $rc)"
    else
        not_ok "$name: exit $rc, want $want"
        head -n 5 "$tmp/err" | comment
    fi
}

if [ -n "${DVHT_QUICK:-}" ]; then units=120; else units=2500; fi
cd "$tmp" || exit 2

# ---------------------------------------------------------------------------
# 1. dvht diff
# ---------------------------------------------------------------------------
# Plan B: a copy of hanoi-2025 with four thresholds edited in its files;
# the same edits as --set overrides.
cp -r "$ROOT/rules/hanoi-2025" planB
sed -i 's/"ngoai_ngu", of = "tong_thanh_vien", muc_1 = 50, muc_2 = 70 }/"ngoai_ngu", of = "tong_thanh_vien", muc_1 = 60, muc_2 = 65 }/' planB/criterion_2.lua
sed -i 's/"tuan_thu_ky_luat", of = "tong_thanh_vien", muc_1 = 90, muc_2 = 95 }/"tuan_thu_ky_luat", of = "tong_thanh_vien", muc_1 = 90, muc_2 = 93 }/' planB/criterion_2.lua
sed -i 's/"nguoi_hoc_cdht", of = "tong_nguoi_hoc", muc_1 = 95,/"nguoi_hoc_cdht", of = "tong_nguoi_hoc", muc_1 = 96,/' planB/criterion_3.lua
n2=$(grep -c -e '"ngoai_ngu", of = "tong_thanh_vien", muc_1 = 60, muc_2 = 65 }' -e '"tuan_thu_ky_luat", of = "tong_thanh_vien", muc_1 = 90, muc_2 = 93 }' planB/criterion_2.lua)
n3=$(grep -c '"nguoi_hoc_cdht", of = "tong_nguoi_hoc", muc_1 = 96,' planB/criterion_3.lua)
if [ $((n2 + n3)) -eq 3 ]; then
    ok "plan B: four thresholds edited in a copy of hanoi-2025"
else
    not_ok "plan B: four thresholds edited in a copy of hanoi-2025 (the sed patterns no longer match)"
fi
SETS="--set tc2_4.muc_1=60 --set tc2_4.muc_2=65 --set tc2_1.muc_2=93 --set tc3_1.nguoi_hoc_cdht.muc_1=96"

"$PY" "$REF/gen_units.py" --units "$units" --seed 31 --out gen.csv || not_ok "gen_units.py"
"$PY" "$REF/gen_units.py" --units "$units" --seed 33 --edge --out edge.csv || not_ok "gen_units.py --edge"

# check_diff NAME INPUT: both plans assessed separately, then diff two ways.
check_diff() {
    name=$1 input=$2
    "$DVHT" assess -q --csv "$name.a.csv" -o "$name.a.xlsx" "$input" >/dev/null 2>&1
    "$DVHT" assess -q --plan planB --csv "$name.b.csv" -o "$name.b.xlsx" "$input" >/dev/null 2>&1
    "$DVHT" diff --plan hanoi-2025 --plan planB --limit 5 --csv "$name.d1.csv" -o "$name.d1.xlsx" "$input" \
        >"$name.d1.out" 2>"$name.d1.err"
    rc=$?
    if [ "$rc" -eq 0 ]; then ok "$name: diff --plan A --plan B (exit 0)"; else not_ok "$name: diff --plan A --plan B exit $rc"; comment "$name.d1.err"; fi
    py_check diff "$name, two plans" "$name.a.csv" "$name.b.csv" "$name.d1.csv" "$name.d1.out" "$name.d1.xlsx"
    # shellcheck disable=SC2086
    "$DVHT" diff $SETS --limit 0 --csv "$name.d2.csv" -o "$name.d2.xlsx" "$input" >"$name.d2.out" 2>"$name.d2.err"
    rc=$?
    if [ "$rc" -eq 0 ]; then ok "$name: diff --set ... (exit 0)"; else not_ok "$name: diff --set exit $rc"; comment "$name.d2.err"; fi
    py_check diff "$name, --set" "$name.a.csv" "$name.b.csv" "$name.d2.csv" "$name.d2.out"
    if cmp -s "$name.d1.csv" "$name.d2.csv"; then
        ok "$name: --set gives the same comparison as the edited copy"
    else
        not_ok "$name: --set gives the same comparison as the edited copy"
    fi
}
check_diff generated gen.csv
check_diff edge-heavy edge.csv
check_diff quan-mau "$ROOT/examples/quan-mau/don-vi.csv"

# the next year's bundled plan against this year's (read once per plan:
# hanoi-2026 gives "Cấp quản lý" another default, so the schemas differ)
if [ -f "$ROOT/rules/hanoi-2026/plan.lua" ]; then
    Q=$ROOT/examples/quan-mau/don-vi.csv
    "$DVHT" assess -q --plan hanoi-2026 --csv y2026.csv -o y2026.xlsx "$Q" >/dev/null 2>&1
    "$DVHT" diff --plan hanoi-2025 --plan hanoi-2026 --csv years.d.csv -o years.d.xlsx "$Q" >years.d.out 2>years.d.err
    rc=$?
    if [ "$rc" -eq 0 ]; then ok "diff hanoi-2025 hanoi-2026 (exit 0)"; else not_ok "diff hanoi-2025 hanoi-2026 exit $rc"; comment years.d.err; fi
    py_check diff "quan-mau, hanoi-2025 → hanoi-2026" quan-mau.a.csv y2026.csv years.d.csv years.d.out years.d.xlsx
fi

# the edits move units both ways on the generated set: the check is not vacuous
if grep -q ',tang,' generated.d1.csv && grep -q ',giam,' generated.d1.csv; then
    ok "generated: some units rose and some fell"
else
    not_ok "generated: some units rose and some fell"
fi
if grep -q 'tc3_1:' generated.d1.csv; then ok "generated: the learners' part of TC3.1 changed some units"; else not_ok "generated: the learners' part of TC3.1 changed some units"; fi

# the changed units are printed with the indicators responsible
if grep -q '^      TC2\.4: muc_1 → khong_dat ([0-9]*,[0-9]%)$' quan-mau.d1.out; then
    ok "quan-mau: changed units are printed with the indicator that changed"
else
    not_ok "quan-mau: changed units are printed with the indicator that changed"
    head -n 40 quan-mau.d1.out | comment
fi

Q=$ROOT/examples/quan-mau/don-vi.csv
expect_exit 2 "diff with one plan and no --set" "$DVHT" diff --plan hanoi-2025 "$Q"
expect_exit 2 "diff with three plans" "$DVHT" diff --plan hanoi-2025 --plan planB --plan planB "$Q"
expect_exit 2 "diff without data files" "$DVHT" diff --set tc2_4.muc_1=60
expect_exit 2 "diff --set without a level" "$DVHT" diff --set tc2_4=60 "$Q"
expect_exit 2 "diff writing over its input" "$DVHT" diff --set tc2_4.muc_1=60 -o "$Q" "$Q"
expect_exit 3 "diff --set on an unknown indicator" "$DVHT" diff --set tc9_9.muc_1=60 "$Q"
if grep -q 'tc9_9' "$tmp/err"; then ok "the message names the --set"; else not_ok "the message names the --set"; fi
expect_exit 3 "diff --set with a threshold above 100" "$DVHT" diff --set tc2_4.muc_1=150 "$Q"
expect_exit 3 "diff --set on a part that needs its column named" "$DVHT" diff --set tc3_1.muc_1=91 "$Q"
expect_exit 3 "diff --set making muc_2 lower than muc_1" "$DVHT" diff --set tc2_4.muc_2=40 "$Q"
expect_exit 4 "diff on a missing file" "$DVHT" diff --set tc2_4.muc_1=60 no-such-file.csv

# ---------------------------------------------------------------------------
# 2. scripts/
# ---------------------------------------------------------------------------
for s in danh-gia-theo-phuong so-sanh-nam gan-muc-tiep-theo; do
    expect_exit 2 "scripts/$s.lua without arguments prints its usage" "$DVHT" run "$ROOT/scripts/$s.lua"
    if grep -q '^Cách dùng: dvht run scripts/' "$tmp/err"; then ok "scripts/$s.lua: usage in Vietnamese"; else not_ok "scripts/$s.lua: usage in Vietnamese"; fi
done

# 2a. one summary per ward and a district roll-up
W=$ROOT/tests/data/quan-theo-phuong
"$DVHT" run "$ROOT/scripts/danh-gia-theo-phuong.lua" "$W" wards >wards.out 2>wards.err
rc=$?
if [ "$rc" -le 1 ]; then ok "danh-gia-theo-phuong.lua ran (exit $rc)"; else not_ok "danh-gia-theo-phuong.lua exit $rc"; comment wards.err; fi
pairs=""
for d in "$W"/*/; do
    ward=$(basename "$d")
    "$DVHT" assess -q --csv "ward-$ward.csv" -o "ward-$ward.xlsx" "$d" >/dev/null 2>&1
    pairs="$pairs $ward=ward-$ward.csv"
    if [ -s "wards/$ward.xlsx" ] && cmp -s "wards/$ward.csv" "ward-$ward.csv"; then
        ok "ward $ward: summary workbook, and results equal to dvht assess on the folder"
    else
        not_ok "ward $ward: summary workbook, and results equal to dvht assess on the folder"
    fi
done
# shellcheck disable=SC2086
py_check wards "danh-gia-theo-phuong" wards/tong-hop-quan.csv $pairs
if [ -s wards/tong-hop-quan.xlsx ]; then ok "district roll-up workbook written"; else not_ok "district roll-up workbook written"; fi
if grep -q 'LB-012' wards.err; then ok "a code filed in two wards is reported"; else not_ok "a code filed in two wards is reported"; fi

# 2b. this year against last year: from input data and from a results file
LAST=$ROOT/tests/data/ket-qua-nam-truoc.csv
"$DVHT" assess -q --csv this.csv -o this.xlsx "$Q" >/dev/null 2>&1
"$DVHT" run "$ROOT/scripts/so-sanh-nam.lua" --csv years1.csv -o years1.xlsx "$Q" "$LAST" >years1.out 2>years1.err
rc=$?
if [ "$rc" -eq 0 ] && [ -s years1.xlsx ]; then ok "so-sanh-nam.lua from input data (exit 0, workbook)"; else not_ok "so-sanh-nam.lua from input data exit $rc"; comment years1.err; fi
py_check years "so-sanh-nam, input data" this.csv "$LAST" years1.csv years1.out
"$DVHT" run "$ROOT/scripts/so-sanh-nam.lua" --csv years2.csv -o years2.xlsx this.csv "$LAST" >years2.out 2>years2.err
py_check years "so-sanh-nam, results file" this.csv "$LAST" years2.csv years2.out

# 2c. members needed for the next level
"$PY" "$REF/gen_units.py" --units "$units" --seed 32 --out plain.csv || not_ok "gen_units.py"
"$DVHT" assess -q --csv plain.res.csv -o plain.res.xlsx plain.csv >/dev/null 2>&1
"$DVHT" run "$ROOT/scripts/gan-muc-tiep-theo.lua" --csv needs.csv -o needs.xlsx plain.csv >needs.out 2>needs.err
rc=$?
if [ "$rc" -eq 0 ] && [ -s needs.xlsx ]; then ok "gan-muc-tiep-theo.lua ran (exit 0, workbook)"; else not_ok "gan-muc-tiep-theo.lua exit $rc"; comment needs.err; fi
TH="tc2_1=90/95,tc2_2=90/95,tc2_3=90/95,tc2_4=50/70,tc2_5=90/95"
py_check needs "gan-muc-tiep-theo" plain.csv plain.res.csv needs.csv "$TH"
"$DVHT" run "$ROOT/scripts/gan-muc-tiep-theo.lua" --toi-da 2 --csv needs2.csv -o needs2.xlsx plain.csv >/dev/null 2>&1
py_check needs "gan-muc-tiep-theo --toi-da 2" plain.csv plain.res.csv needs2.csv "$TH" 2
# a threshold with a decimal: 52.5 %
cp -r "$ROOT/rules/hanoi-2025" planC
sed -i 's/"ngoai_ngu", of = "tong_thanh_vien", muc_1 = 50,/"ngoai_ngu", of = "tong_thanh_vien", muc_1 = 52.5,/' planC/criterion_2.lua
"$DVHT" assess -q --plan planC --csv plainC.csv -o plainC.xlsx plain.csv >/dev/null 2>&1
"$DVHT" run "$ROOT/scripts/gan-muc-tiep-theo.lua" --plan planC --csv needs3.csv -o needs3.xlsx plain.csv >/dev/null 2>&1
py_check needs "gan-muc-tiep-theo, TC2.4 at 52.5 %" plain.csv plainC.csv needs3.csv "tc2_4=52.5/70"

# ---------------------------------------------------------------------------
# 3. every example of docs/huong-dan-kich-ban.md
# ---------------------------------------------------------------------------
mkdir doc && cd doc || exit 2
cp -r "$ROOT/examples" "$ROOT/scripts" . && mkdir -p tests && cp -r "$ROOT/tests/data" tests/
mkdir blocks
"$PY" "$CHECK" doc "$ROOT/docs/huong-dan-kich-ban.md" blocks
nsteps=0
last_out=""
while IFS="$(printf '\t')" read -r kind n what; do
    nsteps=$((nsteps + 1))
    case $kind in
    lua)
        cp "blocks/$what" "$what"
        "$DVHT" run "$what" >"step.out" 2>"step.err"
        rc=$?
        last_out=step.out
        if [ "$rc" -eq 0 ]; then ok "guide, block $n ($what) runs"; else not_ok "guide, block $n ($what): exit $rc"; comment step.err; fi
        ;;
    lua-file)
        cp "blocks/$what" "$what"
        ;;
    sh)
        want=0
        case $what in *"# mã thoát: "*) want=$(echo "$what" | sed 's/.*# mã thoát: \([0-9]*\).*/\1/') ;; esac
        cmd=$(echo "$what" | sed 's/ *# mã thoát: [0-9]*$//; s/^dvht //')
        # shellcheck disable=SC2086
        eval "\"\$DVHT\" $cmd" >"step.out" 2>"step.err"
        rc=$?
        last_out=step.out
        if [ "$rc" -eq "$want" ]; then ok "guide, block $n: $what"; else not_ok "guide, block $n: $what: exit $rc, want $want"; comment step.err; fi
        ;;
    out)
        if [ -n "$last_out" ] && cmp -s "$last_out" "blocks/$what"; then
            ok "guide, block $n: the output shown is what the example prints"
        else
            not_ok "guide, block $n: the output shown is what the example prints"
            diff "blocks/$what" "$last_out" | head -n 10 | comment
        fi
        ;;
    esac
done <blocks/steps.tsv
if [ "$nsteps" -ge 10 ]; then ok "guide: $nsteps example steps found"; else not_ok "guide: only $nsteps example steps found"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
