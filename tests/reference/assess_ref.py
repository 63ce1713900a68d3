#!/usr/bin/env python3
"""Reference implementation of the bundled plan (hanoi-2025).

An independent reading of /spec DOMAIN.md + DATA.md in plain Python (stdlib
only), used as the oracle of the end-to-end tests. It reads one or more
"Đơn vị" CSV files and writes the results CSV of DATA.md:

    assess_ref.py [-o ket-qua.csv] [--quiet] [--summary] FILE...

--quiet    no data-error messages; --summary: the count of each result on stderr.

Readings taken where the texts leave room (the oracle's, not dvht's):
- every cell is validated, even in a column whose indicator does not apply
  to the unit's type (a bad kiem_dinh_gdnn makes a school "loi");
- an empty ten_don_vi is an error (required); an unknown cap_quan_ly too;
- counts: ASCII digits with an optional ".0…" fraction, after trimming;
  "12.", "+3", "1e3", "12,0" are errors; a count is checked against its total
  for every unit type, learners included;
- ma_don_vi is unique in the run (all files), compared trimmed and NFC, case
  sensitive; every repeat after the first is "loi";
- values (types, yes/no, levels) match case- and NFC/NFD-insensitively;
- the delimiter is the one (of "," and ";") whose header row names more
  columns of the table; fully blank rows are skipped.

Exit status: 0 all units assessed, 1 some units are "loi" (data errors),
2 bad command line, 4 an input file cannot be read or lacks a required
column. Data errors are reported on stderr as "file:line: column: message".
"""
import csv
import io
import sys
import unicodedata


def norm(s):
    """Match form: NFC, trimmed, lower case."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", s).strip().lower())


# (key, Vietnamese label) of the "Đơn vị" table, in DATA.md order.
COLUMNS = [
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
]
REQUIRED = ("ma_don_vi", "ten_don_vi", "loai_don_vi")
COUNTS = ("tuan_thu_ky_luat", "hoan_thanh_boi_duong", "chuyen_doi_so",
          "ngoai_ngu", "lao_dong_tien_tien", "cong_dan_hoc_tap")
YESNO = ("ke_hoach_hoc_tap", "che_do_dao_tao", "ho_tro_mam_non_tu_thuc",
         "kinh_phi_dao_tao", "trang_bi_chuyen_doi_so", "hoc_tap_suot_doi",
         "chia_se_tri_thuc", "xac_nhan_mam_non_tu_thuc", "tap_the_ldtt",
         "kiem_dinh_gdnn")

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
LEVELS = {"thanh_pho": "Cấp thành phố", "huyen": "Cấp huyện", "xa": "Cấp xã/phường"}
DIGITAL = {"chua_dat": "Chưa đạt", "co_ban": "Mức đáp ứng cơ bản", "tot": "Mức đáp ứng tốt"}

YES = {"có", "x", "1", "đạt", "yes", "true"}
NO = {"không", "", "0", "không đạt", "no", "false"}

IDS = ["tc%d_%d" % (c, i) for c in (1, 2, 3) for i in range(1, 6)]
HEADER = ["ma_don_vi", "ket_qua"] + IDS + [
    "chi_tieu_dat", "chi_tieu_ap_dung", "tieu_chi_dat", "tieu_chi_ap_dung"]


def lookup(table):
    """Code-or-label lookup: normalised code and label -> code."""
    out = {}
    for code, label in table.items():
        out[norm(code)] = code
        out[norm(label)] = code
    return out


TYPE_OF = lookup(TYPES)
LEVEL_OF = lookup(LEVELS)
DIGITAL_OF = lookup(DIGITAL)
HEADER_OF = {}
for _key, _label in COLUMNS:
    HEADER_OF[norm(_key)] = _key
    HEADER_OF[norm(_label)] = _key


class DataError(Exception):
    pass


def parse_yesno(v):
    n = norm(v)
    if n in YES:
        return True
    if n in NO:
        return False
    raise DataError("không hiểu giá trị có/không %r" % v)


def parse_count(v):
    s = v.strip()
    if s == "":
        return 0
    if s.startswith("-") and s[1:].replace(".", "", 1).isdigit():
        raise DataError("số âm %r" % v)
    whole, dot, frac = s.partition(".")
    if not (whole.isascii() and whole.isdigit()) or (dot and not (frac and set(frac) == {"0"})):
        raise DataError("không phải số nguyên %r" % v)
    return int(whole)


def level(count, total, m1, m2):
    """Level of count/total against inclusive percentage thresholds, exactly."""
    if count * 100 >= m2 * total:
        return "muc_2"
    if count * 100 >= m1 * total:
        return "muc_1"
    return "khong_dat"


def lower_level(a, b):
    order = ["khong_dat", "muc_1", "muc_2"]
    return order[min(order.index(a), order.index(b))]


def yn(b):
    return "dat" if b else "khong_dat"


def assess(u):
    """u: key -> raw cell text. Returns (values by indicator id) or raises DataError."""
    errors = []

    def field(key, parse):
        try:
            return parse(u.get(key, ""))
        except DataError as e:
            errors.append("%s: %s" % (key, e))
            return None

    if u.get("ten_don_vi", "").strip() == "":
        errors.append("ten_don_vi: thiếu tên đơn vị")
    utype = TYPE_OF.get(norm(u.get("loai_don_vi", "")))
    if utype is None:
        errors.append("loai_don_vi: loại đơn vị không có trong kế hoạch %r" % u.get("loai_don_vi", ""))
    b = {k: field(k, parse_yesno) for k in YESNO}
    if u.get("cong_lap", "").strip() == "":
        public = utype not in ("to_chuc_kinh_te", "khac")
    else:
        public = field("cong_lap", parse_yesno)
    cap = u.get("cap_quan_ly", "").strip()
    if cap and norm(cap) not in LEVEL_OF:
        errors.append("cap_quan_ly: không hiểu cấp quản lý %r" % cap)
    digital = u.get("muc_chuyen_doi_so", "").strip()
    digital = DIGITAL_OF.get(norm(digital)) if digital else "chua_dat"
    if digital is None:
        errors.append("muc_chuyen_doi_so: không hiểu mức %r" % u.get("muc_chuyen_doi_so"))
    total = field("tong_thanh_vien", parse_count)
    n = {k: field(k, parse_count) for k in COUNTS}
    learners = field("tong_nguoi_hoc", parse_count)
    learners_cdht = field("nguoi_hoc_cdht", parse_count)
    if total is not None and total < 1:
        errors.append("tong_thanh_vien: phải từ 1 trở lên")
    elif total is not None:
        for k in COUNTS:
            if n[k] is not None and n[k] > total:
                errors.append("%s: %d lớn hơn tổng số thành viên %d" % (k, n[k], total))
    if learners is not None and learners_cdht is not None and learners_cdht > learners:
        errors.append("nguoi_hoc_cdht: %d lớn hơn tổng số người học %d" % (learners_cdht, learners))
    if utype in EDUCATION and learners is not None and learners < 1:
        errors.append("tong_nguoi_hoc: cơ sở giáo dục phải có người học")
    if errors:
        raise DataError("; ".join(errors))

    preschool = utype == "mam_non_cong_lap"
    na = "khong_ap_dung"
    v = {}
    v["tc1_1"] = yn(b["ke_hoach_hoc_tap"])
    v["tc1_2"] = yn(b["che_do_dao_tao"] and (b["ho_tro_mam_non_tu_thuc"] or not preschool))
    v["tc1_3"] = yn(b["kinh_phi_dao_tao"]) if public else na
    v["tc1_4"] = yn(b["trang_bi_chuyen_doi_so"])
    v["tc1_5"] = yn(b["hoc_tap_suot_doi"])
    v["tc2_1"] = level(n["tuan_thu_ky_luat"], total, 90, 95)
    v["tc2_2"] = level(n["hoan_thanh_boi_duong"], total, 90, 95)
    v["tc2_3"] = level(n["chuyen_doi_so"], total, 90, 95)
    v["tc2_4"] = na if utype == "to_chuc_kinh_te" else level(n["ngoai_ngu"], total, 50, 70)
    v["tc2_5"] = level(n["lao_dong_tien_tien"], total, 90, 95)
    v["tc3_1"] = level(n["cong_dan_hoc_tap"], total, 90, 95)
    if utype in EDUCATION:
        v["tc3_1"] = lower_level(v["tc3_1"], level(learners_cdht, learners, 95, 97))
    v["tc3_2"] = yn(b["chia_se_tri_thuc"] and (b["xac_nhan_mam_non_tu_thuc"] or not preschool))
    v["tc3_3"] = yn(b["tap_the_ldtt"])
    if utype in ("pho_thong", "dai_hoc"):
        v["tc3_4"] = {"chua_dat": "khong_dat", "co_ban": "muc_1", "tot": "muc_2"}[digital]
    else:
        v["tc3_4"] = na
    v["tc3_5"] = yn(b["kiem_dinh_gdnn"]) if utype == "giao_duc_nghe_nghiep" else na
    return v


def roll_up(v):
    """(ket_qua, chi_tieu_dat, chi_tieu_ap_dung, tieu_chi_dat, tieu_chi_ap_dung)."""
    rank = {"khong_dat": 0, "muc_1": 1, "muc_2": 2, "dat": 2}
    applicable = [i for i in IDS if v[i] != "khong_ap_dung"]
    met = [i for i in applicable if rank[v[i]] >= 1]
    criteria = {}
    for c in "123":
        ids = [i for i in applicable if i.startswith("tc" + c)]
        if ids:
            criteria[c] = all(i in met for i in ids)
    if not all(criteria.values()):
        result = "khong_dat"
    elif all(rank[v[i]] == 2 for i in applicable):
        result = "muc_2"
    else:
        result = "muc_1"
    return (result, len(met), len(applicable),
            sum(1 for ok in criteria.values() if ok), len(criteria))


class InputError(Exception):
    pass


def read_units(path):
    """Yields (line, unit dict) for each non-blank data row of a CSV file."""
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError("%s: không đọc được tệp: %s" % (path, e))

    def header_with(delim):
        first = next(csv.reader(io.StringIO(text, newline=""), delimiter=delim), [])
        keys = [HEADER_OF.get(norm(h)) for h in first]
        return sum(1 for k in keys if k), keys

    hits_comma, keys_comma = header_with(",")
    hits_semi, keys_semi = header_with(";")
    delim, keys = (";", keys_semi) if hits_semi > hits_comma else (",", keys_comma)
    for req in REQUIRED:
        if req not in keys:
            raise InputError("%s: thiếu cột bắt buộc %s" % (path, req))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    next(reader)
    line = reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if all(c.strip() == "" for c in cells):
            continue
        unit = {}
        for k, c in zip(keys, cells):
            if k and k not in unit:
                unit[k] = c
        yield start, unit


def run(paths, out, quiet=False, tally=None):
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER)
    seen = set()
    n_errors = 0
    tally = {} if tally is None else tally
    for path in paths:
        for line, u in read_units(path):
            code = u.get("ma_don_vi", "").strip()
            try:
                ncode = unicodedata.normalize("NFC", code)
                if code == "":
                    raise DataError("ma_don_vi: thiếu mã đơn vị")
                if ncode in seen:
                    raise DataError("ma_don_vi: mã đơn vị trùng %r" % code)
                seen.add(ncode)
                v = assess(u)
            except DataError as e:
                n_errors += 1
                if not quiet:
                    print("%s:%d: %s" % (path, line, e), file=sys.stderr)
                w.writerow([code, "loi"] + [""] * (len(HEADER) - 2))
                tally["loi"] = tally.get("loi", 0) + 1
                continue
            r = roll_up(v)
            tally[r[0]] = tally.get(r[0], 0) + 1
            w.writerow([code, r[0]] + [v[i] for i in IDS] + list(r[1:]))
    return 1 if n_errors else 0


def main(argv):
    out_path, quiet, summary, paths = None, False, False, []
    args = iter(argv)
    for a in args:
        if a == "-o":
            out_path = next(args, None)
            if out_path is None:
                break
        elif a == "--quiet":
            quiet = True
        elif a == "--summary":
            summary = True
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            paths.append(a)
    if not paths or (out_path is None and "-o" in argv):
        print("usage: assess_ref.py [-o ket-qua.csv] [--quiet] [--summary] FILE...",
              file=sys.stderr)
        return 2
    tally = {}
    try:
        if out_path:
            buf = io.StringIO()
            rc = run(paths, buf, quiet, tally)
            with open(out_path, "w", encoding="utf-8", newline="") as f:
                f.write(buf.getvalue())
        else:
            sys.stdout.reconfigure(encoding="utf-8", newline="")
            rc = run(paths, sys.stdout, quiet, tally)
    except InputError as e:
        print(e, file=sys.stderr)
        return 4
    if summary:
        print("units %d: %s" % (sum(tally.values()), ", ".join(
            "%s %d" % (k, tally.get(k, 0)) for k in ("khong_dat", "muc_1", "muc_2", "loi"))),
            file=sys.stderr)
    return rc


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
