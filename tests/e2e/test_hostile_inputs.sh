#!/bin/sh
# test_hostile_inputs.sh - inputs built to break a reader: not a zip, a
# truncated zip, an empty file, zip bombs (honest and lying sizes), nested
# entities (DTD), invalid UTF-8 (CSV and XLSX), a huge shared-string table,
# a row number past Excel's last row, and a sheet of 1,048,576 rows. Each is
# rejected with a Vietnamese message naming the file (exit 4) or read
# correctly; inside a folder each is skipped and reported while the good
# file is assessed. Without DVHT_QUICK the big cases run too and peak
# memory is checked (GNU time). Prints TAP lines.
. "$(dirname "$0")/lib.sh"

H=$T/hong
mkdir -p "$H"
RAW="$PY3 tests/e2e/raw_xlsx.py"

# rejected NAME FILE PATTERN: named on the command line -> exit 4, stderr
# names the file and matches PATTERN (grep -E)
rejected() {
    name=$1 file=$2 pattern=$3
    if [ -x /usr/bin/time ] && [ -z "$QUICK" ]; then
        /usr/bin/time -f "%M" -o "$T/time" $DVHT assess -q -o "$T/x.xlsx" "$file" >"$T/out" 2>"$T/err"
        rc=$?
        rss=$(tail -1 "$T/time")
    else
        $DVHT assess -q -o "$T/x.xlsx" "$file" >"$T/out" 2>"$T/err"
        rc=$?
        rss=0
    fi
    base=$(basename "$file")
    if [ "$rc" = 4 ] && grep -qF "$base" "$T/err" && grep -qE "$pattern" "$T/err"; then
        ok "$name: rejected (exit 4) with a message naming the file"
    else
        no "$name: rejected (exit 4) with a message naming the file (exit $rc)"
        show "$T/err" 5
    fi
    if [ "$rss" -gt 0 ]; then
        echo "# $name: peak RSS $((rss / 1024)) MiB"
        check "$name: memory bounded (peak RSS under 400 MiB)" [ "$rss" -lt 409600 ]
    fi
}

# A valid workbook to damage.
printf 'ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien,tuan_thu_ky_luat,ke_hoach_hoc_tap\nOK-1,Phòng Nội vụ,co_quan_nha_nuoc,10,10,có\n' >"$T/ok.csv"
$HELPER run tests/e2e/csv2xlsx.lua "$T/ok.xlsx" "$T/ok.csv:Đơn vị"
size=$(wc -c <"$T/ok.xlsx")

printf 'Đây không phải tệp Excel\n' >"$H/khong-phai-zip.xlsx"
rejected "not a zip" "$H/khong-phai-zip.xlsx" "không phải tệp Excel"
head -c $((size / 2)) "$T/ok.xlsx" >"$H/cat-ngang.xlsx"
rejected "truncated zip" "$H/cat-ngang.xlsx" "không phải tệp Excel|bị hỏng"
: >"$H/rong.xlsx"
rejected "empty file" "$H/rong.xlsx" "tệp rỗng"
$RAW "$H/dtd.xlsx" --dtd
rejected "nested entities (DTD)" "$H/dtd.xlsx" "DTD"
$RAW "$H/utf8.xlsx" --bad-utf8
rejected "invalid UTF-8 in the shared strings" "$H/utf8.xlsx" "UTF-8"
printf 'ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien\nA,Tr\377\376ng,khac,5\n' >"$H/utf8.csv"
rejected "invalid UTF-8 in a CSV" "$H/utf8.csv" "dòng 2.*UTF-8"
$RAW "$H/mot-phan.xlsx" --csv "$T/ok.csv" --same-part 1000
rejected "1,000 sheets pointing at one part (rows multiplied)" "$H/mot-phan.xlsx" "cùng trỏ tới phần"
$RAW "$H/dong-1048577.xlsx" --last-row 1048577
rejected "row number past 1,048,576" "$H/dong-1048577.xlsx" "1048577"
if [ -n "$QUICK" ]; then bomb=8; else bomb=1100; fi
$RAW "$H/bom-noi-doi.xlsx" --bomb $bomb --lie
rejected "zip bomb whose directory lies about the size" "$H/bom-noi-doi.xlsx" "CRC|bị hỏng|giới hạn"
if [ -z "$QUICK" ]; then
    $RAW "$H/bom.xlsx" --bomb 1100
    rejected "zip bomb (a part inflating past 1 GiB)" "$H/bom.xlsx" "vượt quá giới hạn"
    $RAW "$H/chuoi.xlsx" --huge-sst 5000001
    rejected "shared-string table past 5,000,000 strings" "$H/chuoi.xlsx" "chuỗi dùng chung"
else
    skip "zip bomb past 1 GiB" "DVHT_QUICK"
    skip "shared-string table past 5,000,000 strings" "DVHT_QUICK"
fi

# Handled: big but legal.
if [ -n "$QUICK" ]; then nsst=20000; else nsst=1000000; fi
$RAW "$T/sst.xlsx" --huge-sst $nsst
$DVHT run tests/e2e/dump_rows.lua "$T/sst.xlsx" >"$T/dump" 2>"$T/err"
check "a shared-string table of $nsst strings is read (first and last string)" \
    grep -qx "Trang tính 1	chuỗi số 0	chuỗi số $((nsst - 1))" "$T/dump"
$RAW "$T/dong-cuoi.xlsx" --last-row 1048576
$DVHT run tests/e2e/dump_rows.lua "$T/dong-cuoi.xlsx" --lines >"$T/dump" 2>"$T/err"
check "a row at 1,048,576 (Excel's last) is read" grep -qx "Trang tính 1	1048576	X-1	Đơn vị cuối	khac" "$T/dump"

if [ -z "$QUICK" ]; then
    # A roster sheet of 1,048,576 rows (header + 1,048,575 members of 3 units).
    cat >"$T/m.csv" <<'EOF'
ma_don_vi,ho_ten,nguoi_hoc,tuan_thu_ky_luat,cong_dan_hoc_tap
R-1,Nguyễn Văn An,,có,có
R-2,Trần Thị Bình,,có,
R-1,Lê Văn Cường,có,,có
R-3,Phạm Minh Dũng,,,có
R-1,Hoàng Thu Hà,,có,có
EOF
    printf 'ma_don_vi,ten_don_vi,loai_don_vi\nR-1,Trường THCS Bồ Đề,pho_thong\nR-2,Phòng Nội vụ,co_quan_nha_nuoc\nR-3,Hội Khuyến học,khac\n' >"$T/r.csv"
    $RAW "$T/m.xlsx" --repeat-csv "$T/m.csv" --rows 1048576 --shared --sheet "Thành viên"
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%e %M" -o "$T/time" $DVHT run tests/e2e/show_units.lua "$T/r.csv" "$T/m.xlsx" >"$T/show" 2>"$T/err"
        secs=$(tail -1 "$T/time" | cut -d' ' -f1)
        rss=$(tail -1 "$T/time" | cut -d' ' -f2)
        echo "# sheet of 1,048,576 roster rows: $secs s, peak RSS $((rss / 1024)) MiB"
        check "sheet of 1,048,576 rows: memory bounded (peak RSS under 400 MiB)" [ "$rss" -lt 409600 ]
    else
        $DVHT run tests/e2e/show_units.lua "$T/r.csv" "$T/m.xlsx" >"$T/show" 2>"$T/err"
    fi
    # 1,048,575 rows cycle over the 5 members: 209,715 full cycles
    check "sheet of 1,048,576 rows: every row counted (staff and learners apart)" sh -c \
        "grep '^unit R-1 ' '$T/show' | grep -qF 'tong_thanh_vien=419430 ' &&
         grep '^unit R-1 ' '$T/show' | grep -qF 'tong_nguoi_hoc=209715 ' &&
         grep '^unit R-1 ' '$T/show' | grep -qF 'nguoi_hoc_cdht=209715 ' &&
         grep '^unit R-2 ' '$T/show' | grep -qF 'tong_thanh_vien=209715 ' &&
         grep '^unit R-3 ' '$T/show' | grep -qF 'cong_dan_hoc_tap=209715 '"
else
    skip "sheet of 1,048,576 rows" "DVHT_QUICK"
fi

# Cells past what one Excel cell holds (32,767 characters) and long runs of
# spaces: the run completes, the other units are assessed, the long cell is
# cut in the summary and reported, a message quotes only its beginning.
$PY3 - "$T/dai" <<'EOF'
import sys
d = sys.argv[1]
spaces = " " * 200000
with open(d + "-don-vi.csv", "w", encoding="utf-8") as f:
    f.write("ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien,tuan_thu_ky_luat\n")
    f.write("D-1,Trường" + spaces + "Hà,khac,10,9\n")
    f.write("D-2,Phòng Nội vụ,khac," + "9" * 40000 + "x,9\n")
    f.write("D-3,Hội Khuyến học,khac,10,10\n")
with open(d + "-thanh-vien.csv", "w", encoding="utf-8") as f:
    f.write("ma_don_vi,ho_ten,tuan_thu_ky_luat\n")
    f.write("D-3,Nguyễn Văn An,có\n" * 9 + "D" + spaces + "3,Lê Thị Hà,có\n")
EOF
if [ -x /usr/bin/time ]; then TIMED="/usr/bin/time -f %e -o $T/time"; else TIMED=""; fi
$TIMED $DVHT assess -q -o "$T/dai.xlsx" --csv "$T/dai.csv" "$T/dai-don-vi.csv" "$T/dai-thanh-vien.csv" >"$T/out" 2>"$T/err"
rc=$?
[ -n "$TIMED" ] && echo "# long cells and space runs: $(tail -1 "$T/time") s"
check "long cells: the run completes (exit 1: D-2 is in error)" [ "$rc" = 1 ]
check "long cells: the other units are assessed" sh -c "grep -q '^D-1,' '$T/dai.csv' && grep -q '^D-3,' '$T/dai.csv'"
if [ -n "$PY" ]; then
    $PY - "$T/dai.xlsx" >"$T/dai.txt" 2>&1 <<'EOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
names = [r[2] for r in wb["Tổng hợp"].iter_rows(min_row=2, values_only=True)]
print("name", len(names[0]), names[0].startswith("Trường "), names[0].endswith("…"))
for r in wb["Lỗi dữ liệu"].iter_rows(min_row=2, values_only=True):
    print("problem", r[4], r[5], len(r[6]), r[6][:40])
EOF
    check "long cells: the 200,008-character name is cut to 32,767 with \"…\"" grep -qx "name 32767 True True" "$T/dai.txt"
    check "long cells: the cut name is reported as a warning" grep -q "^problem D-1 Cảnh báo .* ô dài 200008 ký tự" "$T/dai.txt"
    check "long cells: the bad count's message quotes only its beginning" \
        sh -c "grep '^problem D-2 Lỗi' '$T/dai.txt' | awk '{ exit !(\$4 < 200) }'"
else
    skip "long cells: read back" "no python3-openpyxl"
fi
# the roster code with 200,000 inner spaces is its own code: reported, not a hang
check "a roster code with a run of 200,000 spaces is reported as an unknown code" \
    sh -c "$DVHT run tests/e2e/show_units.lua '$T/dai-don-vi.csv' '$T/dai-thanh-vien.csv' 2>&1 | grep -q '^problem loi .*không có đơn vị nào mang mã này'"

# A file whose name is not UTF-8 (from a Windows zip or a USB stick): the
# run completes, the name is shown with U+FFFD in the summary.
mkdir -p "$T/ten"
cp "$T/ok.csv" "$T/ten/tot.csv"
printf 'x,y\n1,2\n' >"$T/ten/$(printf 'l\341.csv')"
$DVHT assess -q -o "$T/ten.xlsx" --csv "$T/ten.csv" "$T/ten" >"$T/out" 2>"$T/err"
rc=$?
check "a file name that is not UTF-8: the run completes and writes both outputs (exit 0)" \
    sh -c "[ $rc = 0 ] && [ -s '$T/ten.xlsx' ] && grep -q '^OK-1,' '$T/ten.csv'"
if [ -n "$PY" ]; then
    $PY - "$T/ten.xlsx" >"$T/ten.txt" 2>&1 <<'EOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
for r in wb["Lỗi dữ liệu"].iter_rows(min_row=2, values_only=True):
    print(r[1])
EOF
    check "a file name that is not UTF-8: shown with U+FFFD among the skipped files" \
        grep -q "l$(printf '\357\277\275')\\.csv\$" "$T/ten.txt"
fi

# Inside a folder: each damaged file is skipped and reported, the good one assessed.
cp "$T/ok.csv" "$H/tot.csv"
$DVHT assess -q -o "$T/s.xlsx" --csv "$T/res.csv" "$H" >"$T/out" 2>"$T/err"
rc=$?
check "folder of damaged files: the run goes on (exit 0)" [ "$rc" = 0 ]
check "folder of damaged files: the good unit is assessed" grep -q '^OK-1,khong_dat,dat,' "$T/res.csv"
$DVHT run tests/e2e/show_units.lua "$H" >"$T/show" 2>&1
n=$(grep -c '^problem bo_qua ' "$T/show")
check "folder of damaged files: every damaged file reported as skipped ($n)" [ "$n" -eq "$(($(ls "$H" | wc -l) - 1))" ]

finish
