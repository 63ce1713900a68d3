#!/usr/bin/env python3
"""Independent checks for tests/e2e/test_diff_and_scripts.sh.

Each subcommand reads files that dvht wrote (and the inputs), recomputes the
expected answer with a few lines of Python, and prints TAP lines
("ok - ..." / "not ok - ...", details as "# ..." lines).

  diff NAME A.csv B.csv DIFF.csv STDOUT [DIFF.xlsx]
      A.csv, B.csv: `dvht assess --csv` under each plan; DIFF.csv, STDOUT,
      DIFF.xlsx: what `dvht diff` wrote and printed.
  wards NAME ROLLUP.csv WARD=ASSESS.csv...
  years NAME THIS.csv LAST.csv SCRIPT.csv STDOUT
  needs NAME INPUT.csv RESULTS.csv SCRIPT.csv THRESHOLDS [MAX]
      THRESHOLDS: "tc2_1=90/95,tc2_4=52.5/70,..." (percent indicators over
      tong_thanh_vien whose rows must all be listed)
  doc DOC.md OUTDIR   writes the doc's examples into OUTDIR (see the test)
"""
import csv
import io
import os
import re
import sys
from fractions import Fraction

RANK = {"khong_dat": 1, "muc_1": 2, "muc_2": 3}
LABEL = {"khong_dat": "Không đạt", "muc_1": "Đạt mức độ 1", "muc_2": "Đạt mức độ 2", "loi": "Lỗi dữ liệu"}
COLUMN = {"tc2_1": "tuan_thu_ky_luat", "tc2_2": "hoan_thanh_boi_duong", "tc2_3": "chuyen_doi_so",
          "tc2_4": "ngoai_ngu", "tc2_5": "lao_dong_tien_tien"}

failed = 0


def ok(cond, msg, details=()):
    global failed
    if cond:
        print("ok - " + msg)
    else:
        failed += 1
        print("not ok - " + msg)
        for d in list(details)[:12]:
            print("# " + str(d))


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    delim = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    return list(csv.DictReader(io.StringIO(text), delimiter=delim))


def direction(a, b):
    if a == b:
        return "giu_nguyen"
    if a in RANK and b in RANK:
        return "tang" if RANK[b] > RANK[a] else "giam"
    return "khong_so_sanh"


def cmd_diff(name, a_csv, b_csv, diff_csv, stdout_path, xlsx=None):
    ra, rb = read_csv(a_csv), read_csv(b_csv)
    ok(len(ra) == len(rb), f"{name}: both assessments have the same units ({len(ra)})")
    inds = [k for k in ra[0].keys() if re.match(r"^tc\d+_\d+$", k)]
    want, counts, matrix, per_ind = [], {"giu_nguyen": 0, "tang": 0, "giam": 0, "khong_so_sanh": 0}, {}, {}
    for x, y in zip(ra, rb):
        d = direction(x["ket_qua"], y["ket_qua"])
        changed = []
        if x["ket_qua"] != "loi" and y["ket_qua"] != "loi":
            for i in inds:
                if x[i] != y[i]:
                    changed.append(f"{i}:{x[i]}>{y[i]}")
                    per_ind[i] = per_ind.get(i, 0) + 1
        want.append([x["ma_don_vi"], x["ket_qua"], y["ket_qua"], d, ";".join(changed)])
        counts[d] += 1
        key = (x["ket_qua"], y["ket_qua"])
        matrix[key] = matrix.get(key, 0) + 1
    with open(diff_csv, encoding="utf-8", newline="") as f:
        got_rows = list(csv.reader(f))
    ok(got_rows[0] == ["ma_don_vi", "ket_qua_a", "ket_qua_b", "huong", "chi_tieu_thay_doi"],
       f"{name}: diff CSV header", [got_rows[0]])
    got = got_rows[1:]
    bad = [f"{w} != {g}" for w, g in zip(want, got) if w != g]
    ok(len(got) == len(want) and not bad,
       f"{name}: diff CSV = independent count, unit by unit ({len(want)} units)",
       bad or [f"{len(got)} rows, want {len(want)}"])
    print(f"# {name}: {len(want)} units, unchanged {counts['giu_nguyen']}, rose {counts['tang']}, "
          f"fell {counts['giam']}, not comparable {counts['khong_so_sanh']}; "
          f"indicators changed: {', '.join(f'{k} {v}' for k, v in sorted(per_ind.items())) or 'none'}")

    out = open(stdout_path, encoding="utf-8").read()

    def number(label):
        m = re.search(r"^\s*" + re.escape(label) + r":\s+(\d+)\s*$", out, re.M)
        return int(m.group(1)) if m else None
    shown = {"Số đơn vị so sánh": len(want), "Giữ nguyên": counts["giu_nguyen"], "Tăng": counts["tang"],
             "Giảm": counts["giam"], "Không so sánh được": counts["khong_so_sanh"]}
    bad = [f"{k}: printed {number(k)}, want {v}" for k, v in shown.items() if number(k) != v]
    ok(not bad, f"{name}: terminal counts = independent count", bad)

    # transition matrix: rows "Label  n n n ..." after the header line
    lines = out.split("\n")
    try:
        start = next(i for i, l in enumerate(lines) if l.startswith("Chuyển kết quả"))
    except StopIteration:
        start = None
    bad = []
    if start is None:
        bad.append("no matrix printed")
    else:
        head = lines[start + 1]
        cols = [k for k in ["khong_dat", "muc_1", "muc_2", "loi"] if LABEL[k] in head]
        for line in lines[start + 2:]:
            if not line.strip():
                break
            row = next((k for k in cols if line.strip().startswith(LABEL[k])), None)
            nums = [int(n) for n in line.strip()[len(LABEL[row]):].split()] if row else []
            for k, n in zip(cols, nums):
                if matrix.get((row, k), 0) != n:
                    bad.append(f"{row} -> {k}: printed {n}, want {matrix.get((row, k), 0)}")
        total = sum(matrix.values())
        if sum(v for (p, q), v in matrix.items() if p in cols and q in cols) != total:
            bad.append("matrix does not show every result")
    ok(not bad, f"{name}: transition matrix = independent count", bad)

    bad = []
    for i, n in per_ind.items():
        label = "TC%s.%s" % tuple(i[2:].split("_"))
        m = re.search(r"^\s*" + re.escape(label) + r": (\d+) đơn vị", out, re.M)
        if not m or int(m.group(1)) != n:
            bad.append(f"{label}: printed {m.group(1) if m else None}, want {n}")
    ok(not bad, f"{name}: units per changed indicator = independent count", bad)

    if xlsx:
        try:
            import openpyxl
        except ImportError:
            print(f"ok - {name}: workbook # SKIP openpyxl not installed")
            return
        wb = openpyxl.load_workbook(xlsx, read_only=True)
        ok(wb.sheetnames == ["Tổng hợp thay đổi", "Đơn vị thay đổi"], f"{name}: workbook sheets", [wb.sheetnames])
        ws = wb["Đơn vị thay đổi"]
        codes = [r[1] for r in ws.iter_rows(min_row=2, values_only=True) if r and isinstance(r[0], int)]
        want_codes = [w[0] for w in want if w[3] != "giu_nguyen"]
        ok(codes == want_codes, f"{name}: workbook lists every changed unit ({len(want_codes)})",
           [f"got {codes[:8]}", f"want {want_codes[:8]}"])


def cmd_wards(name, rollup, *pairs):
    rows = {r["phuong"]: r for r in read_csv(rollup)}
    bad = []
    for p in pairs:
        ward, path = p.split("=", 1)
        res = read_csv(path)
        want = {"so_don_vi": len(res)}
        for k in ["khong_dat", "muc_1", "muc_2", "loi"]:
            want[k] = sum(1 for r in res if r["ket_qua"] == k)
        got = rows.get(ward)
        if not got:
            bad.append(f"{ward}: missing from the roll-up")
            continue
        for k, v in want.items():
            if int(got[k]) != v:
                bad.append(f"{ward} {k}: {got[k]}, want {v}")
    ok(not bad and len(rows) == len(pairs), f"{name}: roll-up counts = per-ward assessments ({len(pairs)} wards)",
       bad or [f"{len(rows)} wards in the roll-up, want {len(pairs)}"])


def cmd_years(name, this_csv, last_csv, script_csv, stdout_path):
    def first(rows):
        d, order = {}, []
        for r in rows:
            c = r["ma_don_vi"]
            if c and c not in d:
                d[c] = r["ket_qua"]
                order.append(c)
        return d, order
    now, now_order = first(read_csv(this_csv))
    last, last_order = first(read_csv(last_csv))
    want = []
    for c in now_order:
        b, a = last.get(c), now[c]
        if b is None:
            ch = "moi"
        elif a in RANK and b in RANK:
            ch = "tang" if RANK[a] > RANK[b] else "giam" if RANK[a] < RANK[b] else "giu_nguyen"
        else:
            ch = "khong_so_sanh"
        want.append([c, b or "", a, ch])
    for c in last_order:
        if c not in now:
            want.append([c, last[c], "", "khong_con"])
    got = [[r["ma_don_vi"], r["ket_qua_nam_truoc"], r["ket_qua_nam_nay"], r["thay_doi"]] for r in read_csv(script_csv)]
    bad = [f"{w} != {g}" for w, g in zip(want, got) if w != g]
    ok(len(got) == len(want) and not bad, f"{name}: every unit as the independent comparison ({len(want)} units)",
       bad or [f"{len(got)} rows, want {len(want)}"])
    counts = {}
    for w in want:
        counts[w[3]] = counts.get(w[3], 0) + 1
    print("# %s: %s" % (name, ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))))
    out = open(stdout_path, encoding="utf-8").read()
    labels = {"tang": "Tăng", "giam": "Giảm", "giu_nguyen": "Giữ nguyên", "moi": "Mới (chỉ có năm nay)",
              "khong_con": "Không còn (chỉ có năm trước)", "khong_so_sanh": "Không so sánh được (lỗi dữ liệu)"}
    bad = []
    for k, label in labels.items():
        m = re.search(r"^  " + re.escape(label) + r": (\d+)$", out, re.M)
        if not m or int(m.group(1)) != counts.get(k, 0):
            bad.append(f"{label}: printed {m.group(1) if m else None}, want {counts.get(k, 0)}")
    ok(not bad, f"{name}: printed counts", bad)


def parse_count(s):
    s = (s or "").strip()
    return int(float(s)) if s else None


def cmd_needs(name, input_csv, results_csv, script_csv, thresholds, max_need=None):
    th = {}
    for item in thresholds.split(","):
        k, v = item.split("=")
        th[k] = [Fraction(x) for x in v.split("/")]
    units = {}
    for r in read_csv(input_csv):
        units.setdefault(r["ma_don_vi"], r)  # the first row of a code is the one assessed
    results = read_csv(results_csv)
    got = read_csv(script_csv)
    # 1. every listed number is the least k, exactly
    bad = []
    for g in got:
        count, total, t, k = int(g["so_hien_co"]), int(g["tong"]), Fraction(g["nguong"]), int(g["can_them"])
        if not (0 <= k and count + k <= total and (count + k) * 100 >= t * total
                and (k == 0 or (count + k - 1) * 100 < t * total)):
            bad.append(f"{g['ma_don_vi']} {g['chi_tieu']}: k={k} for {count}/{total} at {t}%")
        if k == 0:
            bad.append(f"{g['ma_don_vi']} {g['chi_tieu']}: listed with nothing needed")
        if max_need is not None and k > int(max_need):
            bad.append(f"{g['ma_don_vi']} {g['chi_tieu']}: {k} > --toi-da {max_need}")
    ok(got and not bad, f"{name}: every 'cần thêm' is the least whole number reaching the threshold ({len(got)} rows)",
       bad or ["no rows"])
    # 2. the percentage indicators over members: exactly the expected rows
    want = set()
    for r in results:
        res = r["ket_qua"]
        if res not in ("khong_dat", "muc_1"):
            continue
        target = 1 if res == "khong_dat" else 2
        u = units[r["ma_don_vi"]]
        total = parse_count(u["tong_thanh_vien"])
        rows = []
        for ind, (t1, t2) in th.items():
            v = r[ind]
            if v == "khong_ap_dung":
                continue
            level = {"khong_dat": 0, "muc_1": 1, "muc_2": 2}[v]
            if level >= target:
                continue
            t = t1 if target == 1 else t2
            count = parse_count(u[COLUMN[ind]]) or 0
            k = max(0, -((-t * total) // 100) - count)
            rows.append((r["ma_don_vi"], ind, count, total, int(k)))
        if rows and (max_need is None or max(x[4] for x in rows) <= int(max_need)):
            want.update(rows)
    have = set()
    for g in got:
        if g["chi_tieu"] in th:
            have.add((g["ma_don_vi"], g["chi_tieu"], int(g["so_hien_co"]), int(g["tong"]), int(g["can_them"])))
    # with --toi-da a unit may also be left out for an indicator not checked here
    if max_need is not None:
        listed = {g["ma_don_vi"] for g in got}
        want = {w for w in want if w[0] in listed}
    missing, extra = sorted(want - have), sorted(have - want)
    ok(not missing and not extra, f"{name}: rows of {', '.join(sorted(th))} = independent computation ({len(want)} rows)",
       [f"missing {m}" for m in missing] + [f"extra {e}" for e in extra])


FENCE = re.compile(r"^```(\w*)\s*$")


def cmd_doc(doc, outdir):
    """Splits the guide into runnable steps, in document order:
    lua  N FILE    a ```lua block saved as FILE (its first line names it:
                   `-- ten-tep.lua ...`), run alone unless a later command runs it
    sh   N LINE    a `dvht ...` line of a ```sh block (expected exit after "# mã thoát: N")
    out  N FILE    a ```text block after the line "Kết quả in ra:": the output of the
                   step before it
    Written as OUTDIR/steps.tsv plus the block files."""
    lines = open(doc, encoding="utf-8").read().split("\n")
    steps, i, n = [], 0, 0
    prev_text = ""
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            if lines[i].strip():
                prev_text = lines[i].strip()
            i += 1
            continue
        lang, body = m.group(1), []
        i += 1
        while i < len(lines) and not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        i += 1
        n += 1
        if lang == "lua":
            first = body[0] if body else ""
            mm = re.match(r"^--\s*([\w.-]+\.lua)\b", first)
            fname = mm.group(1) if mm else f"vi-du-{n}.lua"
            open(os.path.join(outdir, fname), "w", encoding="utf-8").write("\n".join(body) + "\n")
            steps.append(("lua", n, fname))
        elif lang == "sh":
            for line in body:
                if line.startswith("dvht "):
                    steps.append(("sh", n, line))
        elif lang == "text" and prev_text == "Kết quả in ra:":
            fname = f"out-{n}.txt"
            open(os.path.join(outdir, fname), "w", encoding="utf-8").write("\n".join(body) + "\n")
            steps.append(("out", n, fname))
        prev_text = ""
    run_by_sh = {s[2].split()[2] for s in steps if s[0] == "sh" and s[2].startswith("dvht run ")}
    with open(os.path.join(outdir, "steps.tsv"), "w", encoding="utf-8") as f:
        for kind, n, what in steps:
            if kind == "lua" and what in run_by_sh:
                kind = "lua-file"
            f.write(f"{kind}\t{n}\t{what}\n")


def main(argv):
    cmd = argv[1]
    {"diff": cmd_diff, "wards": cmd_wards, "years": cmd_years, "needs": cmd_needs, "doc": cmd_doc}[cmd](*argv[2:])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
