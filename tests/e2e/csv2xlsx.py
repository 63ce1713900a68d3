#!/usr/bin/env python3
"""Writes CSV files as sheets of one XLSX workbook with openpyxl.

    csv2xlsx.py OUT.xlsx FILE.csv[:SHEET] ... [--write-only] [--hidden SHEET] [--keep-text COL]

Cells that look like whole numbers ("42", "-3") become numbers, "12.0" and
"12.5" become floats, TRUE/FALSE booleans; everything else stays text (so
the reader sees numbers, booleans and both string kinds). The delimiter of
each CSV is "," or ";" (whichever the header line has more of); a BOM is
dropped. --keep-text names a header whose column always stays text (codes).
--write-only streams rows (large files); --hidden adds a hidden list sheet
after the first one.
"""
import csv
import re
import sys

import openpyxl

INT = re.compile(r"^-?[0-9]{1,15}$")
FLOAT = re.compile(r"^-?[0-9]{1,15}\.[0-9]+$")


def typed(s):
    if INT.match(s):
        return int(s)
    if FLOAT.match(s):
        return float(s)
    if s in ("TRUE", "FALSE"):
        return s == "TRUE"
    return s if s != "" else None


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    first = text.split("\n", 1)[0]
    delim = ";" if first.count(";") > first.count(",") else ","
    return list(csv.reader(text.splitlines(keepends=True), delimiter=delim))


def main():
    args = sys.argv[1:]
    write_only = "--write-only" in args
    hidden, keep = None, set()
    rest = []
    i = 0
    while i < len(args):
        if args[i] == "--write-only":
            pass
        elif args[i] == "--hidden":
            hidden = args[i + 1]
            i += 1
        elif args[i] == "--keep-text":
            keep.add(args[i + 1])
            i += 1
        else:
            rest.append(args[i])
        i += 1
    out, sources = rest[0], rest[1:]
    wb = openpyxl.Workbook(write_only=write_only)
    if not write_only:
        wb.remove(wb.active)
    for n, src in enumerate(sources):
        path, _, sheet = src.partition(":")
        rows = read_csv(path)
        ws = wb.create_sheet(sheet or "Sheet%d" % (n + 1))
        text_cols = {j for j, h in enumerate(rows[0]) if h.strip() in keep} if rows else set()
        for r, row in enumerate(rows):
            cells = [c if (r == 0 or j in text_cols) else typed(c) for j, c in enumerate(row)]
            cells = [None if c == "" else c for c in cells]
            ws.append(cells)
        if hidden and n == 0:
            hs = wb.create_sheet(hidden)
            hs.append(["Danh mục", "Có", "Không"])
            hs.sheet_state = "hidden"
    wb.save(out)


if __name__ == "__main__":
    main()
