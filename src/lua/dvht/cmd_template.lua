-- cmd_template.lua - "dvht template [--plan DIR] [-o mau-nhap-lieu.xlsx]":
-- writes the data-entry workbook the units fill in (layout: template.lua).
local core = require "dvht.core"
local cli = require "dvht.cli"
local template = require "dvht.template"

local EXIT = core.exit
local M = {}

local SPEC = cli.with_plan_options { ["-o"] = "value", ["--output"] = "value", ["--quiet"] = "flag", ["-q"] = "flag" }

local USAGE = "Cách dùng: dvht template [--plan THƯ_MỤC] [-o mau-nhap-lieu.xlsx]"

function M.run(args)
  local opts, rest = cli.parse(args, SPEC)
  if #rest > 0 then cli.fail(EXIT.USAGE, "thừa tham số \"%s\".\n%s", rest[1], USAGE) end
  local out = opts["-o"] or opts["--output"] or "mau-nhap-lieu.xlsx"
  if not out:lower():match("%.xlsx$") then
    cli.fail(EXIT.USAGE, "tệp mẫu phải có đuôi .xlsx (nhận được \"%s\")", out)
  end
  local plan = cli.load_plan(opts)
  local ok, err = template.write(out, plan)
  if not ok then cli.fail(EXIT.OUTPUT, "%s", err) end
  if not (opts["--quiet"] or opts["-q"]) then
    io.stdout:write(("Đã tạo tệp mẫu nhập liệu: %s (bộ tiêu chí: %s)\n"):format(out, plan.id or plan.dir))
  end
  return EXIT.OK
end

return M
