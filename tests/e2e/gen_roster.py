#!/usr/bin/env python3
"""Turns a "Đơn vị" CSV with typed counts into the same units given by a
member roster ("Thành viên"), for checks that both give the same results.

    gen_roster.py --units don-vi.csv --out-units don-vi-ds.csv --out-members thanh-vien.csv
                  [--seed S] [--max-members N] [--keep-typed P] [--labels] [--shuffle]

For each unit whose typed totals and counts are valid (whole numbers, counts
not above their totals, first row of its code), the unit's staff and
learners become member rows whose yes/no answers add up exactly to the typed
counts; its count cells are then emptied in --out-units (or, with
probability --keep-typed, left as they are: they agree with the roster).
Other units (invalid counts, repeated codes, units past --max-members) keep
their typed counts and get no member rows, so dvht must give every unit the
same result from either file set. Deterministic for a given --seed.
"""
import argparse
import csv
import os
import random
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
from assess_ref import COLUMNS  # noqa: E402

STAFF_COUNTS = ["tuan_thu_ky_luat", "hoan_thanh_boi_duong", "chuyen_doi_so", "ngoai_ngu",
                "lao_dong_tien_tien", "cong_dan_hoc_tap"]
MEMBER_COLUMNS = [
    ("ma_don_vi", "Mã đơn vị"), ("ho_ten", "Họ và tên"), ("chuc_vu", "Chức vụ"),
    ("nguoi_hoc", "Người học"),
    ("tuan_thu_ky_luat", "Tuân thủ kỷ luật, nội quy"),
    ("hoan_thanh_boi_duong", "Hoàn thành chương trình học tập, bồi dưỡng"),
    ("chuyen_doi_so", "Được đào tạo, tham gia chuyển đổi số"),
    ("ngoai_ngu", "Có chứng chỉ ngoại ngữ/tiếng dân tộc thiểu số"),
    ("lao_dong_tien_tien", "Đạt “Lao động tiên tiến” trở lên"),
    ("cong_dan_hoc_tap", "Đạt “Công dân học tập”"),
]
YES = ["có", "Có", "x", "X", "1", "đạt", "TRUE", "yes"]
NO = ["", "", "", "không", "Không", "0", "no", "FALSE"]
STAFF_ROLE = ["", "", "không", "0", "Không"]
LEARNER_ROLE = ["có", "Có", "x", "1"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hữu", "Ngọc", "Thanh"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hằng", "Hương", "Lan", "Long", "Mai",
         "Nam", "Phương", "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Việt", "Yến"]
ROLES = ["Giáo viên", "Nhân viên", "Chuyên viên", "Trưởng phòng", "Phó trưởng phòng", "Kế toán", ""]


def norm(s):
    return unicodedata.normalize("NFC", s).strip().lower()


HEADER_OF = {}
for key, label in COLUMNS:
    HEADER_OF[norm(key)] = key
    HEADER_OF[norm(label)] = key


def whole(s, empty_ok):
    """The count a cell holds as dvht reads it, or None when invalid."""
    s = s.strip()
    if s == "":
        return 0 if empty_ok else None
    head, dot, frac = s.partition(".")
    if not head.isdigit() or (dot and frac.strip("0") != ""):
        return None
    if not head.isascii():
        return None
    return int(head)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--units", required=True)
    p.add_argument("--out-units", required=True)
    p.add_argument("--out-members", required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--max-members", type=int, default=0)
    p.add_argument("--keep-typed", type=float, default=0.2)
    p.add_argument("--labels", action="store_true")
    p.add_argument("--shuffle", action="store_true", help="mix the members of all units")
    a = p.parse_args()
    r = random.Random(a.seed)

    with open(a.units, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    first = text.split("\n", 1)[0]
    delim = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(text.splitlines(keepends=True), delimiter=delim))
    header = rows[0]
    index = {}
    for i, h in enumerate(header):
        k = HEADER_OF.get(norm(h))
        if k and k not in index:
            index[k] = i

    def cell(row, key):
        i = index.get(key)
        return row[i] if i is not None and i < len(row) else ""

    seen = set()
    members = []
    total_members = 0
    out_rows = [header]
    for row in rows[1:]:
        row = list(row)
        code = cell(row, "ma_don_vi").strip()
        if not any(c.strip() for c in row) or code == "" or code in seen:
            seen.add(code)
            out_rows.append(row)
            continue
        seen.add(code)
        staff = whole(cell(row, "tong_thanh_vien"), False)
        counts = [whole(cell(row, k), True) for k in STAFF_COUNTS]
        learners = whole(cell(row, "tong_nguoi_hoc"), True)
        cdht = whole(cell(row, "nguoi_hoc_cdht"), True)
        ok = (staff is not None and staff >= 1 and None not in counts and all(c <= staff for c in counts)
              and learners is not None and cdht is not None and cdht <= learners)
        if not ok or (a.max_members and total_members + staff + learners > a.max_members):
            out_rows.append(row)
            continue
        total_members += staff + learners
        offsets = [r.randrange(staff) for _ in STAFF_COUNTS]
        unit_members = []
        for i in range(staff):
            flags = [r.choice(YES) if (i + offsets[k]) % staff < counts[k] else r.choice(NO)
                     for k in range(len(STAFF_COUNTS))]
            unit_members.append([code, name(r), r.choice(ROLES), r.choice(STAFF_ROLE)] + flags)
        off = r.randrange(learners) if learners else 0
        for i in range(learners):
            # learners only count in cong_dan_hoc_tap (towards nguoi_hoc_cdht); other
            # answers of a learner must not change any count
            flags = [r.choice(YES + NO) for _ in STAFF_COUNTS[:-1]]
            flags.append(r.choice(YES) if (i + off) % learners < cdht else r.choice(NO))
            unit_members.append([code, name(r), "Học sinh", r.choice(LEARNER_ROLE)] + flags)
        r.shuffle(unit_members)
        members.extend(unit_members)
        if r.random() >= a.keep_typed:
            for k in ["tong_thanh_vien"] + STAFF_COUNTS + ["tong_nguoi_hoc", "nguoi_hoc_cdht"]:
                i = index.get(k)
                if i is not None and i < len(row):
                    row[i] = ""
        out_rows.append(row)
    if a.shuffle:
        r.shuffle(members)
    with open(a.out_units, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=delim, lineterminator="\n").writerows(out_rows)
    with open(a.out_members, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([lab if a.labels else key for key, lab in MEMBER_COLUMNS])
        w.writerows(members)
    print(total_members)


def name(r):
    return "%s %s %s" % (r.choice(SURNAMES), r.choice(MIDDLE), r.choice(GIVEN))


if __name__ == "__main__":
    main()
