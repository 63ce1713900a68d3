#!/bin/sh
# test_xlsx_input.sh - XLSX input end to end. The same generated units
# (edge-heavy: labels, shuffled columns, odd spellings, data errors) written
# by three independent writers - libxlsxwriter (dvht.workbook, with the
# shared-string table and with inline strings), python3-openpyxl and
# LibreOffice converting the CSV - must give exactly the results of the CSV;
# the two writers that type cells alike must read identically cell by cell;
# several tables (units, members, evidence) in one workbook read like the
# same tables as separate CSV files. Prints TAP lines.
. "$(dirname "$0")/lib.sh"

if [ -n "$QUICK" ]; then n=60; else n=1500; fi

# same_as NAME REF.csv FILE...: dvht assess on FILE... gives REF.csv
same_as() {
    name=$1 ref=$2
    shift 2
    $DVHT assess -q -o "$T/x.xlsx" --csv "$T/x.csv" "$@" >"$T/out" 2>"$T/err"
    rc=$?
    if [ "$rc" -le 1 ] && cmp -s "$ref" "$T/x.csv"; then
        ok "$name: same results as the CSV"
    else
        no "$name: same results as the CSV (exit $rc)"
        show "$T/err"
        [ -f "$T/x.csv" ] && diff "$ref" "$T/x.csv" >"$T/diff" && true
        [ -f "$T/diff" ] && show "$T/diff"
    fi
    rm -f "$T/x.csv"
}

"$PY3" tests/reference/gen_units.py --units $n --seed 41 --edge --labels --out "$T/u.csv"
$DVHT assess -q -o "$T/ref.xlsx" --csv "$T/ref.csv" "$T/u.csv"
rc=$?
check "CSV reference run finishes (exit $rc)" [ "$rc" -le 1 ]
check "the generated set has data errors to report" grep -q ',loi,' "$T/ref.csv"

# 1. libxlsxwriter, shared strings and inline strings (constant memory).
$HELPER run tests/e2e/csv2xlsx.lua "$T/lxw.xlsx" "$T/u.csv:Đơn vị"
check "libxlsxwriter wrote the workbook" [ -s "$T/lxw.xlsx" ]
same_as "libxlsxwriter (shared strings)" "$T/ref.csv" "$T/lxw.xlsx"
$HELPER run tests/e2e/csv2xlsx.lua --constant-memory "$T/lxw-cm.xlsx" "$T/u.csv:Trang tính 1"
same_as "libxlsxwriter (inline strings, constant memory)" "$T/ref.csv" "$T/lxw-cm.xlsx"

# 2. openpyxl, with a hidden list sheet after the data.
if [ -n "$PY" ]; then
    "$PY" tests/e2e/csv2xlsx.py "$T/opx.xlsx" "$T/u.csv:Đơn vị" --hidden "Danh mục"
    same_as "openpyxl (with a hidden list sheet)" "$T/ref.csv" "$T/opx.xlsx"
    # cell by cell: both writers type numbers and booleans alike
    $DVHT run tests/e2e/dump_rows.lua "$T/lxw.xlsx" --sheet 1 | cut -f2- >"$T/d1"
    $DVHT run tests/e2e/dump_rows.lua "$T/lxw-cm.xlsx" --sheet 1 | cut -f2- >"$T/d2"
    $DVHT run tests/e2e/dump_rows.lua "$T/opx.xlsx" --sheet 1 | cut -f2- >"$T/d3"
    check "libxlsxwriter and openpyxl workbooks read identically, cell by cell" cmp -s "$T/d1" "$T/d3"
    check "shared and inline strings read identically" cmp -s "$T/d1" "$T/d2"
    check "every row of the CSV is read from the workbook" \
        [ "$(wc -l <"$T/d1")" -eq "$($DVHT run tests/e2e/dump_rows.lua "$T/u.csv" | wc -l)" ]
    # Unicode: the whole file decomposed (NFD), as some keyboards type it
    "$PY3" tests/reference/gen_units.py --units 40 --seed 42 --labels --nfd-all --out "$T/nfd.csv"
    $DVHT assess -q -o "$T/nfd-ref.xlsx" --csv "$T/nfd-ref.csv" "$T/nfd.csv"
    "$PY" tests/e2e/csv2xlsx.py "$T/nfd.xlsx" "$T/nfd.csv:Đơn vị"
    same_as "openpyxl, whole file in NFD" "$T/nfd-ref.csv" "$T/nfd.xlsx"
else
    skip "openpyxl writer" "python3-openpyxl missing"
fi

# 3. LibreOffice converting the CSV (its own CSV import and XLSX export).
if [ -n "$SOFFICE" ]; then
    mkdir -p "$T/lo"
    if soffice_run --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$T/lo" "$T/u.csv" && [ -s "$T/lo/u.xlsx" ]; then
        same_as "LibreOffice (CSV converted to XLSX)" "$T/ref.csv" "$T/lo/u.xlsx"
    else
        no "LibreOffice converts the CSV"
        show "$T/soffice.log"
    fi
else
    skip "LibreOffice writer" "no soffice"
fi

# 4. Units, members and evidence as sheets of one workbook, with an
# instructions sheet first: the same as the three CSV files.
"$PY3" tests/e2e/gen_roster.py --units "$T/u.csv" --out-units "$T/u2.csv" --out-members "$T/m.csv" \
    --seed 43 --max-members 3000 --labels >/dev/null
cat >"$T/ev.csv" <<'EOF'
Mã đơn vị,Mã minh chứng,Tên minh chứng
G41-00001,TC1-01,Kế hoạch số 12/KH ngày 05/01/2025
G41-00001,TC1 - 02,Quy chế chi tiêu nội bộ
G41-00002,tc2–04,"Danh sách trích ngang, chứng chỉ"
EOF
printf 'Hướng dẫn nhập liệu\nMỗi đơn vị một dòng.\n' >"$T/guide.csv"
$DVHT assess -q -o "$T/sep.xlsx" --csv "$T/sep.csv" "$T/u2.csv" "$T/m.csv" "$T/ev.csv"
$HELPER run tests/e2e/csv2xlsx.lua "$T/all.xlsx" "$T/guide.csv:Hướng dẫn" "$T/u2.csv:Đơn vị" \
    "$T/m.csv:Thành viên" "$T/ev.csv:Minh chứng"
same_as "units, members and evidence in one workbook (libxlsxwriter)" "$T/sep.csv" "$T/all.xlsx"
if [ -n "$PY" ]; then
    "$PY" tests/e2e/csv2xlsx.py "$T/all2.xlsx" "$T/guide.csv:Hướng dẫn" "$T/u2.csv:Đơn vị" \
        "$T/m.csv:Thành viên" "$T/ev.csv:Minh chứng" --hidden "Danh mục"
    same_as "units, members and evidence in one workbook (openpyxl)" "$T/sep.csv" "$T/all2.xlsx"
fi

# 5. A workbook whose only sheet is not a table is an input error naming it.
$HELPER run tests/e2e/csv2xlsx.lua "$T/guide.xlsx" "$T/guide.csv:Hướng dẫn"
$DVHT assess -q -o "$T/g.xlsx" "$T/guide.xlsx" >"$T/out" 2>"$T/err"
rc=$?
check "a workbook without any table: exit 4" [ "$rc" = 4 ]
check "a workbook without any table: the message names the sheet and the columns looked for" \
    sh -c "grep -qF 'guide.xlsx [Hướng dẫn]' '$T/err' && grep -qF 'Mã đơn vị' '$T/err'"

finish
