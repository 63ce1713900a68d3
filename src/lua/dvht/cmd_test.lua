-- cmd_test.lua - "dvht test [PLAN]": runs the plan's own test cases
-- (rules/<plan>/tests/*.lua, see plan_tests.lua) and prints TAP-like lines:
--   ok - <file>: <case>
--   not ok - <file>: <case>: tc2_4 = muc_1, mong đợi khong_dat
-- then "N passed, N failed". Exit 0 when every case passes, 1 otherwise
-- (also when the plan has no test case), EXIT.PLAN when the plan does not load.
local core = require "dvht.core"
local cli = require "dvht.cli"
local plan_tests = require "dvht.plan_tests"

local EXIT = core.exit
local M = {}

local FAILED = 1

local display = require("dvht.plan_check").display_path

function M.run(args)
  local opts, pos = cli.parse(args, cli.with_plan_options {})
  if #pos > 1 then cli.fail(EXIT.USAGE, "chỉ chạy kiểm thử của một bộ tiêu chí mỗi lần.\nCách dùng: dvht test [THƯ_MỤC_BỘ_TIÊU_CHÍ | TÊN]") end
  if pos[1] then opts["--plan"] = pos[1] end
  local plan = cli.load_plan(opts)
  local results = plan_tests.run(plan)
  local out = { ("# bộ tiêu chí %s (%s)"):format(tostring(plan.id), display(plan.dir)) }
  local passed, failed = 0, 0
  for _, r in ipairs(results) do
    if r.ok then
      passed = passed + 1
      out[#out + 1] = ("ok - %s: %s"):format(r.file, r.case)
    else
      failed = failed + 1
      out[#out + 1] = ("not ok - %s: %s: %s"):format(r.file, r.case, table.concat(r.diffs, "; "))
      out[#out + 1] = ("#   tại %s%s"):format(display(r.path), r.line and (":" .. r.line) or "")
    end
  end
  if #results == 0 then
    out[#out + 1] = ("# chưa có ca kiểm thử nào: hãy thêm tệp .lua vào %s/tests (xem docs/huong-dan-chinh-sua-bo-tieu-chi.md)")
      :format(display(plan.dir))
  end
  out[#out + 1] = ("%d passed, %d failed"):format(passed, failed)
  io.stdout:write(table.concat(out, "\n"), "\n")
  return (failed == 0 and #results > 0) and EXIT.OK or FAILED
end

return M
