#!/bin/sh
# test_rosters.sh - member rosters ("Thành viên") end to end: hand-made
# cases (totals and counts from the roster, staff and learners apart, a
# unit row without the total column, a typed count that disagrees, roster
# rows of an unknown unit, bad cells, NFD codes, a plan that adds a counted
# column), then generated sets where the same units given as a roster (CSV,
# XLSX, one workbook) must give exactly the results of the typed counts;
# without DVHT_QUICK, a roster of 1,000,000 members (time and peak memory
# printed as comments). Prints TAP lines.
. "$(dirname "$0")/lib.sh"

# 1. Hand-made units and roster -------------------------------------------------------
cat >"$T/u1.csv" <<'EOF'
ma_don_vi,ten_don_vi,loai_don_vi,ke_hoach_hoc_tap
A1,Trường THCS Ánh Dương,pho_thong,có
A2,Phòng Nội vụ,co_quan_nha_nuoc,có
A3,Hội Khuyến học phường,khac,có
MẦM-01,Trường Mầm non Hoa Sữa,mam_non_cong_lap,có
EOF
cat >"$T/u2.csv" <<'EOF'
ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien,tuan_thu_ky_luat,tong_nguoi_hoc,nguoi_hoc_cdht
B1,Công ty Cổ phần Việt Hưng,to_chuc_kinh_te,10,9,,
B2,Trường Tiểu học Sài Đồng,pho_thong,,,100,96
EOF
# MẦM-01 written decomposed (NFD) in the roster
"$PY3" - "$T/m.csv" <<'EOF'
import csv, sys, unicodedata
rows = [["Mã đơn vị", "Họ và tên", "Chức vụ", "Người học", "Tuân thủ kỷ luật, nội quy",
         "Đạt “Công dân học tập”"]]
rows += [["A1", "Nguyễn Văn An", "Hiệu trưởng", "", "có", "có"],
         ["A1", "Trần Thị Bình", "Giáo viên", "không", "x", ""],
         ["A1", "Lê Văn Cường", "Giáo viên", "0", "1", "có"],
         ["A1", "Phạm Minh Dũng", "Học sinh", "có", "có", "có"],
         ["A1", "Hoàng Thu Hà", "Học sinh", "Có", "", "không"],
         ["A2", "Vũ Hữu Hải", "Trưởng phòng", "", "có", "có"],
         ["A2", "Đặng Ngọc Hằng", "Chuyên viên", "", "chưa rõ", "có"],
         [" B1 ", "Bùi Thanh Hương", "", "", "có", ""]]
rows += [["B1", "Người %d" % i, "", "", "có" if i < 7 else "", ""] for i in range(9)]
rows += [["B2" if i else "B2\u00a0", "Giáo viên %d" % i, "Giáo viên", "", "có", "có"] for i in range(5)]
rows += [["ZZ-404", "Đỗ Văn Nam", "", "", "có", "có"], ["ZZ-404", "Ngô Thị Mai", "", "", "", ""],
         ["", "Không mã", "", "", "có", "có"],
         [unicodedata.normalize("NFD", "MẦM-01"), "Nguyễn Thị Lan", "Giáo viên", "", "có", "có"]]
with open(sys.argv[1], "w", encoding="utf-8", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
EOF
$DVHT run tests/e2e/show_units.lua "$T/u1.csv" "$T/u2.csv" "$T/m.csv" >"$T/show" 2>"$T/err"
check "roster set read (dvht run show_units)" [ "$(grep -c '^unit ' "$T/show")" = 6 ]
unit_has() { grep "^unit $1 " "$T/show" | grep -qF -- "$2"; }
check "A1: staff total from the roster (learners apart)" unit_has A1 "tong_thanh_vien=3 "
check "A1: learners total and learners' Công dân học tập" sh -c \
    "grep '^unit A1 ' '$T/show' | grep -qF 'tong_nguoi_hoc=2 ' && grep '^unit A1 ' '$T/show' | grep -qF 'nguoi_hoc_cdht=1 '"
check "A1: staff counts exclude learners" sh -c \
    "grep '^unit A1 ' '$T/show' | grep -qF 'tuan_thu_ky_luat=3 ' && grep '^unit A1 ' '$T/show' | grep -qF 'cong_dan_hoc_tap=2 '"
check "A1: no total column on the unit row, yet assessed without error" unit_has A1 "errors=0"
check "A2: a bad yes/no cell counts as no" unit_has A2 "tuan_thu_ky_luat=1 "
check "A2: the bad cell is a warning with line and column" \
    grep -qF "problem canh_bao $T/m.csv:8 [Tuân thủ kỷ luật, nội quy] () \"chưa rõ\" không phải giá trị có/không hợp lệ" "$T/show"
check "A3: no roster rows and no total: the unit is in error, saying why" sh -c \
    "grep '^unit A3 ' '$T/show' | grep -qF 'errors=1' && grep -qF 'không có dòng nào trong danh sách thành viên' '$T/show'"
check "B1: code trimmed; the roster's numbers are used" sh -c \
    "grep '^unit B1 ' '$T/show' | grep -qF 'tong_thanh_vien=10 ' && grep '^unit B1 ' '$T/show' | grep -qF 'tuan_thu_ky_luat=8 '"
check "B1: a typed count that disagrees is a warning naming both numbers" \
    grep -qF "problem canh_bao $T/u2.csv:2 [Số thành viên tuân thủ kỷ luật, nội quy] (B1) số nhập trên dòng đơn vị (9) khác số tính từ danh sách thành viên (8" "$T/show"
check "B1: the typed total that agrees is not reported" sh -c "! grep -q 'B1) số nhập trên dòng đơn vị (10)' '$T/show'"
check "B2: staff from the roster (a code padded with a no-break space included), typed learners kept" sh -c \
    "grep '^unit B2 ' '$T/show' | grep -qF 'tong_thanh_vien=5 ' && grep '^unit B2 ' '$T/show' | grep -qF 'tong_nguoi_hoc=100 ' && grep '^unit B2 ' '$T/show' | grep -qF 'nguoi_hoc_cdht=96 '"
check "MẦM-01: an NFD code in the roster matches the NFC unit code" unit_has "MẦM-01" "tong_thanh_vien=1 "
check "roster rows of a code without a unit row are an error naming the code and its first line" \
    grep -qF "problem loi $T/m.csv:24 [] (ZZ-404) danh sách thành viên có 2 người của mã đơn vị \"ZZ-404\"" "$T/show"
check "a roster row without a unit code is reported" grep -qF "thiếu mã đơn vị; dòng này không được tính" "$T/show"
check "roster columns the plan counts but the file lacks are named" \
    grep -qF "không có cột \"Hoàn thành chương trình học tập, bồi dưỡng\"" "$T/show"

$DVHT assess -o "$T/s.xlsx" --csv "$T/r.csv" "$T/u1.csv" "$T/u2.csv" "$T/m.csv" >"$T/out" 2>"$T/err"
rc=$?
check "dvht assess with a roster: exit 1 (A3 in error)" [ "$rc" = 1 ]
check "dvht assess with a roster: A1 assessed" grep -q '^A1,\(khong_dat\|muc_1\|muc_2\),' "$T/r.csv"
$DVHT assess -q -o "$T/s.xlsx" "$T/u1.csv" >"$T/out" 2>"$T/err"
rc=$?
check "no total column and no roster: exit 4 naming the column" sh -c \
    "[ $rc = 4 ] && grep -qF 'thiếu cột bắt buộc \"Tổng số thành viên\"' '$T/err'"

# A plan that adds a counted column: only Lua declarations, no C change.
printf 'ma_don_vi,ho_ten,tham_gia_tinh_nguyen\nA1,Một,có\nA1,Hai,có\nA1,Ba,\nA2,Bốn,x\n' >"$T/m2.csv"
$DVHT run tests/e2e/show_units.lua --plan tests/data/plans/them-cot-thanh-vien "$T/u1.csv" "$T/m2.csv" >"$T/show2" 2>"$T/err"
check "a plan's new counted column is filled from the roster" sh -c \
    "grep '^unit A1 ' '$T/show2' | grep -qF 'tinh_nguyen=2 ' && grep '^unit A2 ' '$T/show2' | grep -qF 'tinh_nguyen=1 '"

# 2. Generated sets: roster vs typed counts -------------------------------------------
if [ -n "$QUICK" ]; then n=40 cap=3000; else n=400 cap=60000; fi
"$PY3" tests/reference/gen_units.py --units $n --seed 51 --edge --out "$T/g.csv"
$DVHT assess -q -o "$T/g.xlsx" --csv "$T/ref.csv" "$T/g.csv"
members=$("$PY3" tests/e2e/gen_roster.py --units "$T/g.csv" --out-units "$T/g2.csv" --out-members "$T/gm.csv" \
    --seed 51 --shuffle --keep-typed 0.2 --max-members $cap)
echo "# generated roster: $members members"
same() {
    name=$1
    shift
    $DVHT assess -q -o "$T/x.xlsx" --csv "$T/x.csv" "$@" >"$T/out" 2>"$T/err"
    rc=$?
    if [ "$rc" -le 1 ] && cmp -s "$T/ref.csv" "$T/x.csv"; then
        ok "$name"
    else
        no "$name (exit $rc)"
        show "$T/err"
        [ -f "$T/x.csv" ] && { diff "$T/ref.csv" "$T/x.csv" >"$T/diff"; show "$T/diff"; }
    fi
    rm -f "$T/x.csv"
}
same "roster CSV (members of all units mixed) = typed counts" "$T/g2.csv" "$T/gm.csv"
$DVHT assess -q -o "$T/x.xlsx" "$T/g2.csv" "$T/gm.csv" >/dev/null 2>&1
$DVHT run tests/e2e/show_units.lua "$T/g2.csv" "$T/gm.csv" >"$T/gshow" 2>&1
check "typed counts kept beside an agreeing roster raise no warning" sh -c "! grep -q 'số nhập trên dòng đơn vị' '$T/gshow'"
"$PY3" tests/e2e/gen_roster.py --units "$T/g.csv" --out-units "$T/g3.csv" --out-members "$T/gm3.csv" \
    --seed 52 --labels --keep-typed 0 --max-members $cap >/dev/null
same "roster with Vietnamese labels as headers = typed counts" "$T/g3.csv" "$T/gm3.csv"
if [ -n "$PY" ]; then
    "$PY" tests/e2e/csv2xlsx.py "$T/gm.xlsx" "$T/gm.csv:Thành viên"
    same "roster as XLSX (openpyxl) = typed counts" "$T/g2.csv" "$T/gm.xlsx"
else
    skip "roster as XLSX (openpyxl)" "python3-openpyxl missing"
fi
$HELPER run tests/e2e/csv2xlsx.lua --constant-memory "$T/gall.xlsx" "$T/g2.csv:Đơn vị" "$T/gm.csv:Thành viên"
same "units and roster in one workbook (libxlsxwriter, inline strings) = typed counts" "$T/gall.xlsx"

# 3. A million members ----------------------------------------------------------------
if [ -n "$QUICK" ]; then
    skip "1,000,000 roster rows (CSV and XLSX)" "DVHT_QUICK"
else
    "$PY3" tests/reference/gen_units.py --units 4000 --seed 53 --out "$T/b.csv"
    $DVHT assess -q -o "$T/b.xlsx" --csv "$T/ref.csv" "$T/b.csv"
    n=$("$PY3" tests/e2e/gen_roster.py --units "$T/b.csv" --out-units "$T/b2.csv" --out-members "$T/bm.csv" \
        --seed 53 --keep-typed 0 --max-members 1000000)
    check "1,000,000 members generated (got $n)" [ "$n" -ge 990000 ]
    measure() { # name files...: assess, compare, print time and peak RSS
        name=$1
        shift
        if [ -x /usr/bin/time ]; then
            /usr/bin/time -f "%e %M" -o "$T/time" $DVHT assess -q -o "$T/x.xlsx" --csv "$T/x.csv" "$@" >"$T/out" 2>"$T/err"
            # GNU time writes "Command exited with non-zero status 1" first when dvht exits 1
            secs=$(tail -1 "$T/time" | cut -d' ' -f1)
            rss=$(tail -1 "$T/time" | cut -d' ' -f2)
            echo "# $name: $secs s, peak RSS $((rss / 1024)) MiB"
            check "$name: peak memory stays under 512 MiB (streamed, counted in C)" [ "$rss" -lt 524288 ]
        else
            $DVHT assess -q -o "$T/x.xlsx" --csv "$T/x.csv" "$@" >"$T/out" 2>"$T/err"
        fi
        if cmp -s "$T/ref.csv" "$T/x.csv"; then ok "$name = typed counts"; else no "$name = typed counts"; show "$T/err"; fi
        rm -f "$T/x.csv"
    }
    measure "1,000,000 roster rows as CSV" "$T/b2.csv" "$T/bm.csv"
    "$PY3" tests/e2e/raw_xlsx.py "$T/bm.xlsx" --csv "$T/bm.csv" --shared --sheet "Thành viên"
    measure "1,000,000 roster rows as XLSX" "$T/b2.csv" "$T/bm.xlsx"
fi

finish
