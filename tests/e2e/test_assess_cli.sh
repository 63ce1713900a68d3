#!/bin/sh
# test_assess_cli.sh - `dvht assess` and `dvht explain` end to end: the
# example district, its workbook read back with openpyxl, CSV dialects,
# several input files, exit codes and the Vietnamese messages of each
# failure. Prints TAP lines.
cd "$(dirname "$0")/../.." || exit 2
DVHT=${DVHT_BIN:-./dvht}
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $*"; }
no() { failed=$((failed + 1)); echo "not ok - $*"; }
check() { what=$1; shift; if "$@"; then ok "$what"; else no "$what"; fi; }
has() { grep -qF -- "$2" "$1"; }

EX=examples/quan-mau/don-vi.csv

# 1. The example district: expected results, summary workbook.
$DVHT assess -o "$T/tong-hop.xlsx" --csv "$T/ket-qua.csv" "$EX" >"$T/out" 2>"$T/err"
rc=$?
check "example run exits 1 (done, some units in error)" [ "$rc" = 1 ]
check "results CSV equals the expected results" cmp -s "$T/ket-qua.csv" examples/quan-mau/ket-qua-mong-doi.csv
check "results CSV header is the DATA.md contract" sh -c "head -1 '$T/ket-qua.csv' | grep -qx 'ma_don_vi,ket_qua,tc1_1,tc1_2,tc1_3,tc1_4,tc1_5,tc2_1,tc2_2,tc2_3,tc2_4,tc2_5,tc3_1,tc3_2,tc3_3,tc3_4,tc3_5,chi_tieu_dat,chi_tieu_ap_dung,tieu_chi_dat,tieu_chi_ap_dung'"
check "stdout summarises units read and results" sh -c "grep -q 'Đã đọc 57 đơn vị' '$T/out' && grep -q 'Đạt mức độ 2:' '$T/out' && grep -q 'Lỗi dữ liệu:' '$T/out' && grep -q 'tong-hop.xlsx' '$T/out'"
check "nothing on stderr when not a terminal" [ ! -s "$T/err" ]
if $PY -c 'import openpyxl' 2>/dev/null; then
    $PY tests/e2e/check_summary.py "$T/tong-hop.xlsx" "$T/ket-qua.csv" >"$T/py" 2>&1
    prc=$?
    cat "$T/py" | grep -E '^(ok|not ok|#)'
    [ "$prc" = 0 ] || no "summary workbook checks (exit $prc)"
else
    ok "summary workbook read back # SKIP python3-openpyxl missing"
fi

# 2. The same units as labels + ';' + BOM + CRLF + NFD headers give the same results.
$PY - "$T/keys.csv" "$T/nfd.csv" <<'PYEOF'
import csv, sys, unicodedata
rows = list(csv.reader(open("examples/phuong-nho/don-vi.csv", encoding="utf-8")))
with open(sys.argv[1], "w", encoding="utf-8", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
labels = {"ma_don_vi": "Mã đơn vị", "ten_don_vi": "Tên đơn vị", "loai_don_vi": "Loại đơn vị",
          "tong_thanh_vien": "Tổng số thành viên", "cong_lap": "Công lập",
          "tuan_thu_ky_luat": "Số thành viên tuân thủ kỷ luật, nội quy"}
head = [unicodedata.normalize("NFD", labels.get(h, h)).upper() for h in rows[0]]
with open(sys.argv[2], "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f, delimiter=";", lineterminator="\r\n").writerows([head] + rows[1:])
PYEOF
$DVHT assess -q -o "$T/a.xlsx" --csv "$T/a.csv" "$T/keys.csv"
$DVHT assess -q -o "$T/b.xlsx" --csv "$T/b.csv" "$T/nfd.csv"
check "labels, ';', BOM, CRLF and NFD upper-case headers read like keys" cmp -s "$T/a.csv" "$T/b.csv"
check "phuong-nho gives its expected results" cmp -s "$T/a.csv" examples/phuong-nho/ket-qua-mong-doi.csv

# 3. Several input files in one run.
$DVHT assess -q -o "$T/c.xlsx" --csv "$T/c.csv" "$EX" examples/phuong-nho/don-vi.csv
check "two files in one run: every unit of both" [ "$(($(wc -l <"$T/c.csv") - 1))" = 67 ]

# 4. explain.
$DVHT explain LB-001 "$EX" >"$T/explain" 2>&1
rc=$?
check "explain exits 0" [ "$rc" = 0 ]
check "explain shows measured values, thresholds and the roll-up" sh -c "grep -q 'TC2.1' '$T/explain' && grep -q 'ngưỡng' '$T/explain' && grep -q '≥ 90%' '$T/explain' && grep -q 'Kết quả: Đạt mức độ 2' '$T/explain'"
check "explain says why an indicator does not apply" grep -q 'Không áp dụng — chỉ áp dụng cho' "$T/explain"
$DVHT explain KHONG-CO "$EX" >"$T/explain2" 2>&1
check "explain of an unknown code exits 4 with a message" sh -c "[ $? = 4 ] && grep -q 'không có đơn vị mã' '$T/explain2'"

# 5. Exit codes and messages.
$DVHT >"$T/o" 2>&1; check "no command: usage, exit 2" [ $? = 2 ]
$DVHT assess >"$T/o" 2>&1; rc=$?
check "assess without files: exit 2 with usage" sh -c "[ $rc = 2 ] && grep -q 'Cách dùng' '$T/o'"
$DVHT assess --khong-co x "$EX" >"$T/o" 2>&1; rc=$?
check "unknown option: exit 2" sh -c "[ $rc = 2 ] && grep -q 'không biết tùy chọn' '$T/o'"
$DVHT assess --plan "$T/no-plan" "$EX" >"$T/o" 2>&1; rc=$?
check "missing plan: exit 3" sh -c "[ $rc = 3 ] && grep -q 'không tìm thấy bộ tiêu chí' '$T/o'"
$DVHT assess -o "$T/x.xlsx" "$T/none.csv" >"$T/o" 2>&1; rc=$?
check "missing input file: exit 4, names the file" sh -c "[ $rc = 4 ] && grep -q 'none.csv' '$T/o'"
printf 'ma_don_vi,ten_don_vi,loai_don_vi\nA,B,khac\n' >"$T/nocol.csv"
$DVHT assess -o "$T/x.xlsx" "$T/nocol.csv" >"$T/o" 2>&1; rc=$?
check "missing required column: exit 4, names file and column" sh -c "[ $rc = 4 ] && grep -q 'nocol.csv' '$T/o' && grep -q 'Tổng số thành viên' '$T/o'"
printf 'ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien\nA,B,khac,10\nC,\377\376,khac,5\n' >"$T/latin.csv"
$DVHT assess -o "$T/x.xlsx" "$T/latin.csv" >"$T/o" 2>&1; rc=$?
check "invalid UTF-8: exit 4, names file and line" sh -c "[ $rc = 4 ] && grep -q 'latin.csv' '$T/o' && grep -q 'dòng 3' '$T/o' && grep -q 'UTF-8' '$T/o'"
printf 'a,b\n1,2\n' >"$T/other.csv"
$DVHT assess -o "$T/x.xlsx" "$T/other.csv" >"$T/o" 2>&1; rc=$?
check "a file with no recognisable table: exit 4" sh -c "[ $rc = 4 ] && grep -q 'không nhận ra bảng' '$T/o'"
$DVHT assess -o "$T/missing-dir/x.xlsx" "$EX" >"$T/o" 2>&1; rc=$?
check "output folder missing: exit 5, Vietnamese reason" sh -c "[ $rc = 5 ] && grep -q 'thư mục không tồn tại' '$T/o'"
cp "$EX" "$T/in.csv"
$DVHT assess -o "$T/x.xlsx" --csv "$T/in.csv" "$T/in.csv" >"$T/o" 2>&1; rc=$?
check "output equal to an input is refused (exit 2), input untouched" sh -c "[ $rc = 2 ] && cmp -s '$EX' '$T/in.csv'"
check "no temp files left behind" sh -c "[ -z \"\$(ls -A '$T' | grep '^\.')\" ]"

# 6. Only the units in error are 'loi'; the rest are assessed.
printf 'ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien,ngoai_ngu\nA,Một,khac,10,11\nB,Hai,khac,10,5\n' >"$T/one-bad.csv"
$DVHT assess -q -o "$T/x.xlsx" --csv "$T/r.csv" "$T/one-bad.csv"; rc=$?
check "a bad unit is loi, the other is assessed, exit 1" sh -c "[ $rc = 1 ] && grep -q '^A,loi,' '$T/r.csv' && grep -q '^B,khong_dat,' '$T/r.csv'"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
