#!/bin/sh
# test_limits.sh - the plan sandbox's limits at the command line: an endless
# loop, a memory bomb or an escape attempt in a plan stops the run with exit
# code 3 and a Vietnamese message naming the plan file and the indicator (or
# roll-up) being evaluated; the limits come from --rule-steps / --rule-mem /
# --rule-time / --lua-mem and DVHT_RULE_STEPS / DVHT_RULE_MEM /
# DVHT_RULE_TIME / DVHT_LUA_MEM. Prints TAP.
. "$(dirname "$0")/lib.sh"

DATA=examples/phuong-nho/don-vi.csv
# run NAME ARGS...: dvht assess into $T/NAME.*, exit code in $rc (a stuck
# run is stopped after 300 s so the suite cannot hang).
run() {
    name=$1
    shift
    timeout 300 "$DVHT" assess -q -o "$T/$name.xlsx" --csv "$T/$name.csv" "$@" >"$T/$name.out" 2>"$T/$name.err"
    rc=$?
}
# stopped NAME WHAT TEXT...: exit 3, each TEXT in the message, no output
# left and no temp file of one (.NAME.xlsx.XXXXXX).
stopped() {
    name=$1 what=$2
    shift 2
    good=1
    [ "$rc" = 3 ] || good=0
    for text in "$@"; do has "$T/$name.err" "$text" || good=0; done
    [ -e "$T/$name.xlsx" ] || [ -e "$T/$name.csv" ] && good=0
    ls -A "$T" | grep -q "^\.$name\." && good=0
    if [ "$good" = 1 ]; then ok "$what"; else no "$what (exit $rc)"; show "$T/$name.err"; fi
}

# 1. Instruction budget: an endless loop in a measure.
plan loop <<'EOF'
change "tc2_4" { measure = function(u) while true do end end }
EOF
run loop --plan "$T/loop" --rule-steps 100000 "$DATA"
stopped loop "--rule-steps: an endless loop in a measure is stopped, naming the plan file and TC2.4" \
    "$T/loop/plan.lua:3" "TC2.4" "tc2_4" "100000 bước lệnh"
DVHT_RULE_STEPS=50000 run loop-env --plan "$T/loop" "$DATA"
stopped loop-env "DVHT_RULE_STEPS: the same loop is stopped at the budget from the environment" \
    "$T/loop/plan.lua:3" "TC2.4" "50000 bước lệnh"
DVHT_RULE_STEPS=50000 run loop-both --plan "$T/loop" --rule-steps 70000 "$DATA"
stopped loop-both "the command line wins over the environment" "70000 bước lệnh"

# 2. Memory cap of one rule: a measure that fills a table.
plan bomb <<'EOF'
change "tc3_3" { measure = function(u) local t = {} for i = 1, 1e9 do t[i] = { i } end return 0 end }
EOF
run bomb --plan "$T/bomb" --rule-steps 1000000000 --rule-mem 8 "$DATA"
stopped bomb "--rule-mem: a memory bomb in a measure is stopped, naming the plan file and TC3.3" \
    "$T/bomb/plan.lua:3" "TC3.3" "8 MiB"
DVHT_RULE_MEM=8 DVHT_RULE_STEPS=1000000000 run bomb-env --plan "$T/bomb" "$DATA"
stopped bomb-env "DVHT_RULE_MEM: the same bomb is stopped at the cap from the environment" \
    "$T/bomb/plan.lua:3" "TC3.3" "8 MiB"
DVHT_LUA_MEM=64 run bomb-heap --plan "$T/bomb" --rule-steps 1000000000 --rule-mem 4000 "$DATA"
stopped bomb-heap "DVHT_LUA_MEM: the whole-heap cap stops it too and says so" \
    "$T/bomb/plan.lua:3" "TC3.3" "64 MiB" "--lua-mem"
run bomb-heap-cli --plan "$T/bomb" --rule-steps 1000000000 --rule-mem 4000 --lua-mem 64 "$DATA"
stopped bomb-heap-cli "--lua-mem: the same from the command line" "TC3.3" "64 MiB"

# 3. A string that doubles itself (memory in one allocation after another).
plan strbomb <<'EOF'
change "tc1_1" { measure = function(u) local s = "x" for i = 1, 40 do s = s .. s end return #s end }
EOF
run strbomb --plan "$T/strbomb" --rule-mem 16 "$DATA"
stopped strbomb "a doubling string is stopped at --rule-mem" "TC1.1" "$T/strbomb/plan.lua:3" "16 MiB"

# 3a. A backtracking pattern: the matcher runs in C, out of the hook's reach,
# so the call is priced first and refused (hours of work otherwise).
plan pattern <<'EOF'
change "tc1_1" { measure = function(u)
  local s = ("a"):rep(60)
  return s:find(".-.-.-.-.-.-.-.-.-.-.-.-x") and 2 or 0
end }
EOF
run pattern --plan "$T/pattern" --rule-steps 100000 "$DATA"
stopped pattern "a backtracking pattern is refused before it runs, naming plan.lua:5 and TC1.1" \
    "$T/pattern/plan.lua:5" "TC1.1" "tìm kiếm theo mẫu" "100000 bước lệnh"

# the same in a tail call, which hides the rule from the stack
plan pattern-tail <<'EOF'
change "tc1_1" { measure = function(u) return ("a"):rep(60):find(".-.-.-.-.-.-.-.-.-.-.-.-x") end }
EOF
run pattern-tail --plan "$T/pattern-tail" "$DATA"
stopped pattern-tail "a backtracking pattern in a tail call is refused too" "TC1.1" "tìm kiếm theo mẫu"

# 3c. A loop whose every instruction takes long (shifting a long array)
# stays under the step budget for hours: --rule-time stops it.
plan slow <<'EOF'
change "tc2_1" { measure = function(u)
  local t = {} for i = 1, 1.5e6 do t[i] = i end
  while true do table.insert(t, 1, 0) table.remove(t, 1) end
end }
EOF
run slow --plan "$T/slow" --rule-time 2 "$DATA"
stopped slow "--rule-time: a loop of slow instructions is stopped after 2 s, naming plan.lua and TC2.1" \
    "$T/slow/plan.lua:" "TC2.1" "quá 2 giây"
DVHT_RULE_TIME=3 run slow-env --plan "$T/slow" "$DATA"
stopped slow-env "DVHT_RULE_TIME: the same from the environment" "quá 3 giây"

# 3b. A rule that fails at the last unit only: the rows of the units before
# it were already on their way into the summary, which is dropped whole.
plan lastunit <<'EOF'
change "tc1_1" { measure = function(u)
  if u.ma_don_vi == "PL-10" then error("hỏng ở đơn vị cuối") end
  return u.ke_hoach_hoc_tap and 2 or 0
end }
EOF
run lastunit --plan "$T/lastunit" "$DATA"
stopped lastunit "a rule failing at the last unit: exit 3, names the unit, no summary and no temp file" \
    "$T/lastunit/plan.lua:4" "hỏng ở đơn vị cuối" "PL-10"

# 4. A pcall inside the rule cannot swallow the stop.
plan swallow <<'EOF'
rollup {
  criterion = function(c) return true, 2 end,
  unit = function(u)
    while true do pcall(function() while true do end end) end
  end,
}
EOF
run swallow --plan "$T/swallow" --rule-steps 200000 "$DATA"
stopped swallow "pcall inside the roll-up does not swallow the budget; the roll-up and its file are named" \
    "rollup" "$T/swallow/plan.lua" "200000 bước lệnh"

# 5. Loading itself is limited: an endless loop at the top of a plan file.
plan loadloop <<'EOF'
local n = 0
while true do n = n + 1 end
EOF
run loadloop --plan "$T/loadloop" --rule-steps 100000 "$DATA"
stopped loadloop "an endless loop while the plan loads is stopped, naming plan.lua:4" \
    "$T/loadloop/plan.lua:4" "bước lệnh"
plan loadbomb <<'EOF'
local t = {}
for i = 1, 1e9 do t[i] = string.rep("x", 100) .. i end
EOF
run loadbomb --plan "$T/loadbomb" --rule-steps 1000000000 --rule-mem 16 "$DATA"
stopped loadbomb "a memory bomb while the plan loads is stopped, naming the plan file" \
    "$T/loadbomb/plan.lua" "16 MiB"

# 6. Escape attempts: what a plan may not reach is not there.
case "$DVHT" in /*) DV=$DVHT ;; *) DV=$ROOT/$DVHT ;; esac
n=0
for body in 'io.open("/etc/passwd")' 'os.execute("touch ESCAPED")' 'require("lfs")' \
    'load("return 1")()' 'dofile("/etc/passwd")' 'debug.getinfo(1)' 'getmetatable("").__index.rep = nil' \
    'setmetatable(_G, nil)' 'rawset(_G, "x", 1)' 'string.dump(print)' 'collectgarbage("stop")' \
    'package.loaded["dvht.core"].write_file("ESCAPED", "x")'; do
    n=$((n + 1))
    plan "escape$n" <<EOF
local ok = $body
EOF
    (cd "$T" && timeout 300 "$DV" assess -q --plan "$T/escape$n" -o "$T/escape$n.xlsx" "$ROOT/$DATA" \
        >"$T/escape$n.out" 2>"$T/escape$n.err")
    rc=$?
    if [ "$rc" = 3 ] && has "$T/escape$n.err" "$T/escape$n/plan.lua:3" && [ ! -e "$T/ESCAPED" ] &&
        [ ! -e "$T/escape$n.xlsx" ]; then
        ok "escape attempt refused with the plan file and line: $body"
    else
        no "escape attempt refused with the plan file and line: $body (exit $rc)"
        show "$T/escape$n.err"
    fi
done

# 7. Wrong limit values are usage errors; the defaults are documented.
for bad in "--rule-steps abc" "--rule-steps 0" "--rule-mem -1" "--lua-mem x" "--rule-time 0"; do
    run badopt $bad "$DATA"
    if [ "$rc" = 2 ] && has "$T/badopt.err" "${bad%% *}"; then
        ok "$bad is refused with exit 2 and names the option"
    else
        no "$bad is refused with exit 2 and names the option (exit $rc)"
        show "$T/badopt.err"
    fi
done
"$DVHT" --help >"$T/help" 2>&1
check "the help names the four limits with their defaults" sh -c \
    "grep -q -- '--rule-steps' '$T/help' && grep -q '10000000' '$T/help' && grep -q -- '--rule-mem' '$T/help' && grep -q -- '--lua-mem' '$T/help' && grep -q -- '--rule-time GIÂY .*mặc định 10' '$T/help'"

# 8. Sane limits do not disturb a normal run (the example has units in error: exit 1).
run normal --rule-steps 100000 --rule-mem 8 "$DATA"
check "a normal plan runs under small limits (exit 1, results as expected)" sh -c \
    "[ $rc = 1 ] && cmp -s '$T/normal.csv' examples/phuong-nho/ket-qua-mong-doi.csv"

finish
