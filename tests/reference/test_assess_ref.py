#!/usr/bin/env python3
"""Hand-computed checks of the reference implementation (stdlib unittest)."""
import csv
import io
import os
import sys
import tempfile
import unicodedata
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import assess_ref as ref  # noqa: E402

ALL_YES = {k: "có" for k in ref.YESNO}


def unit(t, total=100, counts=None, **kw):
    u = {"ma_don_vi": "A", "ten_don_vi": "Đơn vị A", "loai_don_vi": t,
         "tong_thanh_vien": str(total)}
    u.update(ALL_YES)
    for k in ref.COUNTS:
        u[k] = str(total if counts is None else counts)
    u.update(kw)
    return u


def result(u):
    v = ref.assess(u)
    return v, ref.roll_up(v)


class Thresholds(unittest.TestCase):
    def test_levels_exact(self):
        self.assertEqual(ref.level(899, 1000, 90, 95), "khong_dat")
        self.assertEqual(ref.level(900, 1000, 90, 95), "muc_1")
        self.assertEqual(ref.level(949, 1000, 90, 95), "muc_1")
        self.assertEqual(ref.level(950, 1000, 90, 95), "muc_2")
        self.assertEqual(ref.level(8999, 10000, 90, 95), "khong_dat")  # 89.99 %
        self.assertEqual(ref.level(45, 50, 90, 95), "muc_1")
        self.assertEqual(ref.level(19, 20, 90, 95), "muc_2")
        self.assertEqual(ref.level(2, 3, 50, 70), "muc_1")
        self.assertEqual(ref.level(2, 3, 90, 95), "khong_dat")
        self.assertEqual(ref.level(1, 1, 90, 95), "muc_2")
        self.assertEqual(ref.level(0, 1, 50, 70), "khong_dat")
        self.assertEqual(ref.level(1649, 1700, 95, 97), "muc_2")
        self.assertEqual(ref.level(1648, 1700, 95, 97), "muc_1")


class Parsing(unittest.TestCase):
    def test_counts(self):
        for s, n in [("12", 12), ("12.0", 12), (" 7 ", 7), ("", 0), ("0", 0), ("012", 12)]:
            self.assertEqual(ref.parse_count(s), n, s)
        for s in ["12.5", "abc", "-1", "1e3", "12,0", "12.", "+3", "١٢"]:
            self.assertRaises(ref.DataError, ref.parse_count, s)

    def test_yesno(self):
        for s in ["có", "CÓ", unicodedata.normalize("NFD", "Có"), "x", "X", "1", "Đạt", "yes",
                  "TRUE", " có "]:
            self.assertTrue(ref.parse_yesno(s), s)
        for s in ["không", "KHÔNG", "", "0", "Không Đạt", "no", "False", "  "]:
            self.assertFalse(ref.parse_yesno(s), s)
        for s in ["chưa rõ", "có/không", "2", "đạt mức 1"]:
            self.assertRaises(ref.DataError, ref.parse_yesno, s)


class Rules(unittest.TestCase):
    def test_all_full_state_agency(self):
        v, r = result(unit("Cơ quan nhà nước"))
        self.assertEqual(r, ("muc_2", 13, 13, 3, 3))
        self.assertEqual(v["tc3_4"], "khong_ap_dung")

    def test_preschool_extra_requirements(self):
        u = unit("mam_non_cong_lap", ho_tro_mam_non_tu_thuc="")
        v, r = result(u)
        self.assertEqual(v["tc1_2"], "khong_dat")
        self.assertEqual(r, ("khong_dat", 12, 13, 2, 3))
        v, _ = result(unit("co_quan_nha_nuoc", ho_tro_mam_non_tu_thuc="", xac_nhan_mam_non_tu_thuc=""))
        self.assertEqual((v["tc1_2"], v["tc3_2"]), ("dat", "dat"))
        v, _ = result(unit("Nhà trẻ, trường mẫu giáo, trường mầm non công lập",
                           xac_nhan_mam_non_tu_thuc="không"))
        self.assertEqual(v["tc3_2"], "khong_dat")

    def test_tc1_3_follows_cong_lap(self):
        self.assertEqual(result(unit("to_chuc_kinh_te"))[0]["tc1_3"], "khong_ap_dung")
        self.assertEqual(result(unit("khac"))[0]["tc1_3"], "khong_ap_dung")
        self.assertEqual(result(unit("to_chuc_kinh_te", cong_lap="có"))[0]["tc1_3"], "dat")
        self.assertEqual(result(unit("su_nghiep_cong_lap", cong_lap="0"))[0]["tc1_3"], "khong_ap_dung")
        self.assertEqual(result(unit("pho_thong", tong_nguoi_hoc="1", nguoi_hoc_cdht="1",
                                     kinh_phi_dao_tao=""))[0]["tc1_3"], "khong_dat")

    def test_economic_org(self):
        v, r = result(unit("Tổ chức kinh tế", ngoai_ngu="0"))
        self.assertEqual(v["tc2_4"], "khong_ap_dung")
        self.assertEqual(r, ("muc_2", 11, 11, 3, 3))

    def test_education_tc3_1_lower_of_two(self):
        u = unit("pho_thong", total=1000, counts=1000, cong_dan_hoc_tap="960", tong_nguoi_hoc="1000",
                 nguoi_hoc_cdht="950", muc_chuyen_doi_so="Mức đáp ứng tốt")
        v, r = result(u)
        self.assertEqual(v["tc3_1"], "muc_1")
        self.assertEqual(r, ("muc_1", 14, 14, 3, 3))
        u["nguoi_hoc_cdht"] = "949"
        self.assertEqual(result(u)[0]["tc3_1"], "khong_dat")
        u["nguoi_hoc_cdht"], u["cong_dan_hoc_tap"] = "970", "949"
        self.assertEqual(result(u)[0]["tc3_1"], "muc_1")
        u["cong_dan_hoc_tap"] = "899"
        self.assertEqual(result(u)[0]["tc3_1"], "khong_dat")

    def test_preschool_counts_members_only(self):
        v, _ = result(unit("mam_non_cong_lap", tong_nguoi_hoc="100", nguoi_hoc_cdht="0"))
        self.assertEqual(v["tc3_1"], "muc_2")

    def test_tc3_4_and_tc3_5(self):
        base = dict(tong_nguoi_hoc="10", nguoi_hoc_cdht="10")
        for muc, want in [("tot", "muc_2"), ("MỨC ĐÁP ỨNG CƠ BẢN", "muc_1"), ("co_ban", "muc_1"),
                          ("", "khong_dat"), ("Chưa đạt", "khong_dat")]:
            self.assertEqual(result(unit("dai_hoc", muc_chuyen_doi_so=muc, **base))[0]["tc3_4"], want)
        self.assertEqual(result(unit("giao_duc_nghe_nghiep", **base))[0]["tc3_4"], "khong_ap_dung")
        v, r = result(unit("giao_duc_nghe_nghiep", kiem_dinh_gdnn="", **base))
        self.assertEqual((v["tc3_5"], r[0]), ("khong_dat", "khong_dat"))
        self.assertEqual(result(unit("pho_thong", **base))[0]["tc3_5"], "khong_ap_dung")

    def test_errors(self):
        bad = [unit("khac", tuan_thu_ky_luat="101"), unit("khac", ngoai_ngu="-1"),
               unit("khac", total=0, counts=0), unit("khac", total="", counts=0),
               unit("Trường tư thục"), unit("khac", tap_the_ldtt="chưa rõ"),
               unit("pho_thong"), unit("dai_hoc", tong_nguoi_hoc="0"),
               unit("khac", tong_nguoi_hoc="5", nguoi_hoc_cdht="6"),
               unit("pho_thong", tong_nguoi_hoc="5", nguoi_hoc_cdht="1", muc_chuyen_doi_so="khá"),
               unit("khac", ten_don_vi=" "), unit("khac", cong_lap="?"),
               unit("khac", kiem_dinh_gdnn="chưa rõ"), unit("khac", cap_quan_ly="tỉnh")]
        for u in bad:
            self.assertRaises(ref.DataError, ref.assess, u)

    def test_m1_when_any_yesno_level(self):
        v, r = result(unit("khac", total=20, lao_dong_tien_tien="18"))
        self.assertEqual((v["tc2_5"], r), ("muc_1", ("muc_1", 12, 12, 3, 3)))


class Files(unittest.TestCase):
    def run_text(self, raw):
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "a.csv")
            with open(p, "wb") as f:
                f.write(raw)
            out = io.StringIO()
            rc = ref.run([p], out, quiet=os.environ.get("REF_VERBOSE") is None)
        return rc, list(csv.reader(io.StringIO(out.getvalue())))

    def test_labels_nfd_semicolon_bom(self):
        header = [unicodedata.normalize("NFD", " %s " % lbl.upper()) for _, lbl in ref.COLUMNS]
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        w.writerow(header)
        row = ["X1", "Trường Mầm non\nHoa Sữa", "Nhà trẻ, trường mẫu giáo, trường mầm non công lập",
               "", "Cấp huyện", "20", "19", "18", "19", "14", "19", "19", "", ""] + ["x"] * 9 + ["", ""]
        w.writerow(row)
        w.writerow([""] * len(header))
        w.writerow(["X1", "Trùng", "khac", "", "", "1"])
        w.writerow(["", "Không mã", "khac", "", "", "1"])
        rc, rows = self.run_text(b"\xef\xbb\xbf" + buf.getvalue().encode())
        self.assertEqual(rc, 1)
        self.assertEqual(rows[0], ref.HEADER)
        self.assertEqual(rows[1][:2], ["X1", "muc_1"])
        self.assertEqual(rows[1][-4:], ["13", "13", "3", "3"])
        self.assertEqual(rows[2], ["X1", "loi"] + [""] * 19)
        self.assertEqual(rows[3][:2], ["", "loi"])
        self.assertEqual(len(rows), 4)

    def test_missing_required_column(self):
        self.assertRaises(ref.InputError, self.run_text, b"ma_don_vi,ten_don_vi\nA,B\n")


if __name__ == "__main__":
    unittest.main()
