-- progress.lua - progress on stderr for long runs, only on a terminal:
-- files read (with rows per second and time left), then units assessed
-- (units per second, time left). One line, redrawn in place; cleared at
-- the end. Nothing at all when stderr is not a terminal or with --quiet.
local core = require "dvht.core"
local vi = require "dvht.vi"

local M = {}

local function seconds(s)
  s = math.floor(s + 0.5)
  if s < 60 then return ("%d giây"):format(s) end
  return ("%d phút %02d giây"):format(s // 60, s % 60)
end

function M.new(quiet)
  local p = {}
  local active = not quiet and core.isatty(2)
  local t0 = core.clock()
  local t_units, u0
  local last = -1
  local function show(text)
    if active then io.stderr:write("\r\27[K", text) end
  end
  -- a redraw at most every 0.1 s: thousands of small files stay cheap
  local function due(force)
    local now = core.clock()
    if force or now - last >= 0.1 then
      last = now
      return now
    end
  end
  -- Before file `index` of `files`; rows = data rows read so far.
  function p.file(path, index, files, rows)
    if not active then return end
    local now = due(index == 1 or index == files)
    if not now then return end
    local dt = now - t0
    local text = ("Đang đọc tệp %d/%d: %s"):format(index or 0, files or 0, path)
    if rows and dt > 0 and index and index > 1 then
      local left = dt / (index - 1) * (files - index + 1)
      text = text .. (" (%s dòng/giây, còn khoảng %s)"):format(vi.int(rows / dt), seconds(left))
    end
    show(text)
  end
  function p.units(done, total)
    if not active then return end
    local now = due(not t_units or done >= total)
    if not now then return end
    if not t_units then t_units, u0 = now, done end
    local dt = now - t_units
    local rate = dt > 0 and (done - u0) / dt or 0
    local left = rate > 0 and (total - done) / rate or 0
    show(("Đã đánh giá %s/%s đơn vị (%s đơn vị/giây, còn khoảng %s)"):format(vi.int(done), vi.int(total),
      vi.int(rate), seconds(left)))
  end
  function p.done()
    if active then io.stderr:write("\r\27[K") end
  end
  return p
end

return M
