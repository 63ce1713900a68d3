#!/usr/bin/python3
"""check_summary.py - reads a dvht summary workbook back with openpyxl (an
independent reader) and checks it against the results CSV of the same run.
Prints TAP lines. Usage: check_summary.py SUMMARY.xlsx RESULTS.csv"""
import csv
import sys

import openpyxl

LABELS = {"khong_dat": "Không đạt", "muc_1": "Đạt mức độ 1", "muc_2": "Đạt mức độ 2", "loi": "Lỗi dữ liệu"}
failed = 0


def check(cond, what, detail=""):
    global failed
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failed += 1
        if detail:
            print("#   " + str(detail))


book_path, csv_path = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(book_path)
check(wb.sheetnames[:3] == ["Tổng hợp", "Thống kê", "Lỗi dữ liệu"], "sheets Tổng hợp, Thống kê, Lỗi dữ liệu", wb.sheetnames)

with open(csv_path, newline="", encoding="utf-8") as f:
    results = list(csv.DictReader(f))

ws = wb["Tổng hợp"]
head = [c.value for c in ws[1]]
check(head[:4] == ["STT", "Mã đơn vị", "Tên đơn vị", "Loại đơn vị"], "Tổng hợp header starts with code, name, type", head)
check(head[4] == "TC1.1" and head[18] == "TC3.5", "one column per indicator TC1.1 … TC3.5", head)
check(head[-3:] == ["Tiêu chí đạt", "Chỉ tiêu đạt", "Kết quả"], "criteria, indicators and result columns", head[-3:])
rows = [r for r in ws.iter_rows(min_row=2, values_only=True)]
check(len(rows) == len(results), "one row per unit (%d)" % len(results), len(rows))
mismatch = [(r[1], r[-1], res["ket_qua"]) for r, res in zip(rows, results)
            if r[1] != res["ma_don_vi"] or r[-1] != LABELS[res["ket_qua"]]]
check(not mismatch, "overall result spelled as in the form for every unit", mismatch[:3])
bad_counts = []
for r, res in zip(rows, results):
    if res["ket_qua"] == "loi":
        continue
    want_c = "%s/%s" % (res["tieu_chi_dat"], res["tieu_chi_ap_dung"])
    if r[-3] != want_c or not str(r[-2]).startswith("%s/%s (" % (res["chi_tieu_dat"], res["chi_tieu_ap_dung"])):
        bad_counts.append((r[1], r[-3], r[-2]))
check(not bad_counts, "criteria met x/y and indicators met x/y (z%) agree with the CSV", bad_counts[:3])
na = [r[1] for r, res in zip(rows, results) if res["ket_qua"] != "loi" and
      any((res["tc%d_%d" % (c, i)] == "khong_ap_dung") != (r[4 + (c - 1) * 5 + i - 1] == "Không áp dụng")
          for c in (1, 2, 3) for i in range(1, 6))]
check(not na, "Không áp dụng exactly where the CSV says khong_ap_dung", na[:3])
check(ws.freeze_panes is not None and ws.freeze_panes.startswith("D2"), "header row and unit columns frozen", ws.freeze_panes)
check(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:"), "autofilter on the header", ws.auto_filter.ref)
check(ws.page_setup.paperSize in (9, "9") and ws.page_setup.orientation == "landscape", "A4 landscape print setup",
      (ws.page_setup.paperSize, ws.page_setup.orientation))
check(ws.print_title_rows == "$1:$1", "header repeated on every printed page", ws.print_title_rows)
check(ws["A1"].font.name == "Times New Roman" and ws["C2"].font.name == "Times New Roman", "Times New Roman")
fills = {}
for row in ws.iter_rows(min_row=2):
    fills.setdefault(row[-1].value, set()).add(row[-1].fill.fgColor.rgb)
check(all(len(v) == 1 for v in fills.values()) and len({next(iter(v)) for v in fills.values()}) == len(fills),
      "one distinct colour per result", fills)
widths = [ws.column_dimensions[c].width for c in ("B", "C", "D")]
check(all(w and w > 10 for w in widths), "sensible column widths", widths)

st = wb["Thống kê"]
tally = {}
for res in results:
    tally[res["ket_qua"]] = tally.get(res["ket_qua"], 0) + 1
stats = {r[0]: r[1] for r in st.iter_rows(min_row=2, max_row=6, values_only=True)}
check(all(stats.get(LABELS[k]) == v for k, v in tally.items()), "Thống kê counts units per result", (stats, tally))
check(stats.get("Tổng cộng") == len(results), "Thống kê total", stats.get("Tổng cộng"))
type_rows = [r for r in st.iter_rows(min_row=10, values_only=True) if r[0] and isinstance(r[-1], int)]
check(sum(r[-1] for r in type_rows) == len(results), "units per type add up to the total",
      [r[-1] for r in type_rows])
check(len(st._charts) == 1, "Thống kê has a chart")

er = wb["Lỗi dữ liệu"]
errs = [r for r in er.iter_rows(min_row=2, values_only=True)]
n_loi = tally.get("loi", 0)
check(len(errs) >= n_loi, "at least one data problem listed per unit in error", (len(errs), n_loi))
check(all(r[1] and isinstance(r[2], int) and r[3] and r[6] for r in errs if r[5] == "Lỗi"),
      "each data error names file, line, column and message", errs[:2])
codes_in_error = {res["ma_don_vi"] for res in results if res["ket_qua"] == "loi"}
check(codes_in_error <= {r[4] for r in errs}, "each unit in error appears in Lỗi dữ liệu", codes_in_error)

print("%d failed" % failed if failed else "# summary workbook ok")
sys.exit(1 if failed else 0)
