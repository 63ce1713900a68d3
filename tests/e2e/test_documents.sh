#!/bin/sh
# test_documents.sh - the printed documents: "dvht bien-ban" (minutes),
# "dvht bao-cao" (report), "dvht huong-dan-minh-chung" (evidence guide).
# Read back with openpyxl (check_documents.py): the form's texts verbatim,
# each row's verdict and the counts against the expected results of the
# example district, paper, orientation, margins, repeated rows, fonts, row
# heights, page breaks; the meeting block and the evidence filled from the
# data; --all into a folder or one workbook; error units, unknown codes,
# edited and broken layouts, outputs equal to inputs. Where LibreOffice is
# installed, the documents are rendered to PDF and their pages counted.
# Prints TAP lines.
. "$(dirname "$0")/lib.sh"

EX=examples/quan-mau/don-vi.csv
EXP=examples/quan-mau/ket-qua-mong-doi.csv
CHECK=tests/e2e/check_documents.py

# A small district: a preschool, a school, an enterprise and a unit in error.
{ head -1 "$EX"; grep -E '^[0-9]+;LB-0(17|25|37|44);' "$EX"; } >"$T/quan.csv"

# pycheck WHAT ARGS...: runs check_documents.py, shows its TAP lines
pycheck() {
    what=$1
    shift
    if [ -z "$PY" ]; then
        skip "$what read back" "python3-openpyxl missing"
        return
    fi
    (cd tests/e2e && $PY check_documents.py "$@") >"$T/py" 2>&1
    prc=$?
    grep -E '^(ok|not ok|#)' "$T/py"
    [ "$prc" = 0 ] || { no "$what read back (exit $prc)"; show "$T/py" 5; }
}

# 1. The minutes of a preschool, a school and an enterprise.
for u in LB-017 LB-025 LB-044; do
    $DVHT bien-ban --unit $u -o "$T/bb-$u.xlsx" "$T/quan.csv" >"$T/out" 2>"$T/err"
    rc=$?
    check "bien-ban $u: exit 0" [ "$rc" = 0 ]
    check "bien-ban $u: says what it wrote" has "$T/out" "bb-$u.xlsx"
    pycheck "bien-ban $u" minutes "$T/bb-$u.xlsx" "$u" "$ROOT/$EXP" "$u" --verbatim \
        --has "Tự đánh giá, xếp loại Đơn vị học tập năm 2025" \
        --contains "Hà Nội, ngày " --contains "KH-UBND"
done
pycheck "bien-ban LB-017 (preschool rows apply)" minutes "$T/bb-LB-017.xlsx" LB-017 "$ROOT/$EXP" LB-017 \
    --has "TRƯỜNG MẦM NON HOA SỮA" --lacks "Chưa có minh chứng"
pycheck "bien-ban LB-044 (not public, TC2.4 not for enterprises)" minutes "$T/bb-LB-044.xlsx" LB-044 "$ROOT/$EXP" LB-044 \
    --has "CÔNG TY CỔ PHẦN MAY ĐỨC GIANG" --has "Không áp dụng"

# 2. A unit in error: a clear message naming file, row and column; no file.
$DVHT bien-ban --unit LB-037 -o "$T/bb-err.xlsx" "$T/quan.csv" >"$T/out" 2>"$T/err"
rc=$?
check "bien-ban of a unit in error: exit 1" [ "$rc" = 1 ]
check "... the message names the unit, the row and the column" sh -c \
    "grep -q 'LB-037 có lỗi dữ liệu' '$T/err' && grep -q 'dòng 4' '$T/err' && grep -q 'Số thành viên được đào tạo, tham gia chuyển đổi số' '$T/err'"
check "... and no file is written" [ ! -e "$T/bb-err.xlsx" ]
$DVHT bien-ban --unit NOPE -o "$T/x.xlsx" "$T/quan.csv" >"$T/out" 2>"$T/err"
rc=$?
check "an unknown unit code: exit 2 with a message" sh -c "[ $rc = 2 ] && grep -q 'không có đơn vị mã \"NOPE\"' '$T/err'"
$DVHT bien-ban -o "$T/x.xlsx" "$T/quan.csv" >/dev/null 2>"$T/err"
rc=$?
check "neither --unit nor --all: exit 2" sh -c "[ $rc = 2 ] && grep -q -- '--unit' '$T/err'"
$DVHT bien-ban --all --unit LB-017 -o "$T/x.xlsx" "$T/quan.csv" >/dev/null 2>&1
check "both --unit and --all: exit 2" [ $? = 2 ]
$DVHT bien-ban --all "$T/quan.csv" >/dev/null 2>&1
check "no -o: exit 2" [ $? = 2 ]

# 3. --all: one file per unit in a folder, or one workbook with a sheet each.
$DVHT bien-ban --all -o "$T/bien-ban" "$T/quan.csv" >"$T/out" 2>"$T/err"
rc=$?
check "bien-ban --all -o DIR: exit 1 (one unit in error), the error named" sh -c "[ $rc = 1 ] && grep -q LB-037 '$T/err'"
check "... one file per assessed unit, named by its code" sh -c \
    "[ \"\$(ls '$T/bien-ban' | tr '\n' ' ')\" = 'LB-017.xlsx LB-025.xlsx LB-044.xlsx ' ]"
mkdir -p "$T/in/bien-ban"
cp "$T/quan.csv" "$T/in/"
$DVHT bien-ban -q --all -o "$T/in/bien-ban" "$T/in" >/dev/null 2>&1
$DVHT bien-ban -q --all -o "$T/in/bien-ban" "$T/in" >/dev/null 2>"$T/err"
rc=$?
check "--all -o DIR inside the input folder, twice: the documents are not read as data" sh -c \
    "[ $rc = 1 ] && [ \"\$(ls '$T/in/bien-ban' | wc -l)\" = 3 ] && ! grep -q 'bien-ban/' '$T/err'"
$DVHT bao-cao --all -o "$T/bao-cao.xlsx" "$T/quan.csv" >"$T/out" 2>"$T/err"
rc=$?
check "bao-cao --all -o FILE.xlsx: exit 1" [ "$rc" = 1 ]
if [ -n "$PY" ]; then
    check "... one sheet per assessed unit" sh -c \
        "$PY -c 'import openpyxl,sys; print(\" \".join(openpyxl.load_workbook(sys.argv[1]).sheetnames))' '$T/bao-cao.xlsx' | grep -qx 'LB-017 LB-025 LB-044'"
fi
for u in LB-017 LB-025 LB-044; do
    pycheck "bao-cao $u" report "$T/bao-cao.xlsx" "$u" "$ROOT/$EXP" "$u"
done
pycheck "bien-ban --all file of LB-025" minutes "$T/bien-ban/LB-025.xlsx" LB-025 "$ROOT/$EXP" LB-025

# 4. The meeting block and the evidence come from the data.
{
    printf '%s;Cơ quan chủ quản;Ngày lập biên bản;Thời gian họp;Địa điểm họp;Chủ trì;Chức vụ người chủ trì;Thư ký;Chức vụ thư ký;Thành phần khác;Thời gian kết thúc;Lãnh đạo đơn vị\r\n' \
        "$(head -1 "$EX" | tr -d '\r')"
    printf '%s;Phòng Giáo dục và Đào tạo quận Long Biên;15/01/2025;14:00 15/01/2025;Phòng họp tầng 2;Nguyễn Thị An;Hiệu trưởng;Bà Trần Thị Bình;Phó Hiệu trưởng;Các tổ trưởng chuyên môn;16h30 15/01/2025;Nguyễn Thị An\r\n' \
        "$(grep -E '^[0-9]+;LB-017;' "$EX" | tr -d '\r')"
} >"$T/hop.csv"
cat >"$T/minh-chung.csv" <<'EOF'
ma_don_vi,ma_minh_chung,ten_minh_chung,tep
LB-017,TC1-01,Kế hoạch học tập năm 2025,ke-hoach.pdf
LB-017,TC1 – 01,Ảnh buổi học chuyên đề,
LB-017,TC2-04,Danh sách chứng chỉ ngoại ngữ,TC2-04/danh-sach.xlsx
EOF
$DVHT bien-ban --unit LB-017 -o "$T/hop.xlsx" "$T/hop.csv" "$T/minh-chung.csv" >"$T/out" 2>"$T/err"
check "bien-ban with the meeting columns and a Minh chứng table: exit 0" [ $? = 0 ]
pycheck "bien-ban meeting block and evidence" minutes "$T/hop.xlsx" LB-017 "$ROOT/$EXP" LB-017 \
    --has "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN LONG BIÊN" \
    --has "Hà Nội, ngày 15 tháng 01 năm 2025" \
    --has "* Thời gian: 14 giờ 00 ngày 15 tháng 01 năm 2025" \
    --has "* Địa điểm: Phòng họp tầng 2" \
    --has "1. Chủ trì: Ông/Bà Nguyễn Thị An" --has "Chức vụ: Hiệu trưởng" \
    --has "2. Thư ký: Bà Trần Thị Bình" --has "Chức vụ: Phó Hiệu trưởng" \
    --has "3. Thành phần khác: Các tổ trưởng chuyên môn" \
    --has "Buổi tự đánh giá kết thúc vào hồi 16 giờ 30 ngày 15 tháng 01 năm 2025." \
    --has "- Kế hoạch học tập năm 2025 (ke-hoach.pdf)
- Ảnh buổi học chuyên đề" \
    --has "- Danh sách chứng chỉ ngoại ngữ (TC2-04/danh-sach.xlsx)" \
    --contains "Chưa có minh chứng. Gợi ý:
- Nguồn lực tài chính;" \
    --has "Bà Trần Thị Bình" --has "Nguyễn Thị An"
$DVHT assess -q -o "$T/a1.xlsx" --csv "$T/a1.csv" "$T/hop.csv" >/dev/null 2>&1
grep -E '^[0-9]+;LB-017;' "$EX" >/dev/null && { head -1 "$EX"; grep -E '^[0-9]+;LB-017;' "$EX"; } >"$T/plain.csv"
$DVHT assess -q -o "$T/a2.xlsx" --csv "$T/a2.csv" "$T/plain.csv" >/dev/null 2>&1
check "the meeting columns do not change the assessment" cmp -s "$T/a1.csv" "$T/a2.csv"
$DVHT bao-cao --unit LB-017 -o "$T/hop-bc.xlsx" "$T/hop.csv" "$T/minh-chung.csv" >/dev/null 2>&1
pycheck "bao-cao evidence" report "$T/hop-bc.xlsx" LB-017 "$ROOT/$EXP" LB-017 \
    --has "- Kế hoạch học tập năm 2025 (ke-hoach.pdf)
- Ảnh buổi học chuyên đề" --contains "Chưa có minh chứng. Gợi ý:" \
    --has "Đơn vị: Trường Mầm non Hoa Sữa (mã LB-017); loại đơn vị: Nhà trẻ, trường mẫu giáo, trường mầm non công lập; tổng số thành viên: 48." \
    --has "- Số thành viên tuân thủ kỷ luật, nội quy: 48/48 (tổng số thành viên); tỷ lệ 100,0% (Mức độ 1: tối thiểu 90%; Mức độ 2: tối thiểu 95%)."

# A plan that takes a met indicator without evidence as not met: the rows,
# the counts and the report say so, as the results CSV of the same run.
mkdir -p "$T/plan-mc"
cat >"$T/plan-mc/plan.lua" <<'EOF'
inherit "hanoi-2025"
plan { id = "thu-minh-chung", name = "Thử quy định minh chứng", year = 2025,
  valid_from = "2025-01-01", valid_to = "2025-12-31", evidence_policy = "khong_dat" }
EOF
$DVHT assess -q --plan "$T/plan-mc" -o "$T/mc.xlsx" --csv "$T/mc.csv" "$T/hop.csv" "$T/minh-chung.csv" >/dev/null 2>&1
$DVHT bien-ban --plan "$T/plan-mc" --unit LB-017 -o "$T/mc-bb.xlsx" "$T/hop.csv" "$T/minh-chung.csv" >/dev/null 2>&1
check "evidence_policy khong_dat: bien-ban exit 0" [ $? = 0 ]
pycheck "evidence_policy khong_dat (minutes)" minutes "$T/mc-bb.xlsx" LB-017 "$T/mc.csv" LB-017 \
    --has "- Mức tự đánh giá Đơn vị học tập năm 2025: Không đạt"
$DVHT bao-cao --plan "$T/plan-mc" --unit LB-017 -o "$T/mc-bc.xlsx" "$T/hop.csv" "$T/minh-chung.csv" >/dev/null 2>&1
pycheck "evidence_policy khong_dat (report)" report "$T/mc-bc.xlsx" LB-017 "$T/mc.csv" LB-017 \
    --has "Chỉ tiêu được tính là không đạt vì chưa có minh chứng mã TC1-02 (quy định về minh chứng của bộ tiêu chí)."

# 5. The evidence guide from the plan.
case $DVHT in /*) DVHT_ABS=$DVHT ;; *) DVHT_ABS=$ROOT/$DVHT ;; esac
mkdir -p "$T/cwd"
(cd "$T/cwd" && "$DVHT_ABS" huong-dan-minh-chung -q) >/dev/null 2>&1
check "huong-dan-minh-chung without -o writes huong-dan-minh-chung.xlsx" [ -s "$T/cwd/huong-dan-minh-chung.xlsx" ]
$DVHT huong-dan-minh-chung -o "$T/hd.xlsx" >"$T/out" 2>"$T/err"
check "huong-dan-minh-chung: exit 0" [ $? = 0 ]
pycheck "huong-dan-minh-chung" guide "$T/hd.xlsx"
$DVHT huong-dan-minh-chung -o "$T/hd2.xlsx" "$T/quan.csv" >/dev/null 2>"$T/err"
check "huong-dan-minh-chung takes no data files: exit 2" [ $? = 2 ]
$DVHT huong-dan-minh-chung --plan tests/plans/points-2015 -o "$T/hd-points.xlsx" >/dev/null 2>&1
check "huong-dan-minh-chung with another plan" [ $? = 0 ]

# 6. An edited copy of a layout; broken layouts.
sed 's/subtitle = "Tự đánh giá, xếp loại Đơn vị học tập năm %s",/subtitle = "Tự đánh giá, xếp loại Đơn vị học tập năm %s (dự thảo)",/' \
    src/lua/dvht/layout_bien_ban.lua >"$T/bb-sua.lua"
$DVHT bien-ban --layout "$T/bb-sua.lua" --unit LB-025 -o "$T/bb-sua.xlsx" "$T/quan.csv" >/dev/null 2>&1
check "bien-ban --layout FILE.lua: exit 0" [ $? = 0 ]
pycheck "edited layout" minutes "$T/bb-sua.xlsx" LB-025 "$ROOT/$EXP" LB-025 \
    --has "Tự đánh giá, xếp loại Đơn vị học tập năm 2025 (dự thảo)"
$DVHT bien-ban --layout "$T/none.lua" --unit LB-025 -o "$T/none.xlsx" "$T/quan.csv" >/dev/null 2>&1
check "a layout file that does not exist: exit 2" [ $? = 2 ]
printf 'return { grid = { 165 }, draw = function(doc) doc:line("x", nil, "nowhere") end }\n' >"$T/bad1.lua"
$DVHT bien-ban --layout "$T/bad1.lua" --unit LB-025 -o "$T/bad1.xlsx" "$T/quan.csv" >/dev/null 2>"$T/err"
rc=$?
check "a layout that fails while drawing: exit 3, named, no file" sh -c \
    "[ $rc = 3 ] && grep -q 'bố cục' '$T/err' && grep -q 'nowhere' '$T/err' && [ ! -e '$T/bad1.xlsx' ]"
printf 'return {\n' >"$T/bad2.lua"
$DVHT bao-cao --layout "$T/bad2.lua" --unit LB-025 -o "$T/bad2.xlsx" "$T/quan.csv" >/dev/null 2>"$T/err"
rc=$?
check "a layout with a syntax error: exit 3 naming the file" sh -c "[ $rc = 3 ] && grep -q 'bad2.lua' '$T/err'"
printf 'return 42\n' >"$T/bad3.lua"
$DVHT huong-dan-minh-chung --layout "$T/bad3.lua" -o "$T/bad3.xlsx" >/dev/null 2>"$T/err"
rc=$?
check "a layout that is not a table: exit 3" sh -c "[ $rc = 3 ] && grep -q 'draw' '$T/err'"

# 7. Inputs are never overwritten.
if [ -n "$PY" ]; then
    $PY tests/e2e/csv2xlsx.py "$T/quan.xlsx" "$T/quan.csv" --keep-text "Mã đơn vị" >/dev/null 2>&1
    cp "$T/quan.xlsx" "$T/quan.bak"
    $DVHT bien-ban --unit LB-017 -o "$T/quan.xlsx" "$T/quan.xlsx" >/dev/null 2>"$T/err"
    rc=$?
    check "an output equal to an input is refused (exit 2), the input kept" sh -c \
        "[ $rc = 2 ] && cmp -s '$T/quan.xlsx' '$T/quan.bak' && grep -q 'trùng với tệp dữ liệu' '$T/err'"
fi

# 8. The summary's chart sheet prints the chart on a page of its own.
$DVHT assess -q -o "$T/tong-hop.xlsx" "$T/quan.csv" >/dev/null 2>&1
if [ -n "$PY" ]; then
    check "Thống kê: a chart, a page break above it, no repeated rows" "$PY" -c '
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])["Thống kê"]
sys.exit(0 if len(ws._charts) == 1 and len(ws.row_breaks.brk) == 1 and not ws.print_title_rows else 1)' "$T/tong-hop.xlsx"
fi

# 9. Rendered by LibreOffice: A4 portrait pages, a sensible page count.
SOFFICE=$(command -v soffice || command -v libreoffice || true)
if [ -n "$QUICK" ]; then
    skip "documents rendered to PDF" "DVHT_QUICK"
elif [ -z "$SOFFICE" ] || ! command -v pdfinfo >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
    skip "documents rendered to PDF" "LibreOffice (soffice) or poppler-utils missing"
else
    mkdir -p "$T/pdf"
    cp "$T/bb-LB-017.xlsx" "$T/bb-LB-044.xlsx" "$T/hop-bc.xlsx" "$T/hd.xlsx" "$T/tong-hop.xlsx" "$T/pdf/"
    (cd "$T/pdf" && "$SOFFICE" -env:UserInstallation="file://$T/lo-profile" --headless --convert-to pdf \
        bb-LB-017.xlsx bb-LB-044.xlsx hop-bc.xlsx hd.xlsx tong-hop.xlsx >/dev/null 2>&1)
    pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
    between() { n=$(pages "$1"); [ -n "$n" ] && [ "$n" -ge "$2" ] && [ "$n" -le "$3" ]; }
    a4() { pdfinfo "$1" 2>/dev/null | grep -q 'Page size: *595\.[0-9]* x 841\.[0-9]* pts (A4)'; }
    for f in bb-LB-017 bb-LB-044; do
        n=$(pages "$T/pdf/$f.pdf")
        if between "$T/pdf/$f.pdf" 4 9 && a4 "$T/pdf/$f.pdf"; then ok "$f.pdf: 4 to 9 A4 portrait pages ($n)"
        else no "$f.pdf: 4 to 9 A4 portrait pages ($n)"; fi
        pdftotext -layout "$T/pdf/$f.pdf" "$T/pdf/$f.txt" 2>/dev/null
        check "$f.pdf: title, computed lines and signatures are printed" sh -c \
            "grep -q 'BIÊN BẢN' '$T/pdf/$f.txt' && grep -q 'Số lượng các chỉ tiêu đạt' '$T/pdf/$f.txt' && grep -q 'LÃNH ĐẠO ĐƠN VỊ' '$T/pdf/$f.txt'"
        pdftotext -f "${n:-1}" -l "${n:-1}" "$T/pdf/$f.pdf" "$T/pdf/$f.last" 2>/dev/null
        check "$f.pdf: the signatures are not alone on the last page" sh -c \
            "grep -q 'nhất trí và ký tên' '$T/pdf/$f.last' && grep -q 'THƯ KÝ' '$T/pdf/$f.last'"
    done
    between "$T/pdf/hop-bc.pdf" 5 12 && a4 "$T/pdf/hop-bc.pdf" && ok "report: 5 to 12 A4 pages ($(pages "$T/pdf/hop-bc.pdf"))" ||
        no "report: 5 to 12 A4 pages ($(pages "$T/pdf/hop-bc.pdf"))"
    between "$T/pdf/hd.pdf" 3 8 && a4 "$T/pdf/hd.pdf" && ok "evidence guide: 3 to 8 A4 pages ($(pages "$T/pdf/hd.pdf"))" ||
        no "evidence guide: 3 to 8 A4 pages ($(pages "$T/pdf/hd.pdf"))"
    pdftotext "$T/pdf/tong-hop.pdf" "$T/pdf/tong-hop.txt" 2>/dev/null
    check "the summary's chart is rendered (its title and axis in the PDF)" sh -c \
        "grep -q 'Số đơn vị theo kết quả và loại đơn vị' '$T/pdf/tong-hop.txt'"
fi

finish
