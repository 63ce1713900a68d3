-- cmd_check.lua - "dvht check [PLAN]": lints a plan (plan_check.lua) and
-- prints one line per finding, "file:line: lỗi|cảnh báo: message [rule]".
-- Exit 0 when there is no error (warnings allowed), EXIT.PLAN otherwise.
local core = require "dvht.core"
local cli = require "dvht.cli"
local plan_check = require "dvht.plan_check"

local EXIT = core.exit
local M = {}

local USAGE = "Cách dùng: dvht check [THƯ_MỤC_BỘ_TIÊU_CHÍ | TÊN] (hoặc --plan ..., --nam NĂM)"

-- The plan to check: the argument, then --plan, --nam, $DVHT_PLAN, hanoi-2025.
function M.plan_spec(opts, pos)
  if #pos > 1 then cli.fail(EXIT.USAGE, "chỉ kiểm tra một bộ tiêu chí mỗi lần.\n%s", USAGE) end
  local spec = pos[1] or opts["--plan"]
  if not spec and opts["--nam"] then
    local dir, err = require("dvht.plan").for_year(opts["--nam"])
    if not dir then cli.fail(EXIT.PLAN, "%s", err) end
    spec = dir
  end
  return spec or os.getenv("DVHT_PLAN") or "hanoi-2025"
end

local function list_rules()
  local out = { "Các quy tắc kiểm tra của dvht check:" }
  for _, r in ipairs(plan_check.RULES) do out[#out + 1] = ("  %-15s %s"):format(r[1], r[2]) end
  return table.concat(out, "\n") .. "\n"
end

function M.run(args)
  local opts, pos = cli.parse(args, cli.with_plan_options { ["--quy-tac"] = "flag", ["-q"] = "flag", ["--quiet"] = "flag" })
  if opts["--quy-tac"] then
    io.stdout:write(list_rules())
    return EXIT.OK
  end
  local spec = M.plan_spec(opts, pos)
  local report, err = plan_check.run(spec)
  if not report then cli.fail(EXIT.PLAN, "%s", err) end
  local out = {}
  for _, it in ipairs(report.items) do out[#out + 1] = plan_check.format_item(it) end
  local name = report.plan_id and ("%s (%s)"):format(report.plan_id, report.dir) or report.dir
  if report.errors == 0 and report.warnings == 0 then
    out[#out + 1] = ("Bộ tiêu chí %s: không có lỗi, không có cảnh báo."):format(name)
  else
    out[#out + 1] = ("Bộ tiêu chí %s: %d lỗi, %d cảnh báo."):format(name, report.errors, report.warnings)
  end
  if not (opts["-q"] or opts["--quiet"]) or report.errors + report.warnings > 0 then
    io.stdout:write(table.concat(out, "\n"), "\n")
  end
  return report.errors > 0 and EXIT.PLAN or EXIT.OK
end

return M
