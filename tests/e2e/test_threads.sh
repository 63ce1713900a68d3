#!/bin/sh
# test_threads.sh - reading ahead on worker threads (--threads,
# $DVHT_THREADS) changes nothing but speed: for a folder of CSV files, a
# folder of workbooks and a folder with broken files among good ones, the
# results CSV, every cell of the summary workbook, stdout and the exit code
# are the same with 0 (no worker), 1, 2 and 4 threads (with 0 the summary
# rows are also written without the background row writer, so its XML
# parts must be the same bytes); a broken file named
# on the command line fails with the same message; bad values of the option
# are refused. Prints TAP lines.
. "$(dirname "$0")/lib.sh"

# 12 districts: with one worker (8 files ahead of the one being read) the
# rosters of the last districts are started after the first roster of their
# header layout was summed, so the worker sums them whatever the timing
if [ -n "$QUICK" ]; then PER_TYPE=4 MEMBERS=1200 DISTRICTS=12; else PER_TYPE=40 MEMBERS=20000 DISTRICTS=12; fi
"$PY3" bench/gen_city.py --out "$T/city" --per-type $PER_TYPE --members $MEMBERS \
    --districts $DISTRICTS --seed 11 --format csv >/dev/null
# the same tables as one workbook per district (units and roster sheets)
mkdir -p "$T/city/xlsx"
for d in "$T"/city/csv/*/; do
    name=$(basename "$d")
    $HELPER run tests/e2e/csv2xlsx.lua "$T/city/xlsx/$name.xlsx" "$d/don-vi.csv:Đơn vị" \
        "$d/thanh-vien.csv:Thành viên"
done
# good files with broken ones in between: skipped, reported, the rest read
mkdir -p "$T/mixed"
cp -R "$T"/city/csv/* "$T/mixed/"
cp "$T"/city/xlsx/quan-02.xlsx "$T/mixed/quan-02b.xlsx" 2>/dev/null
printf 'PK\003\004 không phải Excel\n' >"$T/mixed/quan-01/hong.xlsx"
printf 'ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien\nX-1,Sai \303 mã,khac,5\n' >"$T/mixed/quan-02/sai-utf8.csv"
head -c 300 "$T/city/xlsx/quan-03.xlsx" >"$T/mixed/quan-03/cat-ngang.xlsx"

# run NAME THREADS FOLDER: outputs in $T/NAME.{csv,xlsx,out,rc,cells}
run() {
    $DVHT assess --threads "$2" -o "$T/$1.xlsx" --csv "$T/$1.csv" "$3" >"$T/$1.out" 2>"$T/$1.err"
    echo $? >"$T/$1.rc"
    $HELPER run tests/e2e/dump_rows.lua "$T/$1.xlsx" >"$T/$1.cells" 2>&1
    # every part but the creation time
    "$PY3" -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in sorted(z.namelist()):
    if n != "docProps/core.xml": sys.stdout.buffer.write(n.encode() + b"\n" + z.read(n) + b"\n")' \
        "$T/$1.xlsx" >"$T/$1.parts" 2>&1
    sed "s|$T/$1\.|OUT.|g" "$T/$1.out" >"$T/$1.stdout"
}

for set in csv xlsx mixed; do
    case $set in
    mixed) dir=$T/mixed ;;
    *) dir=$T/city/$set ;;
    esac
    run "$set-0" 0 "$dir"
    check "$set: a run without workers gives results" [ -s "$T/$set-0.csv" ]
    for n in 1 2 4; do
        run "$set-$n" $n "$dir"
        check "$set, $n threads: same results CSV as without workers" cmp -s "$T/$set-0.csv" "$T/$set-$n.csv"
        check "$set, $n threads: same summary workbook, cell by cell" cmp -s "$T/$set-0.cells" "$T/$set-$n.cells"
        check "$set, $n threads: same summary XML, byte for byte" cmp -s "$T/$set-0.parts" "$T/$set-$n.parts"
        check "$set, $n threads: same stdout and exit code" sh -c \
            "cmp -s '$T/$set-0.stdout' '$T/$set-$n.stdout' && cmp -s '$T/$set-0.rc' '$T/$set-$n.rc'"
    done
done
units=$(($(wc -l <"$T/csv-0.csv") - 1))
check "all $((PER_TYPE * 8)) generated units assessed" [ "$units" = $((PER_TYPE * 8)) ]
check "csv and xlsx copies of the data give the same results" cmp -s "$T/csv-0.csv" "$T/xlsx-0.csv"
check "mixed: the broken files are reported on the errors sheet" sh -c \
    "grep -q 'hong.xlsx' '$T/mixed-2.cells' && grep -q 'sai-utf8.csv' '$T/mixed-2.cells' && grep -q 'cat-ngang.xlsx' '$T/mixed-2.cells'"

# the environment, and bad option values
DVHT_THREADS=3 $DVHT assess -q -o "$T/env.xlsx" --csv "$T/env.csv" "$T/city/xlsx" >/dev/null 2>&1
check "DVHT_THREADS=3: same results" cmp -s "$T/xlsx-0.csv" "$T/env.csv"
DVHT_THREADS=nhiều $DVHT assess -q -o "$T/env2.xlsx" --csv "$T/env2.csv" "$T/city/csv" >/dev/null 2>&1
check "an invalid DVHT_THREADS is ignored" cmp -s "$T/csv-0.csv" "$T/env2.csv"
for bad in -1 17 hai 1.5; do
    $DVHT assess --threads "$bad" -o "$T/bad.xlsx" "$T/city/csv" >"$T/bad.out" 2>"$T/bad.err"
    rc=$?
    check "--threads $bad: exit 2 with a message" sh -c "[ $rc = 2 ] && grep -q 'threads cần một số nguyên từ 0 đến 16' '$T/bad.err'"
done
check "no output written for a refused option" [ ! -e "$T/bad.xlsx" ]

# a broken file named on the command line: the same message and exit code
for n in 0 2; do
    $DVHT assess --threads $n -o "$T/named.xlsx" "$T/city/csv/quan-01/don-vi.csv" "$T/mixed/quan-03/cat-ngang.xlsx" \
        >/dev/null 2>"$T/named-$n.err"
    echo $? >"$T/named-$n.rc"
done
check "named broken file: exit 4 either way" sh -c "[ \$(cat '$T/named-0.rc') = 4 ] && [ \$(cat '$T/named-2.rc') = 4 ]"
check "named broken file: the same message with and without workers" cmp -s "$T/named-0.err" "$T/named-2.err"
check "named broken file: the message names the file" has "$T/named-2.err" "cat-ngang.xlsx"

# the rosters of the same header layout after the first are summed by the
# reading workers (the path is invisible in the results, so ask for it)
cat >"$T/sums.lua" <<'EOF2'
local plan = dvht.load_plan("hanoi-2025")
local data = dvht.read(plan, { arg[1] })
print(data.read_stats.worker_sums)
EOF2
s0=$(DVHT_THREADS=0 $DVHT run "$T/sums.lua" "$T/city/csv" 2>&1)
s2=$(DVHT_THREADS=1 $DVHT run "$T/sums.lua" "$T/city/csv" 2>&1)
s2x=$(DVHT_THREADS=1 $DVHT run "$T/sums.lua" "$T/city/xlsx" 2>&1)
check "no worker: every roster summed by the main thread ($s0)" [ "$s0" = 0 ]
check "CSV, one worker: later rosters summed by the worker ($s2 of $DISTRICTS)" [ "$s2" -ge 1 ]
check "XLSX, one worker: later rosters summed by the worker ($s2x of $DISTRICTS)" [ "$s2x" -ge 1 ]

# explain and a script read through the same path
$DVHT explain --threads 2 HN-000003 "$T/city/xlsx" >"$T/ex2" 2>&1
$DVHT explain --threads 0 HN-000003 "$T/city/xlsx" >"$T/ex0" 2>&1
check "explain: the same text with and without workers" cmp -s "$T/ex0" "$T/ex2"
finish
