#!/bin/sh
# test_template.sh - `dvht template`: the data-entry workbook checked with
# openpyxl against the plan (sheets, headers, dropdown lists on a hidden
# sheet, whole-number checks, input messages, frozen and locked headers),
# then filled by openpyxl as a unit would (units, members, evidence) and
# assessed: the same results as the CSV it was filled from; also re-saved
# by LibreOffice. Prints TAP lines.
. "$(dirname "$0")/lib.sh"

# 1. Writing -------------------------------------------------------------------------
$DVHT template -o "$T/mau.xlsx" >"$T/out" 2>"$T/err"
rc=$?
check "dvht template exits 0" [ "$rc" = 0 ]
check "dvht template says what it wrote" has "$T/out" "Đã tạo tệp mẫu nhập liệu: $T/mau.xlsx"
check "template written" [ -s "$T/mau.xlsx" ]
(cd "$T" && $DVHT template >/dev/null 2>&1)
check "default name mau-nhap-lieu.xlsx" [ -s "$T/mau-nhap-lieu.xlsx" ]
$DVHT template -o "$T/mau.csv" >/dev/null 2>"$T/err"
check "an output that is not .xlsx: exit 2" [ $? = 2 ]
$DVHT template -o "$T/khong-co/mau.xlsx" >/dev/null 2>"$T/err"
rc=$?
check "an output folder that does not exist: exit 5 with a message" sh -c "[ $rc = 5 ] && [ -s '$T/err' ]"
$DVHT template --plan tests/plans/points-2015 -o "$T/mau-2015.xlsx" >/dev/null 2>&1
check "template of another plan (--plan)" [ -s "$T/mau-2015.xlsx" ]

# 2. An unfilled template reads as no unit at all.
$DVHT assess -o "$T/s0.xlsx" --csv "$T/r0.csv" "$T/mau.xlsx" >"$T/out" 2>"$T/err"
rc=$?
check "unfilled template: assessed without error, 0 units" sh -c "[ $rc = 0 ] && grep -q 'Đã đọc 0 đơn vị' '$T/out'"

if [ -z "$PY" ]; then
    skip "template checked and filled with openpyxl" "python3-openpyxl missing"
    finish
    exit $?
fi

# 3. Structure, read by openpyxl.
$DVHT run tests/e2e/plan_columns.lua >"$T/cols.tsv"
"$PY" tests/e2e/check_template.py "$T/mau.xlsx" "$T/cols.tsv" >"$T/py" 2>&1
prc=$?
grep -E '^(ok|not ok|#)' "$T/py"
passed=$((passed + $(grep -c '^ok' "$T/py")))
failed=$((failed + $(grep -c '^not ok' "$T/py")))
[ "$prc" = 0 ] || [ "$(grep -c '^not ok' "$T/py")" -gt 0 ] || { no "check_template.py ran (exit $prc)"; show "$T/py"; }
$DVHT run tests/e2e/plan_columns.lua tests/plans/points-2015 >"$T/cols-2015.tsv"
"$PY" tests/e2e/check_template.py "$T/mau-2015.xlsx" "$T/cols-2015.tsv" >"$T/py2" 2>&1
check "template of points-2015 passes the same checks against its own plan" [ $? = 0 ]

# 4. Filled by openpyxl, read back and assessed.
if [ -n "$QUICK" ]; then n=40; else n=600; fi
"$PY3" tests/reference/gen_units.py --units $n --seed 61 --edge --labels --out "$T/u.csv"
$DVHT assess -q -o "$T/ref.xlsx" --csv "$T/ref.csv" "$T/u.csv"
"$PY" tests/e2e/fill_template.py "$T/mau.xlsx" "$T/filled.xlsx" "$T/cols.tsv" "Đơn vị=$T/u.csv"
$DVHT assess -q -o "$T/s1.xlsx" --csv "$T/r1.csv" "$T/filled.xlsx" >"$T/out" 2>"$T/err"
rc=$?
check "filled template: exit 0 or 1" [ "$rc" -le 1 ]
if cmp -s "$T/ref.csv" "$T/r1.csv"; then
    ok "filled template: same results as the CSV it was filled from"
else
    no "filled template: same results as the CSV it was filled from"
    diff "$T/ref.csv" "$T/r1.csv" >"$T/diff"
    show "$T/diff"
fi

# Units, members and evidence, all in the template.
"$PY3" tests/e2e/gen_roster.py --units "$T/u.csv" --out-units "$T/u2.csv" --out-members "$T/m.csv" \
    --seed 62 --labels --max-members 4000 >/dev/null
cat >"$T/ev.csv" <<'EOF'
ma_don_vi,ma_minh_chung,ten_minh_chung,tep
G61-00001,TC1-01,Kế hoạch số 12/KH ngày 05/01/2025,ke-hoach.pdf
G61-00001,TC2-04,Danh sách chứng chỉ,
EOF
$DVHT assess -q -o "$T/ref2.xlsx" --csv "$T/ref2.csv" "$T/u2.csv" "$T/m.csv" "$T/ev.csv"
"$PY" tests/e2e/fill_template.py "$T/mau.xlsx" "$T/filled2.xlsx" "$T/cols.tsv" \
    "Đơn vị=$T/u2.csv" "Thành viên=$T/m.csv" "Minh chứng=$T/ev.csv"
$DVHT assess -q -o "$T/s2.xlsx" --csv "$T/r2.csv" "$T/filled2.xlsx" >"$T/out" 2>"$T/err"
check "template filled with units, roster and evidence: same results as the three CSV files" cmp -s "$T/ref2.csv" "$T/r2.csv"
check "roster in the template = typed counts" cmp -s "$T/ref.csv" "$T/r2.csv" 
"$PY" - "$T/s2.xlsx" >"$T/py3" <<'EOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
ws = wb["Tổng hợp"]
rows = list(ws.iter_rows(values_only=True))
i = rows[0].index("Minh chứng")
print([r[i] for r in rows[1:] if r[1] == "G61-00001"][0])
EOF
check "evidence typed in the template reaches the summary" grep -q "Thiếu" "$T/py3"

# 5. The filled template re-saved by LibreOffice (an independent program).
if [ -n "$SOFFICE" ]; then
    mkdir -p "$T/lo"
    cp "$T/filled.xlsx" "$T/lo-in.xlsx"
    if soffice_run --convert-to xlsx --outdir "$T/lo" "$T/lo-in.xlsx" && [ -s "$T/lo/lo-in.xlsx" ]; then
        $DVHT assess -q -o "$T/s3.xlsx" --csv "$T/r3.csv" "$T/lo/lo-in.xlsx" >"$T/out" 2>"$T/err"
        check "filled template re-saved by LibreOffice: same results" cmp -s "$T/ref.csv" "$T/r3.csv"
        "$PY" - "$T/lo/lo-in.xlsx" >"$T/py4" 2>&1 <<'EOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Đơn vị"]
dv = {str(d.sqref).split(":")[0]: d for d in ws.data_validations.dataValidation}
c, f = dv.get("C2"), dv.get("F2")
assert c is not None and c.type == "list" and "Danh mục" in c.formula1, "C2"
assert f is not None and f.type == "whole" and f.operator == "greaterThanOrEqual" and f.formula1 == "1", "F2"
EOF
        check "LibreOffice keeps the dropdown lists and whole-number checks" [ $? = 0 ]
    else
        no "LibreOffice re-saves the filled template"
        show "$T/soffice.log"
    fi
else
    skip "filled template re-saved by LibreOffice" "no soffice"
fi

finish
