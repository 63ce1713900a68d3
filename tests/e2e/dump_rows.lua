-- dump_rows.lua - prints what dvht reads from a table file, one line per
-- row: the sheet name, then the cells separated by tabs (tabs, newlines and
-- backslashes escaped), so two files can be compared cell by cell.
--   dvht run tests/e2e/dump_rows.lua FILE [--lines] [--sheet N]
-- --lines adds the row's line number (sheet row or CSV line); --sheet N
-- dumps only the N-th sheet.
local path, with_lines, only = arg[1], false, nil
for i = 2, #arg do
  if arg[i] == "--lines" then with_lines = true end
  if arg[i] == "--sheet" then only = tonumber(arg[i + 1]) end
end
local f, err = dvht.tables.open(path)
if not f then io.stderr:write(err, "\n") os.exit(4) end
local function esc(s)
  return (s:gsub("\\", "\\\\"):gsub("\t", "\\t"):gsub("\r", "\\r"):gsub("\n", "\\n"))
end
for i, sheet in ipairs(f:sheets()) do
  if only and i ~= only then goto next_sheet end
  local src = assert(f:rows(i))
  while true do
    local cells, line = src:next()
    if cells == nil then break end
    if cells == false then io.stderr:write(line, "\n") os.exit(4) end
    -- trailing empty cells are not data (writers differ in writing them)
    local n = #cells
    while n > 0 and cells[n] == "" do n = n - 1 end
    local out = { sheet.name or "" }
    if with_lines then out[#out + 1] = tostring(line) end
    for c = 1, n do out[#out + 1] = esc(cells[c]) end
    io.write(table.concat(out, "\t"), "\n")
  end
  src:close()
  ::next_sheet::
end
f:close()
