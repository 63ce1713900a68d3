#!/usr/bin/env python3
"""The job of `dvht assess`, written the straightforward way in Python.

    python_job.py -o tong-hop.xlsx --csv ket-qua.csv FILE|FOLDER...

The yardstick of bench/run.sh: the csv module (openpyxl in read-only mode
for .xlsx inputs) reads the units and member rosters, member rows are
added up per unit, every unit is assessed with the rules of the bundled
plan (tests/reference/assess_ref.py, the independent Python reading of the
plan), and XlsxWriter (constant_memory) writes the same summary cells
(sheets "Tổng hợp", "Thống kê", "Lỗi dữ liệu") plus the results CSV.
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "reference"))
import assess_ref as ref  # noqa: E402
import xlsxwriter  # noqa: E402

MEMBER_FLAGS = ["tuan_thu_ky_luat", "hoan_thanh_boi_duong", "chuyen_doi_so", "ngoai_ngu",
                "lao_dong_tien_tien", "cong_dan_hoc_tap"]
MEMBER_HEADER = {ref.norm(k): k for k in ["ma_don_vi", "ho_ten", "chuc_vu", "nguoi_hoc"] + MEMBER_FLAGS}
MEMBER_HEADER.update({ref.norm(v): k for k, v in [
    ("ma_don_vi", "Mã đơn vị"), ("ho_ten", "Họ và tên"), ("chuc_vu", "Chức vụ"), ("nguoi_hoc", "Người học"),
    ("tuan_thu_ky_luat", "Tuân thủ kỷ luật, nội quy"),
    ("hoan_thanh_boi_duong", "Hoàn thành chương trình học tập, bồi dưỡng"),
    ("chuyen_doi_so", "Được đào tạo, tham gia chuyển đổi số"),
    ("ngoai_ngu", "Có chứng chỉ ngoại ngữ/tiếng dân tộc thiểu số"),
    ("lao_dong_tien_tien", "Đạt “Lao động tiên tiến” trở lên"),
    ("cong_dan_hoc_tap", "Đạt “Công dân học tập”")]})
RESULT_LABEL = {"khong_dat": "Không đạt", "muc_1": "Đạt mức độ 1", "muc_2": "Đạt mức độ 2",
                "loi": "Lỗi dữ liệu"}
VALUE_LABEL = {"dat": "Đạt", "khong_dat": "Không đạt", "muc_1": "Mức độ 1", "muc_2": "Mức độ 2",
               "khong_ap_dung": "Không áp dụng"}
PERCENT_OF = {"tc2_1": "tuan_thu_ky_luat", "tc2_2": "hoan_thanh_boi_duong", "tc2_3": "chuyen_doi_so",
              "tc2_4": "ngoai_ngu", "tc2_5": "lao_dong_tien_tien", "tc3_1": "cong_dan_hoc_tap"}


def files_of(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs.sort()
                for n in sorted(names):
                    if n.lower().endswith((".csv", ".xlsx")) and not n.startswith((".", "~$")):
                        yield os.path.join(root, n)
        else:
            yield p


def tables_of(path):
    """(name, rows) for each table of a file; rows are lists of cell texts."""
    if path.lower().endswith(".xlsx"):
        import openpyxl
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for ws in wb.worksheets:
            yield "%s [%s]" % (path, ws.title), (
                ["" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
                 for v in row] for row in ws.iter_rows(values_only=True))
        wb.close()
    else:
        with open(path, encoding="utf-8-sig", newline="") as f:
            text = f.read()
        first = text.split("\n", 1)[0]
        delim = ";" if first.count(";") > first.count(",") else ","
        yield path, csv.reader(text.splitlines(), delimiter=delim)


def settle(u, key, n):
    """The roster's number replaces a typed one, unless the typed cell is invalid (an error)."""
    try:
        ref.parse_count(u.get(key, ""))
    except ref.DataError:
        return
    u[key] = str(n)


def pct_floor(count, total):
    t = count * 1000 // total
    return "%d,%d%%" % (t // 10, t % 10)


def pct_round(count, total):
    t = (count * 2000 + total) // (2 * total)
    return "%d,%d%%" % (t // 10, t % 10)


def main(argv):
    out, out_csv, paths = "tong-hop.xlsx", None, []
    it = iter(argv)
    for a in it:
        if a == "-o":
            out = next(it)
        elif a == "--csv":
            out_csv = next(it)
        else:
            paths.append(a)
    units, members, problems = [], {}, []
    for path in files_of(paths):
        for name, rows in tables_of(path):
            rows = iter(rows)
            head = next(rows, None)
            if head is None:
                continue
            ukeys = [ref.HEADER_OF.get(ref.norm(h)) for h in head]
            mkeys = [MEMBER_HEADER.get(ref.norm(h)) for h in head]
            if "ho_ten" in mkeys:
                ci = mkeys.index("ma_don_vi")
                li = mkeys.index("nguoi_hoc") if "nguoi_hoc" in mkeys else None
                fi = [mkeys.index(k) if k in mkeys else None for k in MEMBER_FLAGS]
                for line, cells in enumerate(rows, 2):
                    if not any(c.strip() for c in cells):
                        continue
                    code = cells[ci].strip()
                    m = members.get(code)
                    if m is None:
                        m = members[code] = [0, 0, [0] * 6, 0]
                    learner = li is not None and li < len(cells) and ref.norm(cells[li]) in ref.YES
                    if learner:
                        m[1] += 1
                    else:
                        m[0] += 1
                    for k, i in enumerate(fi):
                        if i is not None and i < len(cells):
                            v = ref.norm(cells[i])
                            yes = v in ref.YES
                            if not yes and v not in ref.NO:
                                problems.append((name, line, MEMBER_FLAGS[k], code, "Cảnh báo",
                                                 '"%s" không phải giá trị có/không hợp lệ; coi như không' % cells[i]))
                            if yes and learner:
                                m[3] += 1
                            elif yes:
                                m[2][k] += 1
            elif "ma_don_vi" in ukeys and "loai_don_vi" in ukeys:
                for line, cells in enumerate(rows, 2):
                    if not any(c.strip() for c in cells):
                        continue
                    u = {}
                    for k, c in zip(ukeys, cells):
                        if k and k not in u:
                            u[k] = c
                    units.append((name, line, u))
    outcomes, seen = [], set()
    for name, line, u in units:
        code = u.get("ma_don_vi", "").strip()
        m = members.get(code)
        if m:
            if m[0]:
                settle(u, "tong_thanh_vien", m[0])
                for k, key in enumerate(MEMBER_FLAGS):
                    settle(u, key, m[2][k])
            if m[1]:
                settle(u, "tong_nguoi_hoc", m[1])
                settle(u, "nguoi_hoc_cdht", m[3])
        try:
            if code in seen:
                raise ref.DataError("mã đơn vị trùng %s" % code)
            seen.add(code)
            v = ref.assess(u)
        except ref.DataError as e:
            problems.append((name, line, "", code, "Lỗi", str(e)))
            outcomes.append((u, code, None, None))
            continue
        outcomes.append((u, code, v, ref.roll_up(v)))
    if out_csv:
        with open(out_csv + ".tmp", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(ref.HEADER)
            for u, code, v, r in outcomes:
                if v is None:
                    w.writerow([code, "loi"] + [""] * (len(ref.HEADER) - 2))
                else:
                    w.writerow([code, r[0]] + [v[i] for i in ref.IDS] + list(r[1:]))
        os.replace(out_csv + ".tmp", out_csv)
    write_summary(out, outcomes, problems)
    return 1 if any(o[2] is None for o in outcomes) else 0


def write_summary(path, outcomes, problems):
    wb = xlsxwriter.Workbook(path + ".tmp.xlsx", {"constant_memory": True})
    base = {"font_name": "Times New Roman", "font_size": 11, "border": 1, "valign": "vcenter"}
    fmt = {k: wb.add_format(dict(base, **extra)) for k, extra in {
        "head": {"bold": True, "bg_color": "#DDEBF7", "align": "center", "text_wrap": True},
        "text": {}, "center": {"align": "center"}, "na": {"align": "center", "font_color": "#7F7F7F", "italic": True},
        "fail": {"align": "center", "font_color": "#9C0006"}, "num": {"align": "right"},
        "pct": {"align": "right", "num_format": "0.0%"}, "wrap": {"text_wrap": True},
        "result": {"bold": True, "align": "center"}}.items()}
    ws = wb.add_worksheet("Tổng hợp")
    head = ["STT", "Mã đơn vị", "Tên đơn vị", "Loại đơn vị"] + [
        "TC%s.%s" % (i[2], i[4]) for i in ref.IDS] + ["Tiêu chí đạt", "Chỉ tiêu đạt", "Kết quả"]
    for c, h in enumerate(head):
        ws.write_string(0, c, h, fmt["head"])
    for row, (u, code, v, r) in enumerate(outcomes, 1):
        ws.write_number(row, 0, row, fmt["center"])
        ws.write_string(row, 1, code, fmt["text"])
        ws.write_string(row, 2, u.get("ten_don_vi", "").strip(), fmt["text"])
        t = ref.TYPE_OF.get(ref.norm(u.get("loai_don_vi", "")))
        ws.write_string(row, 3, ref.TYPES[t] if t else "", fmt["text"])
        if v is None:
            ws.write_string(row, 4 + len(ref.IDS) + 2, RESULT_LABEL["loi"], fmt["result"])
            continue
        for c, i in enumerate(ref.IDS, 4):
            text = VALUE_LABEL[v[i]]
            if v[i] != "khong_ap_dung" and i in PERCENT_OF:
                total = int(float(u.get("tong_thanh_vien") or 0))
                count = int(float(u.get(PERCENT_OF[i]) or 0))
                pcts = [pct_floor(count, total)]
                if i == "tc3_1" and t in ref.EDUCATION:
                    pcts.append(pct_floor(int(float(u.get("nguoi_hoc_cdht") or 0)),
                                          int(float(u.get("tong_nguoi_hoc") or 0))))
                text += " (%s)" % "; ".join(pcts)
            style = "na" if v[i] == "khong_ap_dung" else ("fail" if v[i] == "khong_dat" else "center")
            ws.write_string(row, c, text, fmt[style])
        res, met, app, cmet, capp = r
        c = 4 + len(ref.IDS)
        ws.write_string(row, c, "%d/%d" % (cmet, capp), fmt["center"])
        ws.write_string(row, c + 1, "%d/%d (%s)" % (met, app, pct_round(met, app)), fmt["center"])
        ws.write_string(row, c + 2, RESULT_LABEL[res], fmt["result"])
    ws.freeze_panes(1, 3)
    ws.autofilter(0, 0, max(len(outcomes), 1), len(head) - 1)
    st = wb.add_worksheet("Thống kê")
    tally = {}
    for _, _, v, r in outcomes:
        key = "loi" if v is None else r[0]
        tally[key] = tally.get(key, 0) + 1
    st.write_string(0, 0, "Kết quả", fmt["head"])
    st.write_string(0, 1, "Số đơn vị", fmt["head"])
    for i, key in enumerate(["khong_dat", "muc_1", "muc_2", "loi"], 1):
        st.write_string(i, 0, RESULT_LABEL[key], fmt["text"])
        st.write_number(i, 1, tally.get(key, 0), fmt["num"])
        st.write_number(i, 2, tally.get(key, 0) / max(len(outcomes), 1), fmt["pct"])
    pr = wb.add_worksheet("Lỗi dữ liệu")
    for c, h in enumerate(["STT", "Tệp", "Dòng", "Cột", "Mã đơn vị", "Mức độ", "Nội dung"]):
        pr.write_string(0, c, h, fmt["head"])
    for i, (name, line, col, code, sev, msg) in enumerate(problems, 1):
        pr.write_number(i, 0, i, fmt["center"])
        pr.write_string(i, 1, name, fmt["text"])
        pr.write_number(i, 2, line, fmt["center"])
        pr.write_string(i, 3, col, fmt["text"])
        pr.write_string(i, 4, code, fmt["text"])
        pr.write_string(i, 5, sev, fmt["center"])
        pr.write_string(i, 6, msg, fmt["wrap"])
    wb.close()
    os.replace(path + ".tmp.xlsx", path)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
