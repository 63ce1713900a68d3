-- csv_write.lua - CSV text for outputs (RFC 4180 quoting, LF line ends,
-- UTF-8 without BOM: the format of the results CSV of DATA.md).
local core = require "dvht.core"

local M = {}

local function quote(v)
  local s = v == nil and "" or tostring(v)
  if s:find('[,"\r\n]') then return '"' .. s:gsub('"', '""') .. '"' end
  return s
end

-- One line (without its line end) from a list of cells; nil cells are empty.
function M.line(cells, n)
  local out = {}
  for i = 1, n or #cells do out[i] = quote(cells[i]) end
  return table.concat(out, ",")
end

-- The whole text: an optional header, then the rows. A row is a list of
-- cells, or a table keyed by the header's names.
function M.text(header, rows)
  local lines = {}
  if header then lines[#lines + 1] = M.line(header) end
  for _, row in ipairs(rows) do
    if header and row[1] == nil and next(row) ~= nil then
      local cells = {}
      for i, h in ipairs(header) do cells[i] = row[h] end
      lines[#lines + 1] = M.line(cells, #header)
    else
      lines[#lines + 1] = M.line(row, header and math.max(#header, #row) or #row)
    end
  end
  lines[#lines + 1] = ""
  return table.concat(lines, "\n")
end

-- Writes atomically. Returns true, or nil and a message.
function M.write(path, header, rows)
  return core.write_file(path, M.text(header, rows))
end

return M
