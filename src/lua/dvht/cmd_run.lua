-- cmd_run.lua - "dvht run SCRIPT.lua [ARGS...]": runs a trusted Lua script
-- (an office's own automation, or a test) with the scripting API of
-- api.lua as the global `dvht`, lfs, and the standard libraries.
local core = require "dvht.core"
local cli = require "dvht.cli"

local EXIT = core.exit
local M = {}

function M.run(args)
  local script = args[1]
  if not script then cli.fail(EXIT.USAGE, "thiếu tệp kịch bản.\nCách dùng: dvht run KỊCH_BẢN.lua [THAM_SỐ...]") end
  local chunk, err = core.load_text(script, "@" .. script)
  if not chunk then cli.fail(EXIT.USAGE, "%s", err) end
  _G.arg = table.move(args, 2, #args, 1, { [0] = script })
  _G.dvht = require "dvht.api"
  local ok, res = xpcall(chunk, core.traceback, table.unpack(_G.arg))
  if not ok then
    local e = res
    if type(e) == "table" and e.code then error(e, 0) end
    io.stderr:write("dvht: lỗi trong kịch bản: ", tostring(e), "\n")
    return EXIT.INTERNAL
  end
  return math.tointeger(res) or EXIT.OK
end

return M
