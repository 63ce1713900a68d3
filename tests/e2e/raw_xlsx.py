#!/usr/bin/env python3
"""A minimal XLSX writer with the standard library only (zipfile), streaming
the sheet XML: fast enough for a million rows, and able to write the
malformed or extreme workbooks the reader must survive.

    raw_xlsx.py OUT.xlsx --csv FILE.csv [--sheet NAME] [--shared] [--same-part N]
    raw_xlsx.py OUT.xlsx --repeat-csv FILE.csv --rows N [--sheet NAME]
    raw_xlsx.py OUT.xlsx --bomb MIB [--lie]    sheet XML inflating to MIB MiB (--lie: the zip
                                               directory claims 1,000 bytes)
    raw_xlsx.py OUT.xlsx --huge-sst N          N distinct shared strings
    raw_xlsx.py OUT.xlsx --bad-utf8            a shared string with invalid UTF-8
    raw_xlsx.py OUT.xlsx --last-row N          one data row at row number N
    raw_xlsx.py OUT.xlsx --dtd                 a sheet declaring nested entities ("billion laughs")

--csv: the CSV as one sheet (numbers stay numbers, the rest inline strings,
or shared strings with --shared; --same-part N: listed as N sheets that all
point at that one part). --repeat-csv: the header of the CSV, then
its data rows repeated until the sheet has N rows.
"""
import argparse
import csv
import re
import zipfile
from xml.sax.saxutils import escape

INT = re.compile(r"^-?[0-9]{1,15}$")

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WB_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = "</sheetData></worksheet>"


def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


class Writer:
    def __init__(self, path, sheet, shared):
        self.z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self.sheet, self.shared = sheet, shared
        self.sst, self.sst_index = [], {}

    def cell(self, r, c, v):
        ref = "%s%d" % (col_name(c), r)
        if v == "":
            return ""
        if INT.match(v):
            return '<c r="%s"><v>%s</v></c>' % (ref, v)
        if self.shared:
            i = self.sst_index.get(v)
            if i is None:
                i = self.sst_index[v] = len(self.sst)
                self.sst.append(v)
            return '<c r="%s" t="s"><v>%d</v></c>' % (ref, i)
        return '<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, escape(v))

    def row(self, r, values):
        return '<row r="%d">%s</row>' % (r, "".join(self.cell(r, c, v) for c, v in enumerate(values)))

    def finish(self, sheet_chunks, sst_xml=None, zip64=True, same_part=0):
        z = self.z
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        workbook = WORKBOOK % escape(self.sheet)
        if same_part:
            sheets = "".join('<sheet name="S%d" sheetId="%d" r:id="rId1"/>' % (i, i + 1) for i in range(same_part))
            workbook = re.sub(r"<sheets>.*</sheets>", "<sheets>%s</sheets>" % sheets, workbook)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=zip64) as f:
            for chunk in sheet_chunks:
                f.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
        if sst_xml is None:
            items = "".join('<si><t xml:space="preserve">%s</t></si>' % escape(s) for s in self.sst)
            sst_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                       '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
                       'uniqueCount="%d">%s</sst>' % (len(self.sst), len(self.sst), items))
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            for chunk in ([sst_xml] if isinstance(sst_xml, (str, bytes)) else sst_xml):
                f.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
        z.close()


def lie_about_size(path, name, size):
    """Rewrites the uncompressed size of one member, in its local header and
    in the central directory, to `size` (the data stays as it is)."""
    import struct
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        for sig, off_size, off_name in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
            i = data.find(sig)
            while i >= 0:
                n = struct.unpack_from("<H", data, i + (26 if sig == b"PK\x03\x04" else 28))[0]
                if bytes(data[i + off_name:i + off_name + n]) == name:
                    struct.pack_into("<I", data, i + off_size, size)
                i = data.find(sig, i + 4)
        f.seek(0)
        f.write(data)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out")
    p.add_argument("--csv")
    p.add_argument("--repeat-csv")
    p.add_argument("--rows", type=int, default=0)
    p.add_argument("--sheet", default="Trang tính 1")
    p.add_argument("--shared", action="store_true")
    p.add_argument("--same-part", type=int, default=0)
    p.add_argument("--bomb", type=int, default=0)
    p.add_argument("--lie", action="store_true")
    p.add_argument("--huge-sst", type=int, default=0)
    p.add_argument("--bad-utf8", action="store_true")
    p.add_argument("--last-row", type=int, default=0)
    p.add_argument("--dtd", action="store_true")
    a = p.parse_args()
    w = Writer(a.out, a.sheet, a.shared)

    if a.csv:
        def chunks():
            yield SHEET_HEAD
            with open(a.csv, encoding="utf-8-sig", newline="") as f:
                for r, row in enumerate(csv.reader(f), 1):
                    yield w.row(r, row)
            yield SHEET_TAIL
        w.finish(chunks(), same_part=a.same_part)
    elif a.repeat_csv:
        rows = read_csv(a.repeat_csv)

        # each data row rendered once, with a placeholder for its row number
        templates = [w.row(987654321, row).replace("987654321", "{r}") for row in rows[1:]]

        def chunks():
            yield SHEET_HEAD + w.row(1, rows[0])
            k = len(templates)
            batch = []
            for r in range(2, a.rows + 1):
                batch.append(templates[(r - 2) % k].replace("{r}", str(r)))
                if len(batch) == 10000:
                    yield "".join(batch)
                    batch = []
            yield "".join(batch) + SHEET_TAIL
        w.finish(chunks())
    elif a.bomb:
        # valid XML all along: white space between rows, then one row
        def chunks():
            yield SHEET_HEAD
            block = b" " * (1 << 20)
            for _ in range(a.bomb):
                yield block
            yield '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>' + SHEET_TAIL
        w.finish(chunks(), zip64=not a.lie)
        if a.lie:
            lie_about_size(a.out, b"xl/worksheets/sheet1.xml", 1000)
    elif a.huge_sst:
        n = a.huge_sst

        def sst():
            yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'count="%d" uniqueCount="%d">' % (n, n))
            for i in range(0, n, 10000):
                yield "".join("<si><t>chuỗi số %d</t></si>" % j for j in range(i, min(n, i + 10000)))
            yield "</sst>"
        w.finish([SHEET_HEAD, '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>%d</v></c></row>' % (n - 1),
                  SHEET_TAIL], sst())
    elif a.bad_utf8:
        sst = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
               b'<si><t>M\xc3\xa3 \xc4\x91\xc6\xa1n v\xe1\xbb\x8b</t></si><si><t>Tr\xff\xfeng</t></si></sst>')
        w.finish([SHEET_HEAD, '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
                  '<row r="2"><c r="A2" t="s"><v>1</v></c></row>', SHEET_TAIL], sst)
    elif a.last_row:
        w.finish([SHEET_HEAD, w.row(1, ["ma_don_vi", "ten_don_vi", "loai_don_vi"]),
                  w.row(a.last_row, ["X-1", "Đơn vị cuối", "khac"]), SHEET_TAIL])
    elif a.dtd:
        ents = ['<!ENTITY a0 "ha">'] + ['<!ENTITY a%d "%s">' % (i, ("&a%d;" % (i - 1)) * 10) for i in range(1, 10)]
        w.finish(['<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [%s]>' % "".join(ents),
                  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                  '<row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row>', SHEET_TAIL])
    else:
        p.error("nothing to write")


if __name__ == "__main__":
    main()
