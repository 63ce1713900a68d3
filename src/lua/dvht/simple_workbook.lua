-- simple_workbook.lua - a workbook of plain tables for scripts
-- (dvht.write_workbook): one sheet per table, an optional title row, a
-- bold header, borders, frozen header, filter, A4 print setup.
local workbook = require "dvht.workbook"

local M = {}

local FONT = "Times New Roman"

-- sheets = { { name, title?, header = { ... }, rows = { { ... } }, widths? } }
-- Rows are lists of cells (strings, numbers, booleans, nil), or tables keyed
-- by the header's names. Returns true, or nil and a message.
function M.write(path, sheets)
  if type(sheets) ~= "table" or #sheets == 0 then return nil, "write_workbook cần ít nhất một trang" end
  local ok, err = pcall(function()
    local wb <close> = workbook.new(path, { fit_text = true })
    local base = { font = FONT, size = 11, border = 1, valign = "vcenter" }
    local F = {
      title = wb:format { font = FONT, size = 13, bold = true },
      head = wb:format { font = FONT, size = 11, border = 1, valign = "vcenter", bold = true, bg = "#DDEBF7",
        align = "center", wrap = true },
      cell = wb:format(base),
    }
    for _, sh in ipairs(sheets) do
      local ws = wb:add_sheet(sh.name)
      local header, rows = sh.header or {}, sh.rows or {}
      local top = 0
      if sh.title then
        ws:write(0, 0, sh.title, F.title)
        top = 2
      end
      for c, h in ipairs(header) do ws:write(top, c - 1, h, F.head) end
      local ncols = #header
      for i, row in ipairs(rows) do
        local keyed = #header > 0 and row[1] == nil and next(row) ~= nil
        local n = keyed and #header or math.max(#header, #row)
        ncols = math.max(ncols, n)
        for c = 1, n do
          local v = keyed and row[header[c]] or row[c]
          ws:write(top + i, c - 1, v, F.cell)
        end
      end
      for c = 1, ncols do
        local w = sh.widths and sh.widths[c] or 14
        ws:set_column(c - 1, c - 1, w)
      end
      if #header > 0 then
        ws:freeze(top + 1, 0)
        ws:autofilter(top, 0, top + math.max(#rows, 1), #header - 1)
      end
      ws:print_setup { paper = "A4", landscape = ncols > 6, fit_width = 1, fit_height = 0,
        repeat_rows = #header > 0 and { top, top } or nil }
    end
    wb:close()
  end)
  if not ok then return nil, tostring(err) end
  return true
end

return M
