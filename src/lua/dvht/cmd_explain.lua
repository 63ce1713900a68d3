-- cmd_explain.lua - "dvht explain CODE FILE...": one unit, step by step.
local core = require "dvht.core"
local cli = require "dvht.cli"
local explain = require "dvht.explain"

local EXIT = core.exit
local M = {}

function M.run(args)
  local opts, pos = cli.parse(args, cli.with_plan_options {})
  local code = table.remove(pos, 1)
  if not code or #pos == 0 then
    cli.fail(EXIT.USAGE, "cần mã đơn vị và tệp dữ liệu.\nCách dùng: dvht explain [--plan THƯ_MỤC] MÃ_ĐƠN_VỊ TỆP...")
  end
  local plan = cli.load_plan(opts)
  local _, outcomes = require("dvht.cmd_assess").load_and_assess(plan, pos, { quiet = true })
  for _, o in ipairs(outcomes) do
    if o.rec.code == code then
      io.stdout:write(explain.text(plan, o))
      return o.result == "loi" and EXIT.DATA_ERRORS or EXIT.OK
    end
  end
  cli.fail(EXIT.INPUT, "không có đơn vị mã \"%s\" trong dữ liệu", code)
end

return M
