#!/usr/bin/env python3
"""Checks a data-entry template written by `dvht template` with openpyxl
(an independent reader) against the plan's columns.

    check_template.py TEMPLATE.xlsx COLUMNS.tsv

COLUMNS.tsv is the output of tests/e2e/plan_columns.lua. Prints TAP lines
("ok - ..." / "not ok - ...") and exits 1 when a check fails.
"""
import sys

import openpyxl
from openpyxl.utils import get_column_letter

failed = 0


def check(what, cond, detail=""):
    global failed
    if cond:
        print("ok - template: %s" % what)
    else:
        failed += 1
        print("not ok - template: %s" % what)
        if detail:
            print("# %s" % detail)


def list_values(wb, formula):
    """Values of a list validation's range formula ('Sheet'!$A$2:$A$9)."""
    ref = formula.lstrip("=")
    sheet, _, rng = ref.rpartition("!")
    sheet = sheet.strip("'").replace("''", "'")
    ws = wb[sheet]
    return [c.value for row in ws[rng.replace("$", "")] for c in row], ws


def main():
    path, cols_path = sys.argv[1], sys.argv[2]
    tables, types = {}, []
    with open(cols_path, encoding="utf-8") as f:
        for line in f:
            table, key, typ, label, mn = line.rstrip("\n").split("\t")
            if table == "#type":
                types.append(label)
            else:
                tables.setdefault(table, []).append((key, typ, label, int(mn)))
    wb = openpyxl.load_workbook(path)
    names = wb.sheetnames
    check("first sheet is the Vietnamese instructions", names[0] == "Hướng dẫn", names)
    guide = wb["Hướng dẫn"]
    text = " ".join(str(c.value) for row in guide.iter_rows() for c in row if c.value)
    check("instructions in Vietnamese", "HƯỚNG DẪN NHẬP LIỆU" in text and "Không sửa, không xóa dòng tiêu đề" in text)
    check("one sheet per table, after the instructions", names[1:1 + len(tables)] == list(tables), names)
    hidden = [ws.title for ws in wb.worksheets if ws.sheet_state != "visible"]
    check("a hidden sheet holds the lists, and only that one", hidden == ["Danh mục"] and names[-1] == "Danh mục", hidden)
    check("the instructions sheet is the one shown on opening", wb.active.title == "Hướng dẫn", wb.active.title)
    for table, cols in tables.items():
        ws = wb[table]
        head = [ws.cell(row=1, column=i + 1).value for i in range(len(cols))]
        check("%s: headers are the plan's labels, in order" % table, head == [c[2] for c in cols], head)
        check("%s: no data row" % table, ws.max_row == 1, ws.max_row)
        check("%s: header row frozen" % table, ws.freeze_panes in ("A2", "C2"), ws.freeze_panes)
        p = ws.protection
        check("%s: sheet protected (header locked), rows may be inserted and deleted" % table,
              p.sheet and not p.insertRows and not p.deleteRows and not p.formatColumns)
        header_locked = all(ws.cell(row=1, column=i + 1).protection.locked for i in range(len(cols)))
        check("%s: header cells locked" % table, header_locked)
        locked_cols = [get_column_letter(i + 1) for i in range(len(cols))
                       if ws.column_dimensions[get_column_letter(i + 1)].protection.locked]
        check("%s: cells below the header editable (columns unlocked)" % table, not locked_cols, locked_cols)
        dvs = {}
        for dv in ws.data_validations.dataValidation:
            for rng in str(dv.sqref).split():
                dvs[rng.split(":")[0]] = dv
        problems = []
        for i, (key, typ, label, mn) in enumerate(cols):
            letter = get_column_letter(i + 1)
            dv = dvs.get("%s2" % letter)
            if dv is None:
                problems.append("%s: no validation" % key)
                continue
            if not str(dv.sqref).endswith("1048576"):
                problems.append("%s: validation stops at %s" % (key, dv.sqref))
            if not dv.prompt or not dv.promptTitle or not dv.showInputMessage:
                problems.append("%s: no input message" % key)
            if typ == "count":
                if dv.type != "whole" or dv.operator != "greaterThanOrEqual" or str(dv.formula1) != str(mn):
                    problems.append("%s: whole >= %d expected, got %s %s %s" % (key, mn, dv.type, dv.operator, dv.formula1))
            elif typ in ("yes_no", "unit_type", "choice"):
                if dv.type != "list" or not dv.formula1 or "!" not in dv.formula1:
                    problems.append("%s: list from a sheet range expected, got %s %s" % (key, dv.type, dv.formula1))
                    continue
                values, src = list_values(wb, dv.formula1)
                if src.sheet_state == "visible":
                    problems.append("%s: list range on a visible sheet" % key)
                if typ == "yes_no" and values != ["Có", "Không"]:
                    problems.append("%s: yes/no list is %s" % (key, values))
                if typ == "unit_type" and values != types:
                    problems.append("%s: unit type list is %s" % (key, values))
        check("%s: each column has its validation (whole >= min, lists from the hidden sheet) and input message"
              % table, not problems, "; ".join(problems[:5]))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
