#!/bin/sh
# test_input_folders.sh - `dvht assess FOLDER`: every .csv and .xlsx inside,
# recursively; Excel lock files (~$*.xlsx), hidden files and folders and
# other files skipped; a file that cannot be read is reported and the run
# goes on (and leaves none of its rows behind); a unit code in two files is
# a reported conflict; the run's own outputs inside the folder are never
# read back. Prints TAP lines.
. "$(dirname "$0")/lib.sh"

D=$T/du-lieu
mkdir -p "$D/phuong-a" "$D/phuong-b" "$D/.an" "$D/sub/deep"
H=ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien,tuan_thu_ky_luat,ke_hoach_hoc_tap
printf '%s\nA-1,Phòng Nội vụ,co_quan_nha_nuoc,,,có\nA-2,Trạm Y tế,su_nghiep_cong_lap,10,10,có\nA-3,Hội Khuyến học,khac,5,5,có\n' "$H" >"$D/phuong-a/don-vi.csv"
printf '%s\nB-1,Công ty Cổ phần Sài Đồng,to_chuc_kinh_te,8,8,có\nB-2,Trường THCS Gia Thụy,pho_thong,30,29,có\nA-2,Trạm Y tế (bản 2),su_nghiep_cong_lap,12,12,có\n' "$H" >"$D/phuong-b/b.csv"
printf '%s\nC-1,Ẩn,khac,5,5,có\n' "$H" >"$D/.an/don-vi.csv"
printf '%s\nC-2,Ẩn,khac,5,5,có\n' "$H" >"$D/.du-phong.csv"
printf '%s\nD-1,Trường Mầm non Hoa Sữa,mam_non_cong_lap,12,12,có\n' "$H" >"$D/sub/deep/don-vi-2.csv"
printf 'ma_don_vi,ho_ten,tuan_thu_ky_luat\nA-1,Nguyễn Văn An,có\nA-1,Trần Thị Bình,\n' >"$D/thanh-vien.csv"
printf 'Không phải Excel\n' >"$D/hong.xlsx"
printf 'PK\003\004 rác của Excel đang mở tệp\n' >"$D/phuong-b/~\$b.xlsx"
printf 'ghi chú\n' >"$D/ghi-chu.txt"
# a workbook whose second sheet is broken: its first sheet must not count either
printf '%s\nE-1,Đơn vị E,khac,5,5,có\n' "$H" >"$T/e1.csv"
printf 'ma_don_vi,loai_don_vi\nE-2,khac\n' >"$T/e2.csv"
$HELPER run tests/e2e/csv2xlsx.lua "$D/phuong-b/nua-hong.xlsx" "$T/e1.csv:Đơn vị" "$T/e2.csv:Đơn vị 2"

$DVHT run tests/e2e/show_units.lua "$D" >"$T/show" 2>&1
$DVHT assess -o "$D/tong-hop.xlsx" --csv "$T/r.csv" "$D" >"$T/out" 2>"$T/err"
rc=$?
check "folder run: exit 1 (a conflicting unit is in error)" [ "$rc" = 1 ]
check "folder run: nothing on stderr" [ ! -s "$T/err" ]
cut -d, -f1,2 "$T/r.csv" >"$T/codes"
check "units of every file, sub-folders included, each once (7)" [ "$(($(wc -l <"$T/codes") - 1))" = 7 ]
check "files read in sorted order, sub-folders included" sh -c "sed -n '2p;7p;8p' '$T/codes' | tr '\n' ' ' | grep -q '^A-1,[a-z_0-9]* A-2,loi D-1,'"
check "hidden folders and hidden files skipped" sh -c "! grep -q '^C-' '$T/codes'"
check "a workbook with a broken sheet leaves no unit behind" sh -c "! grep -q '^E-' '$T/codes'"
check "the roster in the folder gives A-1 its numbers" sh -c "! grep -q '^A-1,loi' '$T/codes'"
check "stdout: units and files read" has "$T/out" "Đã đọc 7 đơn vị từ 4 tệp"

check "a code in two files: the repeat is in error, naming the first file and line" \
    grep -qF "problem loi $D/phuong-b/b.csv:4 [Mã đơn vị] (A-2) mã đơn vị \"A-2\" trùng với $D/phuong-a/don-vi.csv, dòng 3" "$T/show"
check "an unreadable file is reported (skipped) and the run goes on" \
    grep -qF "problem bo_qua $D/hong.xlsx:" "$T/show"
check "the broken sheet is reported, naming it" grep -qF "problem bo_qua $D/phuong-b/nua-hong.xlsx:" "$T/show"
check "lock files are not reported: they are not data" sh -c "! grep -qF '~\$b.xlsx' '$T/show'"
check "other files are ignored" sh -c "! grep -qF 'ghi-chu.txt' '$T/show'"

# the summary written inside the folder is not read on the next run
$DVHT assess -o "$D/tong-hop.xlsx" --csv "$T/r2.csv" "$D" >"$T/out2" 2>"$T/err2"
check "second run with its output inside the folder: same results" cmp -s "$T/r.csv" "$T/r2.csv"

# the summary of an earlier run, under another name, is not read either
cp "$D/tong-hop.xlsx" "$D/phuong-a/tong-hop-cu.xlsx"
$DVHT assess -o "$T/s3.xlsx" --csv "$T/r3.csv" "$D" >"$T/out3" 2>"$T/err3"
check "an earlier summary in the folder: same results" cmp -s "$T/r.csv" "$T/r3.csv"
$DVHT run tests/e2e/show_units.lua "$D" >"$T/show3" 2>&1
check "... and it is reported as skipped" \
    grep -qF "problem bo_qua $D/phuong-a/tong-hop-cu.xlsx: [] () $D/phuong-a/tong-hop-cu.xlsx: bảng tổng hợp kết quả do dvht ghi ra" "$T/show3"

# a named file that cannot be read stops the run
$DVHT assess -q -o "$T/x.xlsx" "$D/phuong-a/don-vi.csv" "$D/hong.xlsx" >"$T/out" 2>"$T/err"
rc=$?
check "a named unreadable file: exit 4 naming it" sh -c "[ $rc = 4 ] && grep -qF 'hong.xlsx' '$T/err'"

# without any roster, a units file lacking the total column: skipped inside
# a folder, an error when named
mkdir -p "$T/d2"
printf '%s\nG-1,Phòng Văn hóa,co_quan_nha_nuoc,9,9,có\n' "$H" >"$T/d2/a.csv"
printf 'ma_don_vi,ten_don_vi,loai_don_vi\nG-2,Không có số,khac\n' >"$T/d2/b.csv"
$DVHT assess -q -o "$T/y.xlsx" --csv "$T/r4.csv" "$T/d2" >"$T/out" 2>"$T/err"
rc=$?
check "folder without roster: a file lacking the total column is skipped, the rest assessed" \
    sh -c "[ $rc = 0 ] && grep -q '^G-1,' '$T/r4.csv' && ! grep -q '^G-2,' '$T/r4.csv'"
$DVHT run tests/e2e/show_units.lua "$T/d2" >"$T/show2" 2>&1
check "... and reported with the missing column" grep -qF "problem bo_qua $T/d2/b.csv: [] () $T/d2/b.csv: thiếu cột bắt buộc \"Tổng số thành viên\"" "$T/show2"
$DVHT assess -q -o "$T/z.xlsx" "$T/d2/a.csv" "$T/d2/b.csv" >"$T/out" 2>"$T/err"
check "the same file named: exit 4" [ $? = 4 ]

# an empty folder
mkdir -p "$T/rong"
$DVHT assess -q -o "$T/w.xlsx" "$T/rong" >"$T/out" 2>"$T/err"
rc=$?
check "an empty folder: exit 4 with a message" sh -c "[ $rc = 4 ] && grep -qF 'không có tệp dữ liệu nào' '$T/err'"

# The same file reached three ways (named, another spelling, its folder):
# read once, the other two reported, no unit in conflict with itself.
mkdir -p "$T/mot"
cp examples/quan-mau/don-vi.csv "$T/mot/don-vi.csv"
$DVHT run tests/e2e/show_units.lua "$T/mot/don-vi.csv" "$T/mot/./don-vi.csv" "$T/mot" >"$T/show3" 2>&1
check "a file named three ways is read once (57 units)" [ "$(grep -c '^unit ' "$T/show3")" = 57 ]
check "... the two repeats are reported, naming the first" \
    [ "$(grep -c "^problem canh_bao .*cùng một tệp với \"$T/mot/don-vi.csv\"" "$T/show3")" = 2 ]
check "... and no unit conflicts with itself (only the example's own repeated code)" \
    [ "$(grep -c 'trùng với' "$T/show3")" = 1 ]

# A column named twice in a header (a key and its label): the first is
# read and the user is told which.
printf 'ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien,Mã đơn vị\nA1,Trường A,khac,10,B2\n' >"$T/hai-cot.csv"
$DVHT run tests/e2e/show_units.lua "$T/hai-cot.csv" >"$T/show4" 2>&1
check "a column named twice: the first is read" grep -q '^unit A1 ' "$T/show4"
check "... and a warning names both columns" \
    grep -qF "problem canh_bao $T/hai-cot.csv:1 [Mã đơn vị] () cột \"Mã đơn vị\" có hai lần trong dòng tiêu đề (cột A và cột E); chỉ đọc cột A" "$T/show4"

finish
