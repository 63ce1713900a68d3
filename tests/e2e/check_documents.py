#!/usr/bin/python3
"""check_documents.py - reads the printed documents of dvht (minutes,
report, evidence guide) back with openpyxl and checks them against the
official form (form_texts.py) and the expected results CSV. Prints TAP
lines; exits 1 when a check fails.

    check_documents.py minutes BOOK.xlsx SHEET RESULTS.csv CODE [options]
    check_documents.py report  BOOK.xlsx SHEET RESULTS.csv CODE [options]
    check_documents.py guide   BOOK.xlsx [options]
    options: --verbatim (every text of the form's table, no evidence given)
             --has TEXT (a cell is TEXT)   --contains TEXT (a cell contains TEXT)
             --lacks TEXT (no cell contains TEXT)

The counts are computed here from the per-indicator values of the CSV
(dat, khong_dat, muc_1, muc_2, khong_ap_dung), not read from dvht."""
import csv
import math
import sys

import openpyxl

from form_texts import (GUIDE_NOTE, GUIDE_TABLE, GUIDE_TITLE, MINUTES_LINES, MINUTES_STARTS,
                        MINUTES_TABLE, REPORT_LINES, REPORT_STARTS)

failed = 0
INDICATORS = ["tc%d_%d" % (c, i) for c in (1, 2, 3) for i in range(1, 6)]
RESULT = {"khong_dat": "Không đạt", "muc_1": "Đạt mức độ 1", "muc_2": "Đạt mức độ 2"}
VERDICT = {"dat": "Đạt", "khong_dat": "Không đạt", "muc_1": "Đạt mức độ 1", "muc_2": "Đạt mức độ 2",
           "khong_ap_dung": "Không áp dụng"}
MM = 25.4


def check(cond, what, detail=""):
    global failed
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failed += 1
        if detail != "":
            print("#   " + str(detail)[:600])


def norm(s):
    return "\n".join(line.rstrip() for line in str(s).split("\n")).strip()


def pct(n, d):
    """n/d as a percentage rounded half up to 0,1 (decimal comma)."""
    t = (n * 2000 + d) // (2 * d)
    return "%d,%d%%" % (t // 10, t % 10)


def expected(csv_path, code):
    for row in csv.DictReader(open(csv_path, encoding="utf-8")):
        if row["ma_don_vi"] == code:
            return row
    raise SystemExit("no unit %s in %s" % (code, csv_path))


def cell_texts(ws):
    return [(c.row, c.column, c.value) for row in ws.iter_rows() for c in row if c.value not in (None, "")]


def counts(row):
    vals = [row[i] for i in INDICATORS]
    app = [v for v in vals if v != "khong_ap_dung"]
    met = [v for v in app if v != "khong_dat"]
    crit_app = crit_met = 0
    per_crit = {}
    for c in (1, 2, 3):
        cv = [row["tc%d_%d" % (c, i)] for i in range(1, 6)]
        ca = [v for v in cv if v != "khong_ap_dung"]
        per_crit[c] = cv
        if ca:
            crit_app += 1
            if all(v != "khong_dat" for v in ca):
                crit_met += 1
    check(len(met) == int(row["chi_tieu_dat"]) and len(app) == int(row["chi_tieu_ap_dung"])
          and crit_met == int(row["tieu_chi_dat"]) and crit_app == int(row["tieu_chi_ap_dung"]),
          "counts recomputed from the indicator values agree with the CSV",
          (len(met), len(app), crit_met, crit_app))
    return len(met), len(app), crit_met, crit_app, per_crit


def page_setup(ws, what, repeat=True):
    ps, pm = ws.page_setup, ws.page_margins
    check(str(ps.paperSize) == "9", what + ": A4 paper", ps.paperSize)
    check(ps.orientation in (None, "portrait"), what + ": portrait", ps.orientation)
    check(20 <= pm.top * MM + 1e-6 and pm.top * MM <= 25 + 1e-6 and 20 <= pm.bottom * MM + 1e-6
          and pm.bottom * MM <= 25 + 1e-6, what + ": top and bottom margins 20-25 mm",
          (pm.top * MM, pm.bottom * MM))
    check(30 <= pm.left * MM + 1e-6 <= 35 + 2e-6, what + ": left margin 30-35 mm", pm.left * MM)
    check(15 <= pm.right * MM + 1e-6 <= 20 + 2e-6, what + ": right margin 15-20 mm", pm.right * MM)
    check(ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
          and ps.fitToWidth in (None, 1) and ps.fitToHeight == 0,
          what + ": fitted to the page width", (ps.fitToWidth, ps.fitToHeight))
    # firstPageNumber absent = 1 (the default of the file format)
    check(str(ps.firstPageNumber or 1) == "1" and ps.useFirstPageNumber in (True, "1", 1),
          what + ": pages numbered from 1 (each document of a workbook)", (ps.firstPageNumber, ps.useFirstPageNumber))
    if repeat:
        check(bool(ws.print_title_rows), what + ": table header repeated on every page", ws.print_title_rows)
    fonts = {(c.font.name, c.font.sz) for row in ws.iter_rows() for c in row if c.value not in (None, "")}
    bad = [f for f in fonts if f[0] != "Times New Roman" or not (13 <= float(f[1]) <= 14)]
    check(not bad, what + ": every text in Times New Roman 13-14 pt", bad)
    nowrap = [c.coordinate for row in ws.iter_rows() for c in row
              if isinstance(c.value, str) and not c.alignment.wrap_text]
    check(not nowrap, what + ": wrapped text", nowrap[:5])


def row_heights(ws, what):
    """Each text gets at least the height of its lines: counted here with an
    optimistic 0.42 em per character in the LibreOffice column width, so a
    row left at the default height or too low for its text is caught."""
    widths = {}
    for letter, dim in ws.column_dimensions.items():
        widths[openpyxl.utils.column_index_from_string(letter)] = dim.width or 8.43
    merged = {}
    for rng in ws.merged_cells.ranges:
        merged[(rng.min_row, rng.min_col)] = rng
    bad, high = [], []
    for r, c, v in cell_texts(ws):
        if not isinstance(v, str):
            continue
        rng = merged.get((r, c))
        c1, c2, r1, r2 = (rng.min_col, rng.max_col, rng.min_row, rng.max_row) if rng else (c, c, r, r)
        width_pt = sum(widths.get(k, 8.43) * 5.577 for k in range(c1, c2 + 1)) - 6
        size = float(ws.cell(r, c).font.sz or 11)
        per_line = max(1, int(width_pt / (0.42 * size)))
        lines = sum(max(1, math.ceil(len(p) / per_line)) for p in v.split("\n"))
        height = sum((ws.row_dimensions[k].height or 15) for k in range(r1, r2 + 1))
        if height < lines * size * 1.05:
            bad.append((ws.cell(r, c).coordinate, lines, height, v[:40]))
    for k, dim in ws.row_dimensions.items():
        if dim.height is not None and dim.height > 409:
            high.append((k, dim.height))
    check(not bad, what + ": row heights show every text whole", bad[:5])
    check(not high, what + ": no row higher than Excel allows (409 pt)", high[:5])


def page_breaks(ws, what):
    brk = [b.id for b in ws.row_breaks.brk]
    cut = []
    for rng in ws.merged_cells.ranges:
        for b in brk:  # a break below row b (1-based b)
            if rng.min_row <= b < rng.max_row:
                cut.append((str(rng), b))
    check(not cut, what + ": no merged cell cut by a page break", cut[:5])
    return brk


def texts_present(ws, lines, starts, what):
    values = [norm(v) for _, _, v in cell_texts(ws) if isinstance(v, str)]
    vs = set(values) | {norm(line) for v in values for line in v.split("\n")}
    missing = [t for t in lines if norm(t) not in vs]
    check(not missing, what + ": the form's fixed lines, verbatim", missing)
    missing = [t for t in starts if not any(v.startswith(t.rstrip()) for v in values)]
    check(not missing, what + ": the form's filled lines begin as the form's", missing)
    return values


def joined_texts(ws):
    """Cell texts, and the texts of up to 6 cells that follow each other down
    a column joined by line breaks: a long text flows over several rows (a
    page may break between them) and reads as one on paper."""
    by_col = {}
    for r, c, v in cell_texts(ws):
        if isinstance(v, str):
            by_col.setdefault(c, []).append((r, norm(v)))
    out = set()
    for cells in by_col.values():
        cells.sort()
        for i in range(len(cells)):
            text = cells[i][1]
            out.add(text)
            for j in range(i + 1, min(i + 6, len(cells))):
                if cells[j][0] != cells[j - 1][0] + 1:
                    break
                text = text + "\n" + cells[j][1]
                out.add(text)
    return out


def options(args, values):
    i = 0
    while i < len(args):
        opt, val = args[i], args[i + 1] if i + 1 < len(args) else None
        if opt == "--has":
            check(norm(val) in set(values), "a cell reads %r" % val)
            i += 2
        elif opt == "--contains":
            check(any(val in v for v in values), "a cell contains %r" % val)
            i += 2
        elif opt == "--lacks":
            check(not any(val in v for v in values), "no cell contains %r" % val)
            i += 2
        else:
            i += 1


def table_rows(ws):
    """The assessment table: { (criterion, indicator): [(content, verdict), ...] }."""
    cols = {}
    head = None
    for r, c, v in cell_texts(ws):
        if v == "TT" and head is None:
            head = r
    for r, c, v in cell_texts(ws):
        if r == head:
            cols[norm(v)] = c
    tt, content = cols["TT"], cols["Nội dung tiêu chí"]
    verdict = cols.get("Tự đánh giá, xếp loại (Đạt/Không đạt)")
    out, crit, ind = {}, None, None
    for r in range(head + 1, ws.max_row + 1):
        a = ws.cell(r, tt).value or ""
        if str(a).startswith("* Tự nhận xét") or str(ws.cell(r, 1).value or "").startswith("* Tự nhận xét"):
            break
        if str(a).startswith("Tiêu chí"):
            crit, ind = int(str(a).split()[-1]), None
            continue
        if str(a).startswith("Chỉ tiêu"):
            ind = (crit, int(str(a).split()[-1]))
            out[ind] = []
        b = ws.cell(r, content).value
        if ind and b:
            out[ind].append((norm(b), ws.cell(r, verdict).value if verdict else None))
    return head, out


def check_minutes(path, sheet, csv_path, code, args):
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    row = expected(csv_path, code)
    what = "biên bản %s" % code
    page_setup(ws, what)
    row_heights(ws, what)
    page_breaks(ws, what)
    values = texts_present(ws, MINUTES_LINES, MINUTES_STARTS, what)
    head, table = table_rows(ws)
    check(ws.print_title_rows and ws.print_title_rows.startswith("$%d:" % head),
          what + ": the repeated rows are the table header", (ws.print_title_rows, head))
    check(len(table) == 15, what + ": 15 indicators in the table", sorted(table))
    wrong = []
    for key in INDICATORS:
        c, i = int(key[2]), int(key[4])
        v, rows = row[key], table.get((c, i), [])
        verdicts = [x[1] for x in rows if x[1]]
        levels = [x for x in rows if x[0].startswith("- Mức độ")]
        if v == "khong_ap_dung":
            good = verdicts and verdicts[0] == "Không áp dụng" and all(x == "Không áp dụng" for x in verdicts)
        elif len(levels) == 2:
            good = (levels[0][1] == ("Đạt" if v in ("muc_1", "muc_2") else "Không đạt")
                    and levels[1][1] == ("Đạt" if v == "muc_2" else "Không đạt"))
        elif v == "dat":
            good = verdicts and verdicts[0] == "Đạt" and all(x in ("Đạt", "Không áp dụng") for x in verdicts)
        else:
            good = "Không đạt" in verdicts
        if not good:
            wrong.append((key, v, rows))
    check(not wrong, what + ": each row's Đạt/Không đạt/Không áp dụng as the expected results", wrong[:3])
    met, app, cmet, capp, _ = counts(row)
    line = "+ Số lượng các chỉ tiêu đạt %d/%d (%s); số lượng các tiêu chí đạt %d/%d (%s)" % (
        met, app, pct(met, app), cmet, capp, pct(cmet, capp))
    check(line in values, what + ": " + line, [v for v in values if v.startswith("+ Số lượng")])
    line = "+ Số lượng các chỉ tiêu không đạt %d/%d (%s); số lượng các tiêu chí không đạt %d/%d (%s)" % (
        app - met, app, pct(app - met, app), capp - cmet, capp, pct(capp - cmet, capp))
    check(line in values, what + ": " + line)
    na = 15 - app
    head_line = "- Kết quả tự đánh giá: " + ("(không tính %d chỉ tiêu không áp dụng đối với đơn vị)" % na if na else "")
    check(norm(head_line) in values, what + ": " + head_line)
    line = "- Mức tự đánh giá Đơn vị học tập năm 2025: " + RESULT[row["ket_qua"]]
    check(line in values, what + ": " + line)
    if "--verbatim" in args:
        vs = joined_texts(ws)
        cells = []
        for t in MINUTES_TABLE:
            if t.startswith("Minh chứng\n"):
                cells += t.split("\n", 1)
            else:
                cells.append(t)
        missing = [t for t in cells if norm(t) not in vs]
        check(not missing, what + ": every text of the form's table, verbatim (%d)" % len(cells), missing[:3])
    options(args, values)


def check_report(path, sheet, csv_path, code, args):
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    row = expected(csv_path, code)
    what = "báo cáo %s" % code
    page_setup(ws, what, repeat=False)
    row_heights(ws, what)
    values = texts_present(ws, REPORT_LINES, REPORT_STARTS, what)
    got = [v[len("4. Tự đánh giá: "):] for v in values if v.startswith("4. Tự đánh giá: ")]
    want = [VERDICT[row[k]] for k in INDICATORS]
    check(got == want, what + ": each indicator's self-assessment as the expected results", (got, want))
    met, app, cmet, capp, per_crit = counts(row)
    for c in (1, 2, 3):
        vals = [v for v in per_crit[c] if v != "khong_ap_dung"]
        n_not = sum(v == "khong_dat" for v in vals)
        m1 = sum(v == "muc_1" for v in vals)
        m2 = sum(v in ("muc_2", "dat") for v in vals)
        start = "Số lượng chỉ tiêu không đạt: %d; đạt mức độ 1: %d; đạt mức độ 2: %d (trên %d chỉ tiêu" % (
            n_not, m1, m2, len(vals))
        check(any(v.startswith(start) for v in values), what + ": Tiêu chí %d: %s…" % (c, start))
    line = "- Số lượng các chỉ tiêu đạt %d/%d (%s); số lượng các tiêu chí đạt %d/%d (%s)" % (
        met, app, pct(met, app), cmet, capp, pct(cmet, capp))
    check(line in values, what + ": " + line)
    line = "- Mức tự đánh giá Đơn vị học tập năm 2025: " + RESULT[row["ket_qua"]]
    check(line in values, what + ": " + line)
    options(args, values)


def check_guide(path, args):
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    what = "hướng dẫn minh chứng"
    page_setup(ws, what)
    row_heights(ws, what)
    page_breaks(ws, what)
    values = texts_present(ws, [GUIDE_TITLE, GUIDE_NOTE], [], what)
    vs = joined_texts(ws)
    missing = [t for t in GUIDE_TABLE if norm(t) not in vs]
    check(not missing, what + ": every text of the form's guide table, verbatim (%d)" % len(GUIDE_TABLE), missing[:3])
    codes = [v for v in values if v.startswith("TC")]
    want = [t for t in GUIDE_TABLE if t.startswith("TC")]
    check(codes == want, what + ": the codes, in the form's order", (codes, want))
    options(args, values)


def main(argv):
    kind = argv[1]
    if kind == "minutes":
        check_minutes(argv[2], argv[3], argv[4], argv[5], argv[6:])
    elif kind == "report":
        check_report(argv[2], argv[3], argv[4], argv[5], argv[6:])
    elif kind == "guide":
        check_guide(argv[2], argv[3:])
    else:
        raise SystemExit("unknown check " + kind)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
