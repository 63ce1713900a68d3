#!/usr/bin/env python3
"""Fills a `dvht template` workbook the way a unit would, with openpyxl:
rows of CSV files go under the headers of the matching sheets.

    fill_template.py TEMPLATE.xlsx OUT.xlsx COLUMNS.tsv SHEET=FILE.csv ...

COLUMNS.tsv (tests/e2e/plan_columns.lua) maps column keys to the labels the
template shows; a CSV header may use either. Whole numbers are written as
numbers, "có"/"không" as typed; CSV columns the sheet lacks are dropped.
The template itself is left as it is.
"""
import csv
import re
import sys
import unicodedata

import openpyxl

INT = re.compile(r"^-?[0-9]{1,15}$")


def norm(s):
    return unicodedata.normalize("NFC", s or "").strip().lower()


def main():
    template, out, cols_path = sys.argv[1:4]
    label_of = {}
    with open(cols_path, encoding="utf-8") as f:
        for line in f:
            table, key, _typ, label, _mn = line.rstrip("\n").split("\t")
            label_of[(table, norm(key))] = norm(label)
            label_of[(table, norm(label))] = norm(label)
    wb = openpyxl.load_workbook(template)
    for spec in sys.argv[4:]:
        sheet, _, path = spec.partition("=")
        ws = wb[sheet]
        head = {norm(c.value): i for i, c in enumerate(ws[1], 1) if c.value}
        with open(path, encoding="utf-8-sig", newline="") as f:
            text = f.read()
        first = text.split("\n", 1)[0]
        rows = list(csv.reader(text.splitlines(keepends=True),
                               delimiter=";" if first.count(";") > first.count(",") else ","))
        where = [head.get(label_of.get((sheet, norm(h)), norm(h))) for h in rows[0]]
        r = 2
        for row in rows[1:]:
            if not any(c.strip() for c in row):
                continue
            for j, v in enumerate(row):
                c = where[j] if j < len(where) else None
                if c and v != "":
                    ws.cell(row=r, column=c, value=int(v) if INT.match(v) else v)
            r += 1
    wb.save(out)


if __name__ == "__main__":
    main()
