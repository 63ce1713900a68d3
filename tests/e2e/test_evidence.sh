#!/bin/sh
# test_evidence.sh - evidence ("minh chứng"): the --evidence folder (one
# sub-folder per unit, names beginning with a code in any usual spelling,
# lock/hidden files and look-alike codes ignored), the "Minh chứng" table,
# missing codes per applicable indicator, the summary's evidence column and
# "Thiếu minh chứng" sheet, and the plan's evidence_policy (canh_bao,
# khong_dat, loi). Prints TAP lines.
. "$(dirname "$0")/lib.sh"

cat >"$T/u.csv" <<'EOF'
ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien,tuan_thu_ky_luat,hoan_thanh_boi_duong,chuyen_doi_so,ngoai_ngu,lao_dong_tien_tien,cong_dan_hoc_tap,ke_hoach_hoc_tap,che_do_dao_tao,kinh_phi_dao_tao,trang_bi_chuyen_doi_so,hoc_tap_suot_doi,chia_se_tri_thuc,tap_the_ldtt
E1,Phòng Nội vụ,co_quan_nha_nuoc,20,20,20,20,20,20,20,có,có,có,có,có,có,có
E2,Phòng Tài chính,co_quan_nha_nuoc,20,20,20,20,20,20,20,có,có,có,có,có,có,có
E3,Văn phòng HĐND,co_quan_nha_nuoc,20,20,20,20,20,20,20,không,có,có,có,có,có,có
EOF
E=$T/ev
mkdir -p "$E/E1/TC2-01" "$E/E1/Tieu chi 2" "$E/E2 Phong Tai chinh/TC1-04" "$E/E2 Phong Tai chinh/TC2-04" "$E/ZZ-9"
for f in "TC1-01 Ke hoach.pdf" "tc1 - 02 quy che.docx" "TC1–03 kinh phi.pdf" "TC1_04.pdf" "TC1.05 anh.jpg" \
    "TC2-01/bang cham cong.xlsx" "Tieu chi 2/TC2-02 chung chi.pdf" "TC2-3.pdf" "TC2-04 (ban sao).pdf" \
    "TC2 – 05.pdf" "TC3-01.pdf" "TC3-02.pdf" "TC3-03 bang khen.pdf"; do
    : >"$E/E1/$f"
done
for f in "TC1-011.pdf" "~\$TC1-02.docx" ".TC1-03.pdf" "TC2-04/x.pdf" "Ghi chu.txt"; do
    : >"$E/E2 Phong Tai chinh/$f"
done

# summary FILE: "CODE|evidence cell" per unit, then the "Thiếu minh chứng" rows
summary() {
    "$PY" - "$@" <<'EOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
ws = wb["Tổng hợp"]
rows = list(ws.iter_rows(values_only=True))
if "Minh chứng" not in rows[0]:
    print("NO-COLUMN")
else:
    i = rows[0].index("Minh chứng")
    for r in rows[1:]:
        print("%s|%s" % (r[1], r[i]))
if "Thiếu minh chứng" in wb.sheetnames:
    miss = list(wb["Thiếu minh chứng"].iter_rows(values_only=True))
    print("missing-rows|%d" % (len(miss) - 1))
    for r in miss[1:]:
        print("missing|%s|%s|%s|%s|%s" % (r[1], r[3], r[4], r[5], r[6] or ""))
else:
    print("NO-SHEET")
EOF
}

# 1. Folder, default policy (warning).
$DVHT assess -o "$T/s.xlsx" --csv "$T/r.csv" --evidence "$E" "$T/u.csv" >"$T/out" 2>"$T/err"
rc=$?
check "--evidence: exit 0 (warnings only)" [ "$rc" = 0 ]
check "--evidence: stdout counts units with and without full evidence" has "$T/out" "Minh chứng: 1 đơn vị đủ, 2 đơn vị còn thiếu"
if [ -n "$PY" ]; then
    summary "$T/s.xlsx" >"$T/sum"
    check "E1: every code found whatever the spelling (- – _ . spaces, case, one digit, sub-folders)" has "$T/sum" "E1|Đủ (13/13)"
    check "E2: look-alike code, lock, hidden and empty folder ignored; code+name folder matched" \
        has "$T/sum" "E2|Thiếu 12/13: TC1-01, TC1-02, TC1-03, TC1-04, TC1-05, TC2-01, TC2-02, TC2-03, TC2-05, TC3-01, TC3-02, TC3-03"
    check "E3: no folder, nothing found" has "$T/sum" "E3|Thiếu 13/13"
    check "\"Thiếu minh chứng\" lists every missing code" has "$T/sum" "missing-rows|25"
    check "a met indicator without evidence is marked in the sheet" has "$T/sum" "missing|E2|TC1.2|TC1-02|Đạt|Chỉ tiêu đạt nhưng chưa có minh chứng"
    check "an indicator not met is listed without the mark" has "$T/sum" "missing|E3|TC1.1|TC1-01|Không đạt|"
else
    skip "summary workbook read back" "python3-openpyxl missing"
fi
$DVHT assess -q -o "$T/s0.xlsx" --csv "$T/r0.csv" "$T/u.csv"
check "policy canh_bao: results as without evidence" cmp -s "$T/r.csv" "$T/r0.csv"

# the warnings: one per unit, the empty code folder, the folder of no unit
if [ -n "$PY" ]; then
    "$PY" - "$T/s.xlsx" >"$T/probs" <<'EOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True)["Lỗi dữ liệu"]
for r in list(ws.iter_rows(values_only=True))[1:]:
    print("|".join("" if v is None else str(v) for v in r[1:]))
EOF
    check "one warning per unit naming its indicators and codes" \
        grep -q "^$T/u.csv|3|Minh chứng|E2|Cảnh báo|12 chỉ tiêu đạt nhưng không có minh chứng: TC1.1 (TC1-01), TC1.2 (TC1-02)" "$T/probs"
    check "an empty code folder is a warning" grep -q "TC1-04||.*|Cảnh báo|thư mục minh chứng TC1-04 trống" "$T/probs"
    check "a folder matching no unit is a warning" grep -q "ZZ-9|||.*Cảnh báo|thư mục \"ZZ-9\" không trùng mã đơn vị nào" "$T/probs"
fi

# 2. The "Minh chứng" table gives the same as the folder.
"$PY3" - "$T/mc.csv" <<'EOF'
import csv, sys
codes = ["TC1-01", "TC1 - 02", "tc1-03", "TC1–04", "TC1-05", "TC2-01", "TC2-02", "TC2-03", "TC2-04",
         "TC2-05", "TC3-01", "TC3-02", "TC3-03"]
with open(sys.argv[1], "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["Mã đơn vị", "Mã minh chứng", "Tên minh chứng", "Tệp"])
    for c in codes:
        w.writerow(["E1", c, "Văn bản " + c, ""])
    w.writerow(["E2", "TC2-04", "Danh sách chứng chỉ", "ds.pdf"])
    w.writerow(["E2", "TC9-09", "Mã không có", ""])
EOF
$DVHT assess -o "$T/st.xlsx" --csv "$T/rt.csv" "$T/u.csv" "$T/mc.csv" >"$T/out" 2>"$T/err"
check "\"Minh chứng\" table: evidence checked without --evidence" has "$T/out" "Minh chứng: 1 đơn vị đủ, 2 đơn vị còn thiếu"
if [ -n "$PY" ]; then
    summary "$T/st.xlsx" >"$T/sumt"
    grep '^E[123]|' "$T/sum" >"$T/col-folder"
    grep '^E[123]|' "$T/sumt" >"$T/col-table"
    check "\"Minh chứng\" table: the same evidence column as the folder" cmp -s "$T/col-folder" "$T/col-table"
    "$PY" - "$T/st.xlsx" >"$T/probs2" <<'EOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True)["Lỗi dữ liệu"]
for r in list(ws.iter_rows(values_only=True))[1:]:
    print("|".join("" if v is None else str(v) for v in r[1:]))
EOF
    check "a code the plan does not know is a warning with file and line" \
        grep -q "^$T/mc.csv|16|Mã minh chứng|E2|Cảnh báo|mã minh chứng \"TC9-09\" không có trong bộ tiêu chí" "$T/probs2"
fi

# 3. No evidence given: no column, no sheet.
if [ -n "$PY" ]; then
    summary "$T/s0.xlsx" >"$T/sum0"
    check "without evidence: no evidence column and no sheet" sh -c "grep -qx NO-COLUMN '$T/sum0' && grep -qx NO-SHEET '$T/sum0'"
fi

# 4. Policies.
$DVHT assess -q --plan tests/data/plans/minh-chung-khong-dat -o "$T/sk.xlsx" --csv "$T/rk.csv" --evidence "$E" "$T/u.csv"
rc=$?
check "policy khong_dat: exit 0" [ "$rc" = 0 ]
check "policy khong_dat: full evidence keeps its result" grep -q "^E1,muc_2," "$T/rk.csv"
check "policy khong_dat: indicators without evidence are not met, result rolled up again" \
    grep -q "^E2,khong_dat,khong_dat,khong_dat,khong_dat,khong_dat,khong_dat,khong_dat,khong_dat,khong_dat,muc_2,khong_dat,khong_dat,khong_dat,khong_dat,khong_ap_dung,khong_ap_dung,1,13,0,3$" "$T/rk.csv"
$DVHT assess -q --plan tests/data/plans/minh-chung-loi -o "$T/sl.xlsx" --csv "$T/rl.csv" --evidence "$E" "$T/u.csv"
rc=$?
check "policy loi: exit 1 (units in error)" [ "$rc" = 1 ]
check "policy loi: units with a met indicator lacking evidence are loi, the other is assessed" \
    sh -c "grep -q '^E1,muc_2,' '$T/rl.csv' && grep -q '^E2,loi,' '$T/rl.csv' && grep -q '^E3,loi,' '$T/rl.csv'"
$DVHT assess -q --plan tests/data/plans/minh-chung-sai -o "$T/sx.xlsx" --evidence "$E" "$T/u.csv" >"$T/out" 2>"$T/err"
rc=$?
check "an unknown evidence_policy: exit 3 naming the option and the choices" \
    sh -c "[ $rc = 3 ] && grep -qF 'evidence_policy = \"bo_qua\" không hợp lệ' '$T/err' && grep -qF '\"khong_dat\"' '$T/err'"

# 5. Errors.
$DVHT assess -q -o "$T/sy.xlsx" --evidence "$T/khong-co" "$T/u.csv" >"$T/out" 2>"$T/err"
rc=$?
check "--evidence of a missing folder: exit 4 naming it" sh -c "[ $rc = 4 ] && grep -qF '$T/khong-co' '$T/err'"
$DVHT assess -q -o "$T/sz.xlsx" --evidence "$T/u.csv" "$T/u.csv" >"$T/out" 2>"$T/err"
check "--evidence of a file: exit 4" [ $? = 4 ]

finish
