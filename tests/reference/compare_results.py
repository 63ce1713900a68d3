#!/usr/bin/env python3
"""Compares a results CSV (dvht assess --csv) with the reference one.

    compare_results.py GOT.csv WANT.csv [--show N]

Units are matched by ma_don_vi and, for a repeated code, by occurrence. For
every unit the columns ket_qua, tc1_1 … tc3_5, chi_tieu_dat, chi_tieu_ap_dung,
tieu_chi_dat and tieu_chi_ap_dung are compared; for a "loi" unit only ket_qua.
The header must begin with the columns of DATA.md in their order.
Differences are printed as TAP comment lines ("# ..."), at most N units
(default 5). Exit status 0 when equal, 1 when not, 2 when a file is unusable.
"""
import csv
import io
import sys

IDS = ["tc%d_%d" % (c, i) for c in (1, 2, 3) for i in range(1, 6)]
COMPARED = ["ket_qua"] + IDS + ["chi_tieu_dat", "chi_tieu_ap_dung", "tieu_chi_dat",
                                "tieu_chi_ap_dung"]
HEADER = ["ma_don_vi"] + COMPARED


def load(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    delim = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    if not rows:
        raise ValueError("%s: tệp rỗng" % path)
    header = [h.strip() for h in rows[0]]
    missing = [c for c in HEADER if c not in header]
    if missing:
        raise ValueError("%s: thiếu cột %s" % (path, ", ".join(missing)))
    idx = {c: header.index(c) for c in HEADER}
    units, seen = {}, {}
    order = []
    for r in rows[1:]:
        if not any(c.strip() for c in r):
            continue
        r = r + [""] * (len(header) - len(r))
        code = r[idx["ma_don_vi"]].strip()
        seen[code] = seen.get(code, 0) + 1
        key = (code, seen[code])
        units[key] = {c: r[idx[c]].strip() for c in COMPARED}
        order.append(key)
    return header, order, units


def main(argv):
    show = 5
    if "--show" in argv:
        i = argv.index("--show")
        show = int(argv[i + 1])
        del argv[i:i + 2]
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        got_header, got_order, got = load(argv[0])
        _, want_order, want = load(argv[1])
    except (OSError, UnicodeDecodeError, ValueError) as e:
        print("# %s" % e)
        return 2
    bad = []
    if got_header[:len(HEADER)] != HEADER:
        bad.append("header differs from DATA.md: %s" % ",".join(got_header))
    for key in want_order:
        w, g = want[key], got.get(key)
        label = key[0] if key[1] == 1 else "%s (lần %d)" % key
        if g is None:
            bad.append("%s: missing from dvht output" % label)
            continue
        cols = ["ket_qua"] if w["ket_qua"] == "loi" else COMPARED
        diffs = ["%s got %r want %r" % (c, g[c], w[c]) for c in cols if g[c] != w[c]]
        if diffs:
            bad.append("%s: %s" % (label, "; ".join(diffs)))
    extra = [k for k in got_order if k not in want]
    for key in extra:
        bad.append("%s: not in the reference output" % key[0])
    for line in bad[:show]:
        print("# " + line)
    if len(bad) > show:
        print("# ... and %d more differing units" % (len(bad) - show))
    print("# %d units compared, %d differ" % (len(want_order), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
