#!/usr/bin/env python3
"""Deterministic generator of "Đơn vị" CSV files for cross-checks and benchmarks.

    gen_units.py --units N --seed S --out file.csv
                 [--labels] [--nfd] [--nfd-all] [--semicolon] [--bom] [--crlf] [--edge]

--labels     Vietnamese labels as headers (default: keys); type values mostly labels
--nfd        headers in decomposed Unicode (NFD)
--nfd-all    the whole file in NFD (headers and values)
--semicolon  ";" as delimiter (default ",")
--bom        UTF-8 byte order mark
--crlf       CRLF line ends (default LF)
--edge       edge-heavy: most counts exactly at or one below a threshold, tiny
             and round totals, shuffled columns, blank rows, short rows, more errors

The same arguments always produce the same bytes (random.Random(seed)).
"""
import argparse
import csv
import io
import os
import random
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from assess_ref import COLUMNS, DIGITAL, LEVELS, TYPES  # noqa: E402

TYPE_WEIGHTS = {"co_quan_nha_nuoc": 14, "su_nghiep_cong_lap": 14, "mam_non_cong_lap": 14,
                "pho_thong": 20, "dai_hoc": 6, "giao_duc_nghe_nghiep": 10,
                "to_chuc_kinh_te": 12, "khac": 10}
EDUCATION = ("pho_thong", "dai_hoc", "giao_duc_nghe_nghiep")
YES_SPELLINGS = ["có", "Có", "CÓ", "x", "X", "1", "đạt", "Đạt", "yes", "Yes", "TRUE", "true"]
NO_SPELLINGS = ["không", "Không", "KHÔNG", "", "0", "không đạt", "Không đạt", "no", "No",
                "FALSE", "false"]
NAME_PARTS = {
    "co_quan_nha_nuoc": ["Ủy ban nhân dân phường", "Phòng Nội vụ quận", "Phòng Tài chính - Kế hoạch quận",
                         "Văn phòng HĐND và UBND quận", "Phòng Văn hóa và Thông tin quận"],
    "su_nghiep_cong_lap": ["Trạm Y tế phường", "Trung tâm Y tế quận", "Trung tâm Văn hóa - Thể thao",
                           "Ban Quản lý dự án đầu tư xây dựng", "Trung tâm Phát triển quỹ đất"],
    "mam_non_cong_lap": ["Trường Mầm non", "Trường Mẫu giáo", "Nhà trẻ"],
    "pho_thong": ["Trường Tiểu học", "Trường THCS", "Trường THPT", "Trường Tiểu học và THCS"],
    "dai_hoc": ["Trường Đại học", "Học viện"],
    "giao_duc_nghe_nghiep": ["Trường Cao đẳng", "Trường Trung cấp", "Trung tâm GDNN - GDTX"],
    "to_chuc_kinh_te": ["Công ty TNHH", "Công ty Cổ phần", "Hợp tác xã"],
    "khac": ["Hội Khuyến học", "Hội Cựu chiến binh", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên"],
}
PLACES = ["Bồ Đề", "Cự Khối", "Đức Giang", "Gia Thụy", "Giang Biên", "Long Biên", "Ngọc Lâm",
          "Ngọc Thụy", "Phúc Đồng", "Phúc Lợi", "Sài Đồng", "Thạch Bàn", "Thượng Thanh",
          "Việt Hưng", "Hoa Sữa", "Ánh Dương", "Hướng Dương", "Tuổi Thơ", "Đồng Tâm"]
NOTES = ["", "", "", "", "Đã nộp minh chứng", "Bổ sung, hoàn thiện hồ sơ",
         'Theo Quyết định "khen thưởng" năm 2024', "Ghi chú; có dấu chấm phẩy",
         "Dòng 1\nDòng 2"]


def at(t, total):
    """Smallest count reaching t percent of total (exact integer ceiling)."""
    return -(-t * total // 100)


class Gen:
    def __init__(self, args):
        self.a = args
        self.r = random.Random(args.seed)
        self.codes = []

    def chance(self, p):
        return self.r.random() < p

    def yesno(self, yes):
        return self.r.choice(YES_SPELLINGS if yes else NO_SPELLINGS)

    def total(self):
        r = self.r
        if self.a.edge and self.chance(0.6):
            return r.choice([1, 2, 3, 7, 10, 19, 20, 33, 50, 99, 100, 101, 200, 999, 1000])
        x = r.random()
        if x < 0.08:
            return r.randint(1, 10)
        if x < 0.55:
            return r.randint(8, 120)
        if x < 0.88:
            return r.randint(100, 2500)
        return r.choice([20, 40, 50, 100, 200, 500, 1000])

    def count(self, total, m1, m2, profile):
        r = self.r
        if profile == "edge" or (self.a.edge and self.chance(0.7)):
            mode = r.choices(["at_m1", "below_m1", "at_m2", "below_m2", "full", "zero", "empty"],
                             weights=[6, 2, 6, 6, 4, 1, 1])[0]
        elif profile == "good":
            mode = r.choice(["m2_range"] * 6 + ["full", "at_m2", "below_m2"])
        elif profile == "ok":
            mode = r.choice(["m1_range"] * 3 + ["m2_range"] * 4 + ["at_m1"])
        else:
            mode = r.choice(["any", "m1_range", "m2_range", "below_m1", "empty"])
        a1, a2 = at(m1, total), at(m2, total)
        c = {"at_m1": a1, "below_m1": a1 - 1, "at_m2": a2, "below_m2": a2 - 1,
             "full": total, "zero": 0, "empty": None,
             "m2_range": r.randint(a2, total) if a2 <= total else total,
             "m1_range": r.randint(a1, max(a1, a2 - 1)),
             "any": r.randint(0, total)}[mode]
        if c is not None:
            c = max(0, min(c, total))
        return c

    def fmt(self, n):
        if n is None:
            return ""
        x = self.r.random()
        if x < 0.04:
            return "%d.0" % n
        if x < 0.08:
            return " %d " % n
        return str(n)

    def unit_type_cell(self, t):
        r = self.r
        use_label = self.chance(0.8 if self.a.labels else 0.2)
        s = TYPES[t] if use_label else t
        x = r.random()
        if x < 0.05:
            s = s.upper()
        elif x < 0.1:
            s = " %s " % s.lower()
        return s

    def unit(self, i):
        r, a = self.r, self.a
        t = r.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0]
        profile = r.choices(["good", "ok", "weak", "edge"],
                            weights=[2, 3, 2, 4] if a.edge else [4, 4, 2, 1])[0]
        p_yes = {"good": 0.985, "ok": 0.96, "weak": 0.7, "edge": 0.9}[profile]
        code = "G%d-%05d" % (a.seed, i)
        self.codes.append(code)
        name = "%s %s" % (r.choice(NAME_PARTS[t]), r.choice(PLACES))
        if self.chance(0.01):
            name += "\n(cơ sở 2)"
        u = {"ma_don_vi": code, "ten_don_vi": name, "loai_don_vi": self.unit_type_cell(t)}
        public_default = t not in ("to_chuc_kinh_te", "khac")
        u["cong_lap"] = "" if self.chance(0.5) else self.yesno(public_default != self.chance(0.1))
        lv = r.choice([None, None, "code", "label"])
        u["cap_quan_ly"] = "" if lv is None else r.choice(
            list(LEVELS) if lv == "code" else list(LEVELS.values()))
        total = self.total()
        u["tong_thanh_vien"] = self.fmt(total)
        for key, m1, m2 in [("tuan_thu_ky_luat", 90, 95), ("hoan_thanh_boi_duong", 90, 95),
                            ("chuyen_doi_so", 90, 95), ("ngoai_ngu", 50, 70),
                            ("lao_dong_tien_tien", 90, 95), ("cong_dan_hoc_tap", 90, 95)]:
            u[key] = self.fmt(self.count(total, m1, m2, profile))
        if t in EDUCATION or self.chance(0.1):
            learners = r.choice([1, 3, 20, 100, 1000]) if self.chance(0.4 if a.edge else 0.1) \
                else r.randint(30, 5000)
            u["tong_nguoi_hoc"] = self.fmt(learners)
            u["nguoi_hoc_cdht"] = self.fmt(self.count(learners, 95, 97, profile))
        else:
            u["tong_nguoi_hoc"] = u["nguoi_hoc_cdht"] = ""
        for key in ["ke_hoach_hoc_tap", "che_do_dao_tao", "kinh_phi_dao_tao",
                    "trang_bi_chuyen_doi_so", "hoc_tap_suot_doi", "chia_se_tri_thuc",
                    "tap_the_ldtt"]:
            u[key] = self.yesno(self.chance(p_yes))
        for key in ["ho_tro_mam_non_tu_thuc", "xac_nhan_mam_non_tu_thuc"]:
            u[key] = self.yesno(self.chance(p_yes if t == "mam_non_cong_lap" else 0.3))
        u["kiem_dinh_gdnn"] = self.yesno(self.chance(p_yes if t == "giao_duc_nghe_nghiep" else 0.2))
        if t in ("pho_thong", "dai_hoc") or self.chance(0.1):
            lvl = r.choices(["tot", "co_ban", "chua_dat", ""], weights=[5, 4, 1, 1])[0]
            u["muc_chuyen_doi_so"] = (DIGITAL[lvl] if self.chance(0.5) else lvl) if lvl else ""
        else:
            u["muc_chuyen_doi_so"] = ""
        u["ghi_chu"] = r.choice(NOTES)
        if self.chance(0.06 if a.edge else 0.02):
            self.spoil(u, t, total)
        return u

    def spoil(self, u, t, total):
        """Gives the unit one data error."""
        r = self.r
        kind = r.choice(["over", "negative", "fraction", "text", "yesno", "type", "empty_code",
                         "duplicate", "zero_total", "no_learners", "digital", "learners_over",
                         "empty_name"])
        count_key = r.choice(["tuan_thu_ky_luat", "hoan_thanh_boi_duong", "chuyen_doi_so",
                              "ngoai_ngu", "lao_dong_tien_tien", "cong_dan_hoc_tap"])
        if kind == "over":
            u[count_key] = str(total + r.choice([1, 1, 5]))
        elif kind == "negative":
            u[count_key] = "-%d" % r.randint(1, 9)
        elif kind == "fraction":
            u[count_key] = "%d.5" % r.randint(0, total)
        elif kind == "text":
            u[count_key] = r.choice(["abc", "khoảng 20", "n/a"])
        elif kind == "yesno":
            u[r.choice(["ke_hoach_hoc_tap", "tap_the_ldtt", "cong_lap", "kiem_dinh_gdnn"])] = \
                r.choice(["chưa rõ", "đang làm", "?", "có/không"])
        elif kind == "type":
            u["loai_don_vi"] = r.choice(["Trường tư thục", "doanh_nghiep", ""])
        elif kind == "empty_code":
            u["ma_don_vi"] = ""
        elif kind == "duplicate" and len(self.codes) > 1:
            u["ma_don_vi"] = r.choice(self.codes[:-1])
        elif kind == "zero_total":
            u["tong_thanh_vien"] = r.choice(["0", ""])
        elif kind == "no_learners":
            u["loai_don_vi"] = r.choice(EDUCATION)
            u["tong_nguoi_hoc"] = r.choice(["", "0"])
            u["nguoi_hoc_cdht"] = ""
        elif kind == "digital":
            u["muc_chuyen_doi_so"] = r.choice(["khá", "Mức 3"])
        elif kind == "learners_over":
            u["tong_nguoi_hoc"] = "40"
            u["nguoi_hoc_cdht"] = "41"
        elif kind == "empty_name":
            u["ten_don_vi"] = ""
        else:  # duplicate of the first unit
            u["ma_don_vi"] = "" if not self.codes else self.codes[0]

    def write(self):
        a, r = self.a, self.r
        keys = [k for k, _ in COLUMNS] + ["ghi_chu"]
        labels = dict(COLUMNS, ghi_chu="Ghi chú")
        if a.edge:
            r.shuffle(keys)
        header = [labels[k] if a.labels else k for k in keys]
        if a.edge:
            header = [(" %s " % h) if self.chance(0.2) else h for h in header]
            header = [h.upper() if self.chance(0.1) else h for h in header]
        if a.nfd:
            header = [unicodedata.normalize("NFD", h) for h in header]
        buf = io.StringIO(newline="")
        w = csv.writer(buf, delimiter=";" if a.semicolon else ",",
                       lineterminator="\r\n" if a.crlf else "\n")
        w.writerow(header)
        for i in range(1, a.units + 1):
            u = self.unit(i)
            row = [u[k] for k in keys]
            if a.edge and self.chance(0.03):
                w.writerow([""] * len(keys))
            if a.edge and self.chance(0.1):
                while row and row[-1] == "":
                    row.pop()
            w.writerow(row)
        text = buf.getvalue()
        if a.nfd_all:
            text = unicodedata.normalize("NFD", text)
        with open(a.out, "wb") as f:
            f.write((b"\xef\xbb\xbf" if a.bom else b"") + text.encode("utf-8"))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--units", type=int, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--out", required=True)
    for flag in ["labels", "nfd", "nfd-all", "semicolon", "bom", "crlf", "edge"]:
        p.add_argument("--" + flag, action="store_true")
    Gen(p.parse_args()).write()


if __name__ == "__main__":
    main()
