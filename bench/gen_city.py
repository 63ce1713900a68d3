#!/usr/bin/env python3
"""Deterministic city-scale input set for the benchmark (bundled plan hanoi-2025).

    gen_city.py --out DIR [--per-type 10000] [--members 1000000]
                [--districts 30] [--seed 2025] [--format csv|xlsx|both]

Writes, for each district d (a contiguous share of the units):
    DIR/csv/quan-DD/don-vi.csv       units table ("Đơn vị"), one row per unit
    DIR/csv/quan-DD/thanh-vien.csv   member roster ("Thành viên")
    DIR/xlsx/quan-DD.xlsx            the same two tables as two sheets
                                     (XlsxWriter, constant_memory)

--per-type units of every unit type of the plan (8 types), --members roster
rows in all, given to about 60 % of the units (education units also list
learners). Roster units leave their counts empty (the roster gives them);
a few type them, a few of those disagree (a warning). About 1 % of the
units carry one data error. Half of the districts use Vietnamese labels as
headers, half the keys. The same arguments always give the same bytes.
"""
import argparse
import csv
import os
import random
import sys

TYPES = {
    "co_quan_nha_nuoc": "Cơ quan nhà nước",
    "su_nghiep_cong_lap": "Đơn vị sự nghiệp công lập",
    "mam_non_cong_lap": "Nhà trẻ, trường mẫu giáo, trường mầm non công lập",
    "pho_thong": "Cơ sở giáo dục phổ thông",
    "dai_hoc": "Cơ sở giáo dục đại học",
    "giao_duc_nghe_nghiep": "Cơ sở giáo dục nghề nghiệp",
    "to_chuc_kinh_te": "Tổ chức kinh tế",
    "khac": "Khác",
}
EDUCATION = ("pho_thong", "dai_hoc", "giao_duc_nghe_nghiep")
UNIT_COLUMNS = [
    ("ma_don_vi", "Mã đơn vị"),
    ("ten_don_vi", "Tên đơn vị"),
    ("loai_don_vi", "Loại đơn vị"),
    ("cong_lap", "Công lập"),
    ("cap_quan_ly", "Cấp quản lý"),
    ("tong_thanh_vien", "Tổng số thành viên"),
    ("tuan_thu_ky_luat", "Số thành viên tuân thủ kỷ luật, nội quy"),
    ("hoan_thanh_boi_duong", "Số thành viên hoàn thành chương trình học tập, bồi dưỡng"),
    ("chuyen_doi_so", "Số thành viên được đào tạo, tham gia chuyển đổi số"),
    ("ngoai_ngu", "Số thành viên có chứng chỉ ngoại ngữ/tiếng dân tộc thiểu số"),
    ("lao_dong_tien_tien", 'Số thành viên đạt "Lao động tiên tiến" trở lên'),
    ("cong_dan_hoc_tap", 'Số thành viên đạt "Công dân học tập"'),
    ("tong_nguoi_hoc", "Tổng số người học"),
    ("nguoi_hoc_cdht", 'Số người học đạt "Công dân học tập"'),
    ("ke_hoach_hoc_tap", "Có kế hoạch học tập hằng năm"),
    ("che_do_dao_tao", "Thực hiện chế độ đào tạo, có quy định khuyến khích"),
    ("ho_tro_mam_non_tu_thuc", "Tập huấn, hỗ trợ giáo viên mầm non dân lập, tư thục"),
    ("kinh_phi_dao_tao", "Bố trí đủ kinh phí đào tạo, bồi dưỡng"),
    ("trang_bi_chuyen_doi_so", "Triển khai chuyển đổi số, trang bị thiết bị"),
    ("hoc_tap_suot_doi", "Tham gia hoạt động học tập suốt đời"),
    ("chia_se_tri_thuc", "Tạo lập môi trường học tập, chia sẻ tri thức"),
    ("xac_nhan_mam_non_tu_thuc", "Có xác nhận của cơ sở mầm non dân lập, tư thục"),
    ("tap_the_ldtt", 'Đạt "Tập thể lao động tiên tiến" trở lên'),
    ("muc_chuyen_doi_so", "Mức độ chuyển đổi số (QĐ 4725)"),
    ("kiem_dinh_gdnn", "Đạt kiểm định chất lượng GDNN"),
    ("ghi_chu", "Ghi chú"),
]
MEMBER_COLUMNS = [
    ("ma_don_vi", "Mã đơn vị"),
    ("ho_ten", "Họ và tên"),
    ("chuc_vu", "Chức vụ"),
    ("nguoi_hoc", "Người học"),
    ("tuan_thu_ky_luat", "Tuân thủ kỷ luật, nội quy"),
    ("hoan_thanh_boi_duong", "Hoàn thành chương trình học tập, bồi dưỡng"),
    ("chuyen_doi_so", "Được đào tạo, tham gia chuyển đổi số"),
    ("ngoai_ngu", "Có chứng chỉ ngoại ngữ/tiếng dân tộc thiểu số"),
    ("lao_dong_tien_tien", "Đạt “Lao động tiên tiến” trở lên"),
    ("cong_dan_hoc_tap", "Đạt “Công dân học tập”"),
]
# count column, level-1 and level-2 thresholds (per cent)
COUNTS = [("tuan_thu_ky_luat", 90, 95), ("hoan_thanh_boi_duong", 90, 95),
          ("chuyen_doi_so", 90, 95), ("ngoai_ngu", 50, 70),
          ("lao_dong_tien_tien", 90, 95), ("cong_dan_hoc_tap", 90, 95)]
YES_NO_COLUMNS = ["ke_hoach_hoc_tap", "che_do_dao_tao", "kinh_phi_dao_tao",
                  "trang_bi_chuyen_doi_so", "hoc_tap_suot_doi", "chia_se_tri_thuc",
                  "tap_the_ldtt"]
YES = ["có", "Có", "x", "X", "1", "đạt", "yes", "TRUE"]
NO = ["không", "Không", "", "0", "không đạt", "no", "FALSE"]
NAME_PARTS = {
    "co_quan_nha_nuoc": ["Ủy ban nhân dân phường", "Phòng Nội vụ", "Phòng Tài chính - Kế hoạch"],
    "su_nghiep_cong_lap": ["Trạm Y tế phường", "Trung tâm Y tế", "Trung tâm Văn hóa - Thể thao"],
    "mam_non_cong_lap": ["Trường Mầm non", "Trường Mẫu giáo", "Nhà trẻ"],
    "pho_thong": ["Trường Tiểu học", "Trường THCS", "Trường THPT"],
    "dai_hoc": ["Trường Đại học", "Học viện"],
    "giao_duc_nghe_nghiep": ["Trường Cao đẳng", "Trường Trung cấp", "Trung tâm GDNN - GDTX"],
    "to_chuc_kinh_te": ["Công ty TNHH", "Công ty Cổ phần", "Hợp tác xã"],
    "khac": ["Hội Khuyến học", "Hội Cựu chiến binh", "Đoàn Thanh niên"],
}
PLACES = ["Bồ Đề", "Cự Khối", "Đức Giang", "Gia Thụy", "Giang Biên", "Long Biên", "Ngọc Lâm",
          "Phúc Đồng", "Phúc Lợi", "Sài Đồng", "Thạch Bàn", "Thượng Thanh", "Việt Hưng",
          "Hoa Sữa", "Ánh Dương", "Hướng Dương", "Tuổi Thơ", "Đồng Tâm", "Kim Liên", "Cầu Giấy"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Thanh", "Xuân"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh",
         "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm",
         "Thảo", "Trang", "Trung", "Tuấn", "Việt", "Yến"]
POSTS = ["Chuyên viên", "Giáo viên", "Nhân viên", "Trưởng phòng", "Phó trưởng phòng",
         "Kế toán", "Cán bộ", ""]


def at(t, total):
    """Smallest count reaching t per cent of total."""
    return -(-t * total // 100)


class City:
    def __init__(self, a):
        self.a = a
        self.r = random.Random(a.seed)

    def chance(self, p):
        return self.r.random() < p

    def yesno(self, yes):
        return self.r.choice(YES if yes else NO)

    def typed_count(self, total, m1, m2, profile):
        r = self.r
        a1, a2 = at(m1, total), at(m2, total)
        mode = {"good": ["m2", "m2", "full", "at_m2"], "ok": ["m1", "m2", "at_m1", "below_m2"],
                "weak": ["any", "below_m1", "m1"]}[profile]
        mode = r.choice(mode)
        c = {"m2": lambda: r.randint(min(a2, total), total), "full": lambda: total,
             "at_m2": lambda: a2, "at_m1": lambda: a1, "below_m2": lambda: a2 - 1,
             "m1": lambda: r.randint(a1, max(a1, a2 - 1)), "below_m1": lambda: a1 - 1,
             "any": lambda: r.randint(0, total)}[mode]()
        return max(0, min(c, total))

    def roster_sizes(self, n_units):
        """Which units have a roster and how many rows each: sums to --members."""
        r, target = self.r, self.a.members
        chosen = [i for i in range(n_units) if self.chance(0.6)] if target else []
        if not chosen:
            return {}
        raw = [r.randint(3, 40) for _ in chosen]
        scale = target / sum(raw)
        sizes = [max(2, int(x * scale)) for x in raw]
        diff, k = target - sum(sizes), 0
        while diff != 0:
            j = k % len(sizes)
            if diff > 0:
                sizes[j] += 1
                diff -= 1
            elif sizes[j] > 2:
                sizes[j] -= 1
                diff += 1
            k += 1
        return dict(zip(chosen, sizes))

    def members(self, code, t, size, profile):
        """Roster rows of one unit and the counts they give."""
        r = self.r
        p = {"good": 0.985, "ok": 0.95, "weak": 0.8}[profile]
        learners = max(1, size // 3) if t in EDUCATION else 0
        rows, staff_yes, learner_yes = [], [0] * 6, 0
        for m in range(size):
            learner = m >= size - learners
            row = [code, "%s %s %s" % (r.choice(FAMILY), r.choice(MIDDLE), r.choice(GIVEN)),
                   "Học viên" if learner else r.choice(POSTS), "x" if learner else ""]
            for k, (_, m1, _) in enumerate(COUNTS):
                yes = self.chance(p if m1 == 90 else p - 0.2)
                if learner and k != 5:
                    yes = False
                cell = ("x" if yes else "") if self.chance(0.9) else self.yesno(yes)
                if self.chance(0.00002):
                    cell, yes = "?", False  # a bad cell: warning, counted as no
                row.append(cell)
                if yes and learner:
                    learner_yes += 1
                elif yes:
                    staff_yes[k] += 1
            rows.append(row)
        return rows, size - learners, staff_yes, learners, learner_yes

    def spoil(self, u, total):
        r = self.r
        kind = r.choice(["over", "negative", "text", "yesno", "type", "duplicate"])
        key = r.choice([c[0] for c in COUNTS])
        if kind == "over" and total:
            u[key] = str(total + 1)
        elif kind == "negative":
            u[key] = "-3"
        elif kind == "text":
            u[key] = "khoảng 20"
        elif kind == "yesno":
            u["ke_hoach_hoc_tap"] = "chưa rõ"
        elif kind == "type":
            u["loai_don_vi"] = "Trường tư thục"
        else:
            u["ma_don_vi"] = "HN-%06d" % r.randint(1, max(1, self.a.per_type))

    def generate(self):
        """Yields (district, unit dict, roster rows) in order."""
        a, r = self.a, self.r
        types = [t for t in TYPES for _ in range(a.per_type)]
        r.shuffle(types)
        sizes = self.roster_sizes(len(types))
        per_district = -(-len(types) // a.districts)
        for i, t in enumerate(types):
            code = "HN-%06d" % (i + 1)
            profile = r.choices(["good", "ok", "weak"], weights=[4, 4, 2])[0]
            u = {"ma_don_vi": code,
                 "ten_don_vi": "%s %s" % (r.choice(NAME_PARTS[t]), r.choice(PLACES)),
                 "loai_don_vi": TYPES[t] if self.chance(0.5) else t,
                 "cong_lap": "", "cap_quan_ly": r.choice(["", "", "huyen", "Cấp xã/phường"]),
                 "ghi_chu": r.choice(["", "", "", "Đã nộp minh chứng", "Ghi chú; có dấu chấm phẩy"])}
            rows = []
            if i in sizes:
                rows, staff, staff_yes, learners, learner_yes = self.members(code, t, sizes[i], profile)
                for key, _, _ in COUNTS:
                    u[key] = ""
                u["tong_thanh_vien"] = u["tong_nguoi_hoc"] = u["nguoi_hoc_cdht"] = ""
                if self.chance(0.05):  # typed as well; a few disagree (a warning)
                    u["tong_thanh_vien"] = str(staff + (1 if self.chance(0.1) else 0))
                    for k, (key, _, _) in enumerate(COUNTS):
                        u[key] = str(staff_yes[k])
                total = None
            else:
                total = r.choice([r.randint(5, 60), r.randint(20, 300), r.choice([20, 50, 100])])
                u["tong_thanh_vien"] = str(total)
                for key, m1, m2 in COUNTS:
                    u[key] = str(self.typed_count(total, m1, m2, profile))
                if t in EDUCATION:
                    learners = r.randint(30, 3000)
                    u["tong_nguoi_hoc"] = str(learners)
                    u["nguoi_hoc_cdht"] = str(self.typed_count(learners, 95, 97, profile))
                else:
                    u["tong_nguoi_hoc"] = u["nguoi_hoc_cdht"] = ""
            p_yes = {"good": 0.99, "ok": 0.97, "weak": 0.85}[profile]
            for key in YES_NO_COLUMNS:
                u[key] = self.yesno(self.chance(p_yes))
            for key in ("ho_tro_mam_non_tu_thuc", "xac_nhan_mam_non_tu_thuc"):
                u[key] = self.yesno(self.chance(p_yes if t == "mam_non_cong_lap" else 0.3))
            u["kiem_dinh_gdnn"] = self.yesno(self.chance(p_yes if t == "giao_duc_nghe_nghiep" else 0.2))
            u["muc_chuyen_doi_so"] = r.choice(["tot", "co_ban", "Mức đáp ứng tốt", ""]) \
                if t in ("pho_thong", "dai_hoc") else ""
            if self.chance(0.01):
                self.spoil(u, total)
            yield i // per_district, u, rows


def header(columns, labels):
    return [label if labels else key for key, label in columns]


def write_csv(path, head, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(head)
        w.writerows(rows)


def write_xlsx(path, sheets):
    import xlsxwriter  # python3-xlsxwriter
    wb = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_numbers": False})
    for name, head, rows, numeric in sheets:
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, head)
        for i, row in enumerate(rows, 1):
            for j, v in enumerate(row):
                if v == "":
                    continue
                if j in numeric and v.isdigit():
                    ws.write_number(i, j, int(v))
                else:
                    ws.write_string(i, j, v)
    wb.close()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", required=True)
    p.add_argument("--per-type", type=int, default=10000)
    p.add_argument("--members", type=int, default=1000000)
    p.add_argument("--districts", type=int, default=30)
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument("--format", choices=["csv", "xlsx", "both"], default="both")
    a = p.parse_args()
    ukeys = [k for k, _ in UNIT_COLUMNS]
    numeric = {i for i, k in enumerate(ukeys) if k.startswith(("tong_", "nguoi_hoc_")) or
               k in [c[0] for c in COUNTS]}
    districts = {}
    for d, u, rows in City(a).generate():
        units, members = districts.setdefault(d, ([], []))
        units.append([u[k] for k in ukeys])
        members.extend(rows)
    for d in sorted(districts):
        units, members = districts[d]
        name = "quan-%02d" % (d + 1)
        labels = d % 2 == 1
        uh, mh = header(UNIT_COLUMNS, labels), header(MEMBER_COLUMNS, labels)
        if a.format in ("csv", "both"):
            folder = os.path.join(a.out, "csv", name)
            os.makedirs(folder, exist_ok=True)
            write_csv(os.path.join(folder, "don-vi.csv"), uh, units)
            if members:
                write_csv(os.path.join(folder, "thanh-vien.csv"), mh, members)
        if a.format in ("xlsx", "both"):
            os.makedirs(os.path.join(a.out, "xlsx"), exist_ok=True)
            sheets = [("Đơn vị", uh, units, numeric)]
            if members:
                sheets.append(("Thành viên", mh, members, set()))
            write_xlsx(os.path.join(a.out, "xlsx", name + ".xlsx"), sheets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
