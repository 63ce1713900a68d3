-- floor.lua - the two floors `dvht assess` is measured against (bench/run.sh):
--
--   dvht run bench/floor.lua read [--threads N] FILE|FOLDER...
--       every row of every table of the inputs parsed by the C readers and
--       dropped (no Lua table per row, no typing, no assessment); with
--       --threads N the files are read ahead by N workers, as dvht assess
--       reads them (0, the default here: in this thread only);
--   dvht run bench/floor.lua write SUMMARY.xlsx RESULTS.csv OUT_DIR
--       the cells of a summary workbook that `dvht assess` wrote (read back
--       first, untimed) written again with libxlsxwriter (dvht.workbook,
--       constant_memory, one ws:write_row per row, rows written by the
--       background row writer as dvht assess writes them), one format per
--       column, and the results CSV text written again while the workbook
--       is zipped on its own thread (wb:start_close, as dvht assess does).
--
-- Prints one line "floor_<mode> <seconds> rows=<n>": the timed part only.
local core = require "dvht.core"
local tables = dvht.tables
local workbook = dvht.workbook

local mode = arg[1]

local function expand(paths)
  local out = {}
  local function walk(p)
    if dvht.lfs.attributes(p, "mode") == "directory" then
      for _, d in ipairs(dvht.dirs(p)) do walk(p .. "/" .. d) end
      for _, f in ipairs(dvht.files(p)) do
        local l = f:lower()
        if l:match("%.csv$") or l:match("%.xlsx$") then out[#out + 1] = p .. "/" .. f end
      end
    else
      out[#out + 1] = p
    end
  end
  for _, p in ipairs(paths) do walk(p) end
  return out
end

local function read_floor(paths, threads)
  local t0 = core.clock()
  local rows = 0
  local files = expand(paths)
  local reader = tables.prefetch(files, threads)
  for _, path in ipairs(files) do
    local f = assert(reader:open(path))
    for i = 1, #f:sheets() do
      local src = assert(f:rows(i))
      rows = rows + assert(src:skip())
      src:close()
    end
    f:close()
  end
  reader:close()
  return core.clock() - t0, rows
end

-- Every sheet of a workbook as { name, rows = { [r] = { line, cells } } }.
local function load_workbook(path)
  local f = assert(tables.open(path))
  local sheets = {}
  for i, s in ipairs(f:sheets()) do
    local src = assert(f:rows(i))
    local rows = {}
    while true do
      local cells, line = src:next()
      if cells == nil then break end
      assert(cells, line)
      rows[#rows + 1] = { line = line, cells = cells }
    end
    src:close()
    sheets[#sheets + 1] = { name = s.name, rows = rows }
  end
  f:close()
  return sheets
end

local function write_floor(summary, results, out_dir)
  local sheets = load_workbook(summary)
  local fh = assert(io.open(results, "rb"))
  local csv_text = fh:read("a")
  fh:close()
  -- numbers go back as numbers, as the summary wrote them
  for _, s in ipairs(sheets) do
    for _, row in ipairs(s.rows) do
      local cells = row.cells
      row.width = #cells
      row.count = 0
      for c = 1, #cells do
        if cells[c] ~= "" then row.count = row.count + 1 end
        local v = cells[c]
        if v == "" then cells[c] = nil
        elseif v:match("^%-?%d+$") and #v < 16 then cells[c] = math.tointeger(tonumber(v))
        elseif v:match("^%-?%d*%.%d+$") then cells[c] = tonumber(v) end
      end
    end
  end
  local t0 = core.clock()
  local n = 0
  -- the rows go to the background row writer, as the summary's do
  local wb = workbook.new(out_dir .. "/floor.xlsx", { constant_memory = true, background = true })
  local F = {}
  for c = 0, 40 do
    F[c] = wb:format { font = "Times New Roman", size = 11, border = 1, valign = "vcenter",
      align = c % 2 == 0 and "center" or nil }
  end
  local fmts = {}
  for c = 1, 16384 do fmts[c] = F[(c - 1) % 41] end
  for _, s in ipairs(sheets) do
    local ws = wb:add_sheet(s.name)
    for _, row in ipairs(s.rows) do
      -- one call per row, as the summary writes its units sheet
      ws:write_row(row.line - 1, 0, row.cells, row.width, fmts)
      n = n + row.count
    end
  end
  -- the CSV is written while the workbook is zipped, as dvht assess does
  wb:start_close()
  assert(core.write_file(out_dir .. "/floor.csv", csv_text))
  wb:close()
  return core.clock() - t0, n
end

if mode == "read" then
  local paths, threads = table.move(arg, 2, #arg, 1, {}), 0
  if paths[1] == "--threads" then
    threads = assert(math.tointeger(tonumber(paths[2])), "--threads N")
    table.remove(paths, 1)
    table.remove(paths, 1)
  end
  local dt, rows = read_floor(paths, threads)
  print(("floor_read %.3f rows=%d"):format(dt, rows))
elseif mode == "write" then
  local dt, cells = write_floor(arg[2], arg[3], arg[4])
  print(("floor_write %.3f cells=%d"):format(dt, cells))
else
  io.stderr:write("usage: dvht run bench/floor.lua read [--threads N] FILE... | write SUMMARY.xlsx RESULTS.csv OUT_DIR\n")
  return 2
end
