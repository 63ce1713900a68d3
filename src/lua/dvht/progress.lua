-- progress.lua - progress on stderr for long runs, only on a terminal.
local core = require "dvht.core"

local M = {}

function M.new(quiet)
  local p = {}
  local active = not quiet and core.isatty(2)
  local t0 = core.clock()
  local files = 0
  local function show(text)
    if active then io.stderr:write("\r\27[K", text) end
  end
  function p.file(path)
    files = files + 1
    show(("Đang đọc tệp %d: %s"):format(files, path))
  end
  function p.units(done, total)
    local dt = core.clock() - t0
    local rate = dt > 0 and done / dt or 0
    local left = rate > 0 and (total - done) / rate or 0
    show(("Đã đánh giá %d/%d đơn vị (%.0f đơn vị/giây, còn khoảng %.0f giây)"):format(done, total, rate, left))
  end
  function p.done()
    if active then io.stderr:write("\r\27[K") end
  end
  return p
end

return M
