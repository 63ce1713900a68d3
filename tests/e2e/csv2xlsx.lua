-- csv2xlsx.lua - writes CSV files as sheets of one XLSX workbook with
-- libxlsxwriter (dvht.workbook), for reader tests. Run with `dvht run`:
--
--   dvht run tests/e2e/csv2xlsx.lua [--constant-memory] [--keep-text COL] OUT.xlsx FILE.csv[:SHEET] ...
--
-- Same typing as csv2xlsx.py: whole numbers and decimals become numbers,
-- TRUE/FALSE booleans, the rest text. --constant-memory streams rows and
-- writes inline strings instead of the shared-string table.
local tables, workbook = dvht.tables, dvht.workbook

local constant, keep, rest = false, {}, {}
local i = 1
while i <= #arg do
  if arg[i] == "--constant-memory" then
    constant = true
  elseif arg[i] == "--keep-text" then
    keep[arg[i + 1]] = true
    i = i + 1
  else
    rest[#rest + 1] = arg[i]
  end
  i = i + 1
end

local function typed(s)
  if s:match("^%-?%d+$") and #s <= 15 then return math.tointeger(tonumber(s)) end
  if s:match("^%-?%d+%.%d+$") and #s <= 31 then return tonumber(s) end
  if s == "TRUE" then return true end
  if s == "FALSE" then return false end
  if s == "" then return nil end
  return s
end

local wb = workbook.new(rest[1], { constant_memory = constant })
for n = 2, #rest do
  local path, sheet = rest[n]:match("^(.-):([^/]+)$")
  path = path or rest[n]
  local f = assert(tables.open(path))
  local src = assert(f:rows(1))
  local ws = wb:add_sheet(sheet or ("Sheet" .. (n - 1)))
  local r, text_cols = 0, {}
  while true do
    local cells = src:next()
    if cells == nil then break end
    assert(cells ~= false, "read error")
    for c, v in ipairs(cells) do
      if r == 0 and keep[v] then text_cols[c] = true end
      if r == 0 or text_cols[c] then
        if v ~= "" then ws:write(r, c - 1, v) end
      else
        ws:write(r, c - 1, typed(v))
      end
    end
    r = r + 1
  end
  src:close()
  f:close()
end
wb:close()
