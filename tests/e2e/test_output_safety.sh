#!/bin/sh
# test_output_safety.sh - outputs of `dvht assess` are written to a temp
# file and renamed into place; an output that is an input is refused; a
# missing or read-only folder, a full disk (/dev/full, a full tmpfs) and a
# permission error each give a Vietnamese message and a non-zero exit and
# leave no half-written or temp file behind. Prints TAP lines.
. "$(dirname "$0")/lib.sh"

cp examples/phuong-nho/don-vi.csv "$T/don-vi.csv"
IN="$T/don-vi.csv"
cp "$IN" "$T/don-vi.orig"
case "$DVHT" in /*) DV=$DVHT ;; *) DV=$ROOT/$DVHT ;; esac

# run NAME ARGS...: dvht assess, stdout/stderr in $T/NAME.out/.err, exit in $rc.
run() {
    name=$1
    shift
    "$DV" assess -q "$@" >"$T/$name.out" 2>"$T/$name.err"
    rc=$?
}
# refused NAME WANT_RC WHAT TEXT: exit code and message.
refused() {
    if [ "$rc" = "$2" ] && has "$T/$1.err" "$4"; then ok "$3"; else no "$3 (exit $rc)"; show "$T/$1.err"; fi
}
# clean DIR WHAT LIST: the folder holds exactly the names in LIST (no temp files).
clean() {
    got=$(ls -A "$1" | sort | tr '\n' ' ')
    if [ "$got" = "$3" ]; then ok "$2"; else no "$2"; echo "# in $1: $got"; fi
}

# 1. A normal run leaves the outputs and nothing else; a second run replaces them.
mkdir "$T/out"
run normal -o "$T/out/tong-hop.xlsx" --csv "$T/out/ket-qua.csv" "$IN"
check "a normal run writes both outputs (exit 1: the example has units in error)" \
    sh -c "[ $rc = 1 ] && [ -s '$T/out/tong-hop.xlsx' ] && [ -s '$T/out/ket-qua.csv' ]"
clean "$T/out" "no temp file is left next to the outputs" "ket-qua.csv tong-hop.xlsx "
echo "cũ" >"$T/out/ket-qua.csv"
run again -o "$T/out/tong-hop.xlsx" --csv "$T/out/ket-qua.csv" "$IN"
check "an existing output is replaced by the complete new one" \
    cmp -s "$T/out/ket-qua.csv" examples/phuong-nho/ket-qua-mong-doi.csv
clean "$T/out" "still no temp file after replacing" "ket-qua.csv tong-hop.xlsx "

# 2. An output that is an input is refused, however it is spelled.
ln -s "$IN" "$T/lien-ket.csv"
ln "$IN" "$T/cung-inode.csv"
for spec in "-o $IN" "--csv $IN" "-o $T/./don-vi.csv" "--csv $T/lien-ket.csv" "-o $T/cung-inode.csv"; do
    run same $spec "$IN"
    if [ "$rc" = 2 ] && has "$T/same.err" "trùng với tệp dữ liệu đầu vào" && cmp -s "$IN" "$T/don-vi.orig"; then
        ok "output = input refused, input untouched: $spec"
    else
        no "output = input refused, input untouched: $spec (exit $rc)"
        show "$T/same.err"
    fi
done

# 2b. Two outputs on one file (the CSV would replace the summary), however spelled.
for spec in "-o $T/one.xlsx --csv $T/one.xlsx" "-o $T/one.xlsx --csv $T/./one.xlsx"; do
    run two $spec "$IN"
    if [ "$rc" = 2 ] && has "$T/two.err" "là một tệp" && [ ! -e "$T/one.xlsx" ]; then
        ok "two outputs on one file refused, nothing written: $spec"
    else
        no "two outputs on one file refused, nothing written: $spec (exit $rc)"
        show "$T/two.err"
    fi
done

# 3. A missing folder.
run missing -o "$T/khong-co/tong-hop.xlsx" "$IN"
refused missing 5 "missing output folder: exit 5, names the file" "Không ghi được tệp \"$T/khong-co/tong-hop.xlsx\": thư mục không tồn tại"
run missing-csv -o "$T/out/a.xlsx" --csv "$T/khong-co/ket-qua.csv" "$IN"
refused missing-csv 5 "missing folder of the results CSV: exit 5" "thư mục không tồn tại"
check "nothing was created for the missing folder" test ! -e "$T/khong-co"

# 4. The output path is a folder.
run is-dir -o "$T/out" "$IN"
refused is-dir 5 "an output that is a folder: exit 5" "đường dẫn là một thư mục"

# 5. A full disk: /dev/full, and a tmpfs with no room left.
# As root a regression would rename over the device itself: use a copy of
# /dev/full (same device numbers) made in the temp folder.
FULL=/dev/full
if [ "$(id -u)" = 0 ] && mknod "$T/full" c 1 7 2>/dev/null; then FULL=$T/full; fi
if [ -c "$FULL" ]; then
    run full -o "$FULL" "$IN"
    refused full 5 "-o /dev/full: exit 5, disk full" "Không ghi được tệp \"$FULL\": ổ đĩa đã đầy"
    run full-csv -o "$T/out/b.xlsx" --csv "$FULL" "$IN"
    refused full-csv 5 "--csv /dev/full: exit 5, disk full" "ổ đĩa đã đầy"
    # the summary is zipped while the CSV is written: a failed CSV drops it
    check "a failed results CSV leaves no summary and no temp file" \
        sh -c "[ -z \"\$(ls -A '$T/out' | grep -v -e '^tong-hop.xlsx\$' -e '^ket-qua.csv\$')\" ]"
    check "/dev/full is still the device (written into, never renamed over)" test -c "$FULL"
else
    skip "/dev/full" "no /dev/full here"
fi
mkdir "$T/tiny"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=40k tmpfs "$T/tiny" 2>/dev/null; then
    echo "cũ" >"$T/tiny/tong-hop.xlsx"
    head -c 30000 /dev/zero >"$T/tiny/filler" 2>/dev/null
    run tiny -o "$T/tiny/tong-hop.xlsx" --csv "$T/tiny/ket-qua.csv" "$IN"
    if [ "$rc" = 5 ] && has "$T/tiny.err" "ổ đĩa đã đầy"; then ok "a full file system: exit 5, disk full"
    else no "a full file system: exit 5, disk full (exit $rc)"; show "$T/tiny.err"; fi
    check "the old output is intact after the failed write" sh -c "[ \"\$(cat '$T/tiny/tong-hop.xlsx')\" = cũ ]"
    ls -A "$T/tiny" | grep -v -e '^filler$' -e '^tong-hop.xlsx$' -e '^ket-qua.csv$' >"$T/tiny.left"
    check "no temp file is left on the full file system" test ! -s "$T/tiny.left"
    if [ -e "$T/tiny/ket-qua.csv" ]; then
        check "a results CSV that was written is complete" cmp -s "$T/tiny/ket-qua.csv" examples/phuong-nho/ket-qua-mong-doi.csv
    fi
    umount "$T/tiny"
else
    skip "a full tmpfs" "mounting a tmpfs needs root"
fi

# 6. A read-only folder and a permission error (as an ordinary user).
mkdir "$T/ro"
echo "cũ" >"$T/ro/tong-hop.xlsx"
chmod 555 "$T/ro"
chmod 755 "$T"
chmod 644 "$IN"
if [ "$(id -u)" = 0 ]; then
    AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
    command -v setpriv >/dev/null || AS=""
    # the checkout may sit where an ordinary user cannot reach the binary
    [ -n "$AS" ] && ! $AS "$DV" --version >/dev/null 2>&1 && AS=""
else
    AS="env"
fi
if [ -n "$AS" ]; then
    $AS "$DV" assess -q -o "$T/ro/tong-hop.xlsx" "$IN" >"$T/ro.out" 2>"$T/ro.err"
    rc=$?
    refused ro 5 "a read-only output folder: exit 5, no permission" "không có quyền ghi"
    check "the old output in the read-only folder is intact" sh -c "[ \"\$(cat '$T/ro/tong-hop.xlsx')\" = cũ ]"
    clean "$T/ro" "no temp file in the read-only folder" "tong-hop.xlsx "
    mkdir "$T/closed" "$T/pub" && echo "cũ" >"$T/closed/ket-qua.csv" && chmod 700 "$T/closed" && chmod 777 "$T/pub"
    $AS "$DV" assess -q -o "$T/pub/c.xlsx" --csv "$T/closed/ket-qua.csv" "$IN" >"$T/closed.out" 2>"$T/closed.err"
    rc=$?
    refused closed 5 "a folder the user may not enter: exit 5, no permission" "không có quyền ghi"
else
    skip "read-only folder" "no ordinary user can run $DV here"
fi
chmod 755 "$T/ro"

finish
