#!/bin/sh
# test_progress.sh - on a terminal `dvht assess` shows progress on stderr
# (files, rows per second, units per second, time left) on one line that is
# cleared at the end; with stderr not a terminal, or with --quiet, nothing
# extra is written. The terminal comes from script(1). Prints TAP lines.
. "$(dirname "$0")/lib.sh"

if ! command -v script >/dev/null 2>&1; then
    skip "progress on a terminal" "script(1) missing (Debian: bsdutils)"
    finish
    exit $?
fi
case "$DVHT" in /*) DV=$DVHT ;; *) DV=$ROOT/$DVHT ;; esac
n=3000
[ -n "$QUICK" ] && n=1200
"$PY3" tests/reference/gen_units.py --units "$n" --seed 21 --out "$T/a.csv" || no "gen_units.py"
"$PY3" tests/reference/gen_units.py --units 300 --seed 22 --out "$T/b.csv" || no "gen_units.py"
FILES="$T/a.csv $T/b.csv examples/phuong-nho/don-vi.csv"

# 1. On a terminal: stdout and stderr of the command both go to the pty.
script -qec "'$DV' assess -o '$T/tty.xlsx' $FILES" /dev/null </dev/null >"$T/tty" 2>&1
rc=$?
check "on a terminal the run ends normally (exit 1: units in error)" [ "$rc" = 1 ]
for text in "Đang đọc tệp 1/3" "Đang đọc tệp 3/3" "dòng/giây" "Đã đánh giá 1.000/" "đơn vị/giây" "còn khoảng"; do
    check "progress shows \"$text\"" has "$T/tty" "$text"
done
# the progress line is redrawn with CR + erase-line and erased before the summary
printf '\r\033[KĐã đọc' >"$T/cleared"
check "the progress line is erased before the summary is printed" has "$T/tty" "$(cat "$T/cleared")"
check "the summary still follows on the terminal" has "$T/tty" "Bảng tổng hợp: $T/tty.xlsx"

# A file that cannot be read after others were: the message starts on a
# clean line (the progress line is erased before it).
printf 'ma_don_vi,loai_don_vi\nA,"khong dong' >"$T/broken.csv"
script -qec "'$DV' assess -o '$T/broken.xlsx' $T/a.csv $T/broken.csv" /dev/null </dev/null >"$T/broken" 2>&1
rc=$?
check "a broken file on a terminal: exit 4" [ "$rc" = 4 ]
printf '\r\033[Kdvht: ' >"$T/clean-error"
check "the error message starts on a clean line" has "$T/broken" "$(cat "$T/clean-error")"

# 2. Not a terminal: nothing on stderr, no control characters on stdout.
"$DV" assess -o "$T/pipe.xlsx" $FILES >"$T/pipe.out" 2>"$T/pipe.err"
rc=$?
check "not a terminal: exit 1 as on the terminal" [ "$rc" = 1 ]
check "not a terminal: nothing at all on stderr" test ! -s "$T/pipe.err"
check "not a terminal: no escape sequence or CR on stdout" sh -c "! grep -q \"\$(printf '[\r\033]')\" '$T/pipe.out'"

# 3. stdout on a terminal but stderr redirected: still nothing on stderr.
script -qec "'$DV' assess -o '$T/half.xlsx' $FILES 2>'$T/half.err'" /dev/null </dev/null >"$T/half" 2>&1
check "stderr redirected while stdout is a terminal: no progress" test ! -s "$T/half.err"

# 4. --quiet on a terminal: neither progress nor summary.
script -qec "'$DV' assess -q -o '$T/quiet.xlsx' $FILES" /dev/null </dev/null >"$T/quiet" 2>&1
check "--quiet on a terminal: no progress" sh -c "! grep -q 'Đang đọc' '$T/quiet' && ! grep -q 'Đã đánh giá' '$T/quiet'"
check "--quiet still writes the workbook" test -s "$T/quiet.xlsx"

finish
