#!/bin/sh
# test_plan_tools.sh - the plan-authoring tools: `dvht check` on good plans
# and on the plans with planted mistakes (tests/plans/broken-*/, expected
# output in mong-doi.txt), `dvht test` on the bundled plans and on a plan
# with a deliberately wrong case, `--nam`, the 2026 texts, and a threshold
# edited in a copy of a plan taking effect without a rebuild.
# Prints TAP lines; exits non-zero when a check fails.
. "$(dirname "$0")/lib.sh"

# run OUT CMD...: runs a command, output (stdout+stderr) in OUT, status in $rc
run() { out=$1; shift; "$@" >"$out" 2>&1; rc=$?; }

# 1. Good plans: no error, no warning.
for p in hanoi-2025 hanoi-2026 tests/plans/points-2015; do
    run "$T/check.out" "$DVHT" check "$p"
    if [ "$rc" -eq 0 ] && has "$T/check.out" "không có lỗi, không có cảnh báo"; then
        ok "check $p: no error, no warning"
    else
        no "check $p: no error, no warning (exit $rc)"; show "$T/check.out"
    fi
done

# 2. Broken plans: exactly the expected findings, exit 3 with errors, 0 with warnings only.
for d in tests/plans/broken-*/; do
    d=${d%/}
    name=$(basename "$d")
    run "$T/check.out" "$DVHT" check "$d"
    want_rc=0
    grep -q ': lỗi: ' "$d/mong-doi.txt" && want_rc=3
    if [ "$rc" -eq "$want_rc" ] && cmp -s "$T/check.out" "$d/mong-doi.txt"; then
        ok "check $name: expected findings, exit $rc"
    else
        no "check $name: exit $rc (want $want_rc), output differs from mong-doi.txt"
        diff "$d/mong-doi.txt" "$T/check.out" | show /dev/stdin 20
    fi
done

# Every lint rule has a broken plan that triggers it.
"$DVHT" check --quy-tac >"$T/rules.out" 2>&1
nrules=0
for rule in $(sed -n 's/^  \([a-z-]*\) .*/\1/p' "$T/rules.out"); do
    nrules=$((nrules + 1))
    if cat tests/plans/broken-*/mong-doi.txt | grep -qF "[$rule]"; then
        ok "lint rule $rule has a broken plan"
    else
        no "lint rule $rule has a broken plan"
    fi
done
[ "$nrules" -ge 10 ] && ok "dvht check --quy-tac lists $nrules rules" || no "dvht check --quy-tac lists the rules ($nrules)"

# A syntax error does not hide the next one.
if [ "$(grep -c ': lỗi: ' tests/plans/broken-cu-phap/mong-doi.txt)" -ge 2 ]; then
    ok "check reports every syntax error, not only the first"
else
    no "check reports every syntax error, not only the first"
fi

# 3. dvht test on the bundled plans.
for p in hanoi-2025 hanoi-2026; do
    run "$T/test.out" "$DVHT" test "$p"
    n=$(grep -c '^ok - ' "$T/test.out")
    if [ "$rc" -eq 0 ] && has "$T/test.out" "$n passed, 0 failed" && [ "$n" -ge 100 ]; then
        ok "test $p: $n cases pass"
    else
        no "test $p: exit $rc, $n cases passed"; grep '^not ok' "$T/test.out" | show /dev/stdin
    fi
done

# 4. A deliberately wrong case fails, named with the indicator that differs.
run "$T/fail.out" "$DVHT" test tests/plans/failing-case
if [ "$rc" -eq 1 ] && has "$T/fail.out" "not ok - co-y-sai.lua: cố ý sai: tc2_4 = muc_1, mong đợi khong_dat" &&
    has "$T/fail.out" "ok - co-y-sai.lua: 55% là mức 1" && has "$T/fail.out" "1 passed, 1 failed" &&
    has "$T/fail.out" "tests/plans/failing-case/tests/co-y-sai.lua:7"; then
    ok "test of a plan with a wrong case: exit 1, names the case, the indicator and file:line"
else
    no "test of a plan with a wrong case (exit $rc)"; show "$T/fail.out"
fi

# The 2026 cases run against the 2025 plan fail exactly on TC2.4.
mkdir -p "$T/p25/tests"
printf 'inherit "hanoi-2025"\nplan { id = "thu-2025" }\n' >"$T/p25/plan.lua"
cp rules/hanoi-2026/tests/*.lua "$T/p25/tests/"
run "$T/cross.out" "$DVHT" test "$T/p25"
nfail=$(grep -c '^not ok' "$T/cross.out")
nother=$(grep '^not ok' "$T/cross.out" | grep -vc 'tc2_4 = ')
if [ "$rc" -eq 1 ] && [ "$nfail" -ge 8 ] && [ "$nother" -eq 0 ] &&
    has "$T/cross.out" "not ok - nguong.lua: TC2.4 59% không đạt: ket_qua = muc_1, mong đợi khong_dat; tc2_4 = muc_1, mong đợi khong_dat"; then
    ok "2026 cases against the 2025 plan: $nfail failures, all on TC2.4"
else
    no "2026 cases against the 2025 plan: exit $rc, $nfail failures, $nother not on TC2.4"; grep '^not ok' "$T/cross.out" | show /dev/stdin
fi

# A test file with a mistake in it is reported, not ignored.
mkdir -p "$T/bad/tests"
printf 'inherit "hanoi-2025"\nplan { id = "thu" }\n' >"$T/bad/plan.lua"
printf 'return {\n  { name = "a", unit = { loai_don_vi = "khac" tong_thanh_vien = 1 }, expect = { ket_qua = "khong_dat" } },\n}\n' >"$T/bad/tests/hong.lua"
printf 'return {\n  { name = "cột lạ", unit = { loai_don_vi = "khac", tong_thanh_vien = 1, cot_la = 1 }, expect = { ket_qua = "khong_dat" } },\n  { name = "mong đợi lạ", unit = { loai_don_vi = "khac", tong_thanh_vien = 1 }, expect = { tc2_4 = "muc1" } },\n}\n' >"$T/bad/tests/sai-khoa.lua"
printf 'return {\n  { name = "quá lớn", unit = { loai_don_vi = "khac", tong_thanh_vien = 1e300 }, expect = { ket_qua = "khong_dat" } },\n  { name = "không UTF-8", unit = { loai_don_vi = "khac", tong_thanh_vien = 1, ten_don_vi = "\\255" }, expect = { ket_qua = "khong_dat" } },\n}\n' >"$T/bad/tests/so-lon.lua"
run "$T/bad.out" "$DVHT" test "$T/bad"
if [ "$rc" -eq 1 ] && has "$T/bad.out" "not ok - hong.lua: (cả tệp): " && has "$T/bad.out" "hong.lua:2:" &&
    has "$T/bad.out" "not ok - sai-khoa.lua: cột lạ: cột 'cot_la' không có trong bảng đơn vị" &&
    has "$T/bad.out" "not ok - sai-khoa.lua: mong đợi lạ: tc2_4: giá trị mong đợi 'muc1' không hợp lệ" &&
    has "$T/bad.out" "not ok - so-lon.lua: quá lớn: ket_qua = loi, mong đợi khong_dat; lỗi dữ liệu: Tổng số thành viên: \"1e+300\" không phải số nguyên" &&
    has "$T/bad.out" "$T/bad/tests/so-lon.lua:2" &&
    has "$T/bad.out" "not ok - so-lon.lua: không UTF-8: cột 'ten_don_vi': chữ không phải UTF-8 hợp lệ" &&
    has "$T/bad.out" "$T/bad/tests/so-lon.lua:3"; then
    ok "test reports a broken test file, an unknown column, an invalid expected value, a number no cell holds and a text that is not UTF-8"
else
    no "test reports broken test files (exit $rc)"; show "$T/bad.out"
fi

# A plan without any case: exit 1 with a hint.
mkdir -p "$T/empty"
printf 'inherit "hanoi-2025"\nplan { id = "thu" }\n' >"$T/empty/plan.lua"
run "$T/empty.out" "$DVHT" test "$T/empty"
if [ "$rc" -eq 1 ] && has "$T/empty.out" "chưa có ca kiểm thử nào"; then
    ok "test of a plan without cases: exit 1, says so"
else
    no "test of a plan without cases (exit $rc)"; show "$T/empty.out"
fi

# 5. --nam picks the plan valid in that year.
printf 'ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien,ngoai_ngu\nDV-1,Đơn vị thử,co_quan_nha_nuoc,100,55\n' >"$T/don-vi.csv"
for y in 2025 2026; do
    run "$T/nam$y.out" "$DVHT" explain --nam "$y" DV-1 "$T/don-vi.csv"
    if [ "$rc" -eq 0 ] && has "$T/nam$y.out" "“Đơn vị học tập” năm $y (" ; then
        ok "--nam $y picks hanoi-$y"
    else
        no "--nam $y picks hanoi-$y (exit $rc)"; show "$T/nam$y.out" 5
    fi
done
if has "$T/nam2025.out" "TC2.4 [TC2-04] Mức độ 1 (55,0%)" && has "$T/nam2026.out" "TC2.4 [TC2-04] Không đạt (55,0%)"; then
    ok "55 % of TC2.4: Mức độ 1 in 2025, Không đạt in 2026"
else
    no "55 % of TC2.4: Mức độ 1 in 2025, Không đạt in 2026"; grep 'TC2.4' "$T/nam2025.out" "$T/nam2026.out" | show /dev/stdin
fi
run "$T/namenv.out" env DVHT_PLAN=hanoi-2025 "$DVHT" explain --nam 2026 DV-1 "$T/don-vi.csv"
if [ "$rc" -eq 0 ] && has "$T/namenv.out" "“Đơn vị học tập” năm 2026 ("; then
    ok "--nam wins over \$DVHT_PLAN"
else
    no "--nam wins over \$DVHT_PLAN (exit $rc)"; show "$T/namenv.out" 5
fi
run "$T/nam2030.out" "$DVHT" explain --nam 2030 DV-1 "$T/don-vi.csv"
if [ "$rc" -eq 3 ] && has "$T/nam2030.out" "không có bộ tiêu chí nào có hiệu lực trong năm 2030" &&
    has "$T/nam2030.out" "hanoi-2026 (2026-01-01 đến 2026-12-31)"; then
    ok "--nam 2030: exit 3, no plan, lists the plans and their dates"
else
    no "--nam 2030 (exit $rc)"; show "$T/nam2030.out"
fi
run "$T/namx.out" "$DVHT" check --nam hai-nghin
if [ "$rc" -eq 3 ] && has "$T/namx.out" "năm \"hai-nghin\" không hợp lệ"; then
    ok "--nam with a bad year: exit 3, clear message"
else
    no "--nam with a bad year (exit $rc)"; show "$T/namx.out"
fi
run "$T/check2026.out" "$DVHT" check --nam 2026
if [ "$rc" -eq 0 ] && has "$T/check2026.out" "hanoi-2026"; then ok "check --nam 2026 checks hanoi-2026"; else no "check --nam 2026"; show "$T/check2026.out"; fi

# Two plans valid in one year: a clear message (a private rules folder via DVHT_HOME).
mkdir -p "$T/home/rules"
ln -s "$ROOT/src/lua" "$T/home/lua"
cp -r rules/hanoi-2025 "$T/home/rules/a-2025"
cp -r rules/hanoi-2025 "$T/home/rules/b-2025"
run "$T/two.out" env DVHT_HOME="$T/home" "$DVHT" check --nam 2025
if [ "$rc" -eq 3 ] && has "$T/two.out" "có 2 bộ tiêu chí cùng có hiệu lực trong năm 2025: a-2025, b-2025"; then
    ok "--nam with two plans valid in the year: exit 3, names both"
else
    no "--nam with two plans valid in the year (exit $rc)"; show "$T/two.out"
fi

# 6. The 2026 texts: no "cấp huyện" left in any criterion text, TC2.4 levels say 60 % / 80 %.
cat >"$T/texts.lua" <<'EOF'
local plan = dvht.load_plan(arg[1])
local bad, texts = 0, 0
local function look(where, s)
  if type(s) ~= "string" then return end
  texts = texts + 1
  if s:find("cấp huyện", 1, true) then bad = bad + 1; print("# " .. where .. ": " .. s) end
end
for _, ind in ipairs(plan.indicators) do
  for _, f in ipairs { "text", "guide_text", "evidence_hint", "guide_evidence_hint" } do look(ind.id .. "." .. f, ind[f]) end
  for _, f in ipairs { "levels", "guide_levels" } do
    for i, s in ipairs(ind[f] or {}) do look(ind.id .. "." .. f .. i, s) end
  end
  for _, p in ipairs(ind.m.parts) do look(ind.id .. ".part", p.text) end
end
local l = plan.indicator_by_id.tc2_4.levels
print(("cap_huyen=%d texts=%d"):format(bad, texts))
print("tc2_4_m1=" .. (l[1]:match("Tối thiểu (%d+)%%") or "?") .. " tc2_4_m2=" .. (l[2]:match("Tối thiểu (%d+)%%") or "?"))
print("tc1_4=" .. plan.indicator_by_id.tc1_4.text)
print("tc1_2_part=" .. plan.indicator_by_id.tc1_2.m.parts[2].text)
EOF
run "$T/t26.out" "$DVHT" run "$T/texts.lua" hanoi-2026
if [ "$rc" -eq 0 ] && has "$T/t26.out" "cap_huyen=0 " && has "$T/t26.out" "tc2_4_m1=60 tc2_4_m2=80" &&
    has "$T/t26.out" "tc1_4=Đơn vị cấp xã/phường/cấp thành phố" && has "$T/t26.out" "tc1_2_part=Đơn vị cấp xã/phường là nhà trẻ"; then
    ok "hanoi-2026 texts: cấp xã/phường everywhere, TC2.4 levels at 60 % / 80 %"
else
    no "hanoi-2026 texts (exit $rc)"; show "$T/t26.out"
fi
run "$T/t25.out" "$DVHT" run "$T/texts.lua" hanoi-2025
if [ "$rc" -eq 0 ] && has "$T/t25.out" "tc2_4_m1=50 tc2_4_m2=70" && has "$T/t25.out" "tc1_4=Đơn vị cấp huyện/cấp thành phố" &&
    ! has "$T/t25.out" "cap_huyen=0 "; then
    ok "hanoi-2025 texts unchanged by the 2026 plan"
else
    no "hanoi-2025 texts unchanged (exit $rc)"; show "$T/t25.out"
fi

# 7. A threshold edited in a copy of the plan takes effect at once (no rebuild).
cp -r rules/hanoi-2025 "$T/sua"
sed 's/"ngoai_ngu", of = "tong_thanh_vien", muc_1 = 50,/"ngoai_ngu", of = "tong_thanh_vien", muc_1 = 56,/' \
    rules/hanoi-2025/criterion_2.lua >"$T/sua/criterion_2.lua"
if cmp -s rules/hanoi-2025/criterion_2.lua "$T/sua/criterion_2.lua"; then
    no "the threshold edit applied to the copy"
else
    ok "the threshold edit applied to the copy"
fi
run "$T/sua.out" "$DVHT" explain --plan "$T/sua" DV-1 "$T/don-vi.csv"
if [ "$rc" -eq 0 ] && has "$T/sua.out" "TC2.4 [TC2-04] Không đạt (55,0%)" && has "$T/sua.out" "Mức độ 1 ≥ 56%"; then
    ok "edited copy: 55 % of TC2.4 no longer reaches Mức độ 1"
else
    no "edited copy changes the result (exit $rc)"; grep 'TC2.4' "$T/sua.out" | show /dev/stdin
fi
run "$T/sua-test.out" "$DVHT" test "$T/sua"
if [ "$rc" -eq 1 ] && has "$T/sua-test.out" "not ok - nguong.lua: TC2.4 50% mức 1: ket_qua = khong_dat, mong đợi muc_1; tc2_4 = khong_dat, mong đợi muc_1"; then
    ok "edited copy: the plan's own tests catch the change"
else
    no "edited copy: the plan's tests catch the change (exit $rc)"; grep '^not ok' "$T/sua-test.out" | show /dev/stdin
fi
run "$T/sua-check.out" "$DVHT" check "$T/sua"
if [ "$rc" -eq 0 ] && has "$T/sua-check.out" "ngưỡng muc_1 = 56% nhưng lời văn Mức độ 1 (levels) ghi 50%"; then
    ok "edited copy: check warns that the level text still says 50 %"
else
    no "edited copy: check warns about the level text (exit $rc)"; show "$T/sua-check.out"
fi

# 8. A mistake in a plan ends every command that loads it with exit 3 and a
# message at the plan's file:line, never at a file of the engine (exit 5 or 6).
D=examples/phuong-nho/don-vi.csv
plan ten-khong-utf8 <<'EOF'
plan { name = "\192\128" }
EOF
plan tieu-de-khong-utf8 <<'EOF'
change "tc1" { title = "\255\254" }
EOF
plan mac-dinh-nan <<'EOF'
change "ngoai_ngu" { default = 0/0 }
EOF
plan nguong-nan <<'EOF'
change "tc2_4" { measure = percent { "ngoai_ngu", of = "tong_thanh_vien", muc_1 = 0/0, muc_2 = 70 } }
EOF
plan min-chu <<'EOF'
change "tong_thanh_vien" { min = "abc" }
EOF
# plan_fails "COMMAND..." NAME...: each command on each plan exits 3 and
# names the plan's mistake on line 3.
plan_fails() {
    cmds=$1
    shift
    for p in "$@"; do
        bad=
        for cmd in $cmds; do
            case $cmd in
            assess) set -- assess -q -o "$T/$p.xlsx" --csv "$T/$p.csv" "$D" ;;
            explain) set -- explain PL-01 "$D" ;;
            bien-ban | bao-cao) set -- "$cmd" --unit PL-01 -o "$T/$p-$cmd.xlsx" "$D" ;;
            huong-dan-minh-chung | template) set -- "$cmd" -o "$T/$p-$cmd.xlsx" ;;
            *) set -- "$cmd" ;;
            esac
            run "$T/cli.out" "$DVHT" "$@" --plan "$T/$p"
            if [ "$rc" -ne 3 ] || ! has "$T/cli.out" "$T/$p/plan.lua:3:" || grep -q 'dvht/[a-z_]*\.lua:' "$T/cli.out"; then
                bad="$bad $cmd (exit $rc)"
                show "$T/cli.out" 4
            fi
        done
        if [ -z "$bad" ]; then
            ok "plan $p: every command exits 3 naming plan.lua:3"
        else
            no "plan $p: every command exits 3 naming plan.lua:3:$bad"
        fi
    done
}
# Under the sanitizers and valgrind (DVHT_QUICK) two commands stand for all:
# the code that loads a plan is the same for every command.
ALL_CMDS="assess explain bien-ban bao-cao huong-dan-minh-chung template test check"
[ -n "$QUICK" ] && ALL_CMDS="assess check"
plan_fails "$ALL_CMDS" ten-khong-utf8 tieu-de-khong-utf8 mac-dinh-nan nguong-nan min-chu
# What a rule function returns is checked when it is evaluated (and probed by check).
plan ly-do-bang <<'EOF'
change "tc1_1" { applies = function(u) return false, {} end }
EOF
plan ly-do-khong-utf8 <<'EOF'
change "tc1_1" { applies = function(u) return false, "\255" end }
EOF
plan muc-nan <<'EOF'
change "tc2_4" { measure = function(u) return 0/0 end }
EOF
RULE_CMDS="assess explain bien-ban bao-cao check"
[ -n "$QUICK" ] && RULE_CMDS="explain check"
plan_fails "$RULE_CMDS" ly-do-bang ly-do-khong-utf8 muc-nan
# A syntax error reads the same, in Vietnamese, whichever command loads the plan.
plan cu-phap <<'EOF'
plan { name = "Thử" year = 2026 }
EOF
plan_fails "assess explain test check" cu-phap
bad=
for cmd in "assess -q -o $T/cu-phap.xlsx $D" "explain PL-01 $D" test; do
    # shellcheck disable=SC2086 # the words of the command
    run "$T/cli.out" "$DVHT" $cmd --plan "$T/cu-phap"
    has "$T/cli.out" "$T/cu-phap/plan.lua:3: thiếu '}' (gần 'year')" || bad="$bad ${cmd%% *}"
done
if [ -z "$bad" ]; then ok "a syntax error is in Vietnamese in assess, explain and test"; else no "a syntax error in Vietnamese:$bad"; show "$T/cli.out"; fi

finish
