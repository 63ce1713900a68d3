-- input.lua - reading the units, member and evidence tables of a run.
--
-- A table is recognised by its header row (the plan's `identify` columns),
-- whatever the file or sheet is called. Header cells match a column by key
-- or label, ignoring case, spaces and NFC/NFD. Problems of one unit mark
-- that unit as "loi"; problems of a whole file stop the run, except for
-- files found inside a folder, which are reported and skipped.
local core = require "dvht.core"
local tables = require "dvht.tables"
local values = require "dvht.values"

local M = {}

local fold = core.fold
local type = type

-- Problem list ---------------------------------------------------------------

local function problem(list, p)
  p.severity = p.severity or "loi"
  list[#list + 1] = p
  return p
end
M.problem = problem

-- Header matching --------------------------------------------------------------

-- Folded key, label and aliases -> column, once per table kind (a run of
-- thousands of files must not fold them again for every file).
local key_maps = setmetatable({}, { __mode = "k" })

local function key_map(kind)
  local by_key = key_maps[kind]
  if not by_key then
    by_key = {}
    for _, c in ipairs(kind.columns) do
      by_key[fold(c.key)] = c
      by_key[fold(c.label)] = c
      for _, a in ipairs(c.aliases or {}) do by_key[fold(a)] = c end
    end
    key_maps[kind] = by_key
  end
  return by_key
end

-- Returns { [column index] = column } for the table kind, how many of its
-- columns were found, and the header cells naming a column already named
-- ({ column, first index, index }: the first is read). folded[i]: the
-- folded header cell i (or false).
local function match_header(kind, folded)
  local by_key = key_map(kind)
  local map, seen, found, twice = {}, {}, 0, {}
  for i = 1, #folded do
    local key = folded[i]
    local c = key and by_key[key]
    if c and not seen[c.key] then
      map[i], seen[c.key] = c, i
      found = found + 1
    elseif c then
      twice[#twice + 1] = { c, seen[c.key], i }
    end
  end
  return map, seen, found, twice
end

-- The table kind whose identify columns are all in the header (the one with
-- most matched columns when several are).
local function recognise_header(plan, header)
  local folded = {}
  for i, cell in ipairs(header) do
    local ok, key = pcall(fold, cell)
    folded[i] = ok and key
  end
  local best
  for _, kind in ipairs(plan.table_kind_list) do
    local map, seen, found, twice = match_header(kind, folded)
    local all = true
    for _, key in ipairs(kind.identify or {}) do
      if not seen[key] then all = false end
    end
    if all and (not best or found > best.found) then
      best = { kind = kind, map = map, seen = seen, found = found, twice = twice }
    end
  end
  return best
end

-- recognise_header, remembered per header row: a city run reads thousands
-- of files that share a few layouts. What it returns is shared by those
-- files and never changed (the reading plans built from it are kept on it,
-- see read_units and read_members). Bounded: unusual headers are not kept.
local header_cache = setmetatable({}, { __mode = "k" })
local HEADER_CACHE_MAX = 256

local function recognise(plan, header)
  local cache = header_cache[plan]
  if not cache then
    cache = { n = 0, by = {} }
    header_cache[plan] = cache
  end
  local key = table.concat(header, "\0")
  local hit = cache.by[key]
  if hit ~= nil then return hit or nil end
  local found = recognise_header(plan, header)
  if cache.n < HEADER_CACHE_MAX then
    cache.by[key], cache.n = found or false, cache.n + 1
  end
  return found
end

-- "A", "B", ..., "Z", "AA": column i (from 1) as a spreadsheet names it.
local function column_letters(i)
  local s = ""
  while i > 0 do
    local r = (i - 1) % 26
    s = string.char(65 + r) .. s
    i = (i - 1 - r) // 26
  end
  return s
end
M.column_letters = column_letters

local function describe_identify(plan)
  local parts = {}
  for _, kind in ipairs(plan.table_kind_list) do
    local labels = {}
    for _, key in ipairs(kind.identify or {}) do
      local c = kind.column_by_key[key]
      labels[#labels + 1] = "\"" .. (c and c.label or key) .. "\""
    end
    parts[#parts + 1] = ("bảng \"%s\" cần các cột %s"):format(kind.label or kind.id, table.concat(labels, ", "))
  end
  return table.concat(parts, "; ")
end

-- Rows of the units table -------------------------------------------------------

-- Columns a roster may fill in (whether they were typed matters), per plan.
local counted_of = setmetatable({}, { __mode = "k" })

local function counted_columns(plan)
  local counted = counted_of[plan]
  if not counted then
    counted = {}
    for _, kind in ipairs(plan.table_kind_list or {}) do
      if kind.staff_total then counted[kind.staff_total] = true end
      if kind.learner_total then counted[kind.learner_total] = true end
      for _, c in ipairs(kind.columns or {}) do
        if c.counts then counted[c.counts] = true end
        if c.learner_counts then counted[c.learner_counts] = true end
      end
    end
    counted_of[plan] = counted
  end
  return counted
end

-- Per column, shared by every file of a run: the value of an empty cell by
-- unit type, and the typed values of the few spellings that repeat (not
-- for free text; bounded).
local state_of = setmetatable({}, { __mode = "k" })

local function column_state(col)
  local st = state_of[col]
  if not st then
    st = { defaults = {} }
    if col.type ~= "text" and col.type ~= "date" then st.memo, st.memo_n = {}, 0 end
    state_of[col] = st
  end
  return st
end

-- The typing plan given to source:next_typed, per column of a reading
-- order (so a renewed memo reaches it).
local order_spec_of = setmetatable({}, { __mode = "k" })

-- The columns of one units table in reading order (the unit type first:
-- the defaults of other columns depend on it), each with its cell index.
local function reading_plan(plan, map)
  local index = {}
  for i, col in pairs(map) do index[col.key] = i end
  local type_col = plan.columns[plan.type_key]
  local order = { { col = type_col, i = index[type_col.key] } }
  for _, col in ipairs(plan.units_table.columns) do
    if col ~= type_col then order[#order + 1] = { col = col, i = index[col.key] } end
  end
  local counted = counted_columns(plan)
  for _, o in ipairs(order) do
    o.key, o.count = o.col.key, o.col.type == "count" or counted[o.col.key] or false
    o.must = o.col.required and o.col.type ~= "count" and o.i
    o.st = column_state(o.col)
  end
  return order
end

-- Builds a unit record from one row: typed values and the row's problems.
-- Required counts, minimums and count <= total are checked later by
-- finish_unit, once member rosters may have filled the counts in.
-- typed_present lists the count cells that were typed (not empty).
local new_table = core.new_table

-- Types one cell s (nil or "" when empty) of column o into v. spec (when
-- reading a file in C) gets the column's memo back if it was renewed.
local function type_cell(plan, o, s, v, present, rec, problems)
  if s == nil or s == "" then
    if o.must then
      M.unit_error(rec, problems, o.col, "ô bắt buộc nhưng đang để trống")
      return 0
    end
    local t = v[plan.type_key] or false
    local defaults = o.st.defaults
    local w = defaults[t]
    if not w then
      w = { values.default(plan, o.col, v[plan.type_key]) }
      defaults[t] = w
    end
    local d = w[1]
    if d == nil then return 0 end
    v[o.key] = d
    return 1
  end
  local st = o.st
  local memo = st.memo
  local val = memo and memo[s]
  if val == nil then
    local err
    val, err = values.parse(plan, o.col, s)
    if err then
      M.unit_error(rec, problems, o.col, err)
    elseif memo then
      if st.memo_n >= 10000 then
        st.memo, st.memo_n = {}, 0
        if order_spec_of[o] then order_spec_of[o].memos[o.n] = st.memo end
      end
      st.memo[s], st.memo_n = val, st.memo_n + 1
    end
  end
  if o.count then present[o.key] = true end
  if val == nil then return 0 end
  v[o.key] = val
  return 1
end

-- code: the unit code's cell, in NFC.
local function new_rec(v, present, file, line, code)
  return { file = file, line = line, values = v, errors = {}, typed_present = present,
    code = code, name = "" }
end

local function read_unit(plan, order, cells, file, line, problems)
  -- room for as many values as the previous row had, at once (present
  -- stays small: counts mostly come from rosters)
  local v, present = new_table(0, order.width or 0), {}
  local rec = new_rec(v, present, file, line, values.nfc(order.code_i and cells[order.code_i] or ""))
  local width = 0
  for n = 1, #order do
    local o = order[n]
    width = width + type_cell(plan, o, o.i and cells[o.i], v, present, rec, problems)
  end
  order.width = width
  rec.name = v[plan.name_key] or ""
  return rec
end

function M.unit_error(rec, problems, col, msg)
  local p = problem(problems, { file = rec.file, line = rec.line, column = col and col.label,
    key = col and col.key, message = msg, unit = rec.code })
  rec.errors[#rec.errors + 1] = p
end

-- Checks that need every source of counts: required counts present,
-- minimums, and no count above its total.
-- The columns finish_unit looks at, in column order, once per units table.
local function finish_lists(plan)
  local t = plan.units_table
  if t.finish_counts then return t.finish_counts, t.finish_totals end
  local counts, totals = {}, {}
  for _, col in ipairs(t.columns) do
    if col.type == "count" and (col.required or col.min) then counts[#counts + 1] = col end
    if col.total and plan.columns[col.total] then totals[#totals + 1] = col end
  end
  t.finish_counts, t.finish_totals = counts, totals
  return counts, totals
end

local function finish_unit(plan, rec, problems, rosters)
  local v, present = rec.values, rec.typed_present
  local counts, totals = finish_lists(plan)
  for k = 1, #counts do
    local col = counts[k]
    local n = v[col.key]
    if type(n) == "number" then
      if col.required and not present[col.key] and not rec.roster then
        M.unit_error(rec, problems, col, rosters
          and "chưa có số liệu: ô để trống (hoặc thiếu cột) và đơn vị không có dòng nào trong danh sách thành viên"
          or "ô bắt buộc nhưng đang để trống")
      elseif col.min and n < col.min then
        M.unit_error(rec, problems, col, ("phải lớn hơn hoặc bằng %d (đang là %d)"):format(col.min, n))
      end
    end
  end
  for k = 1, #totals do
    local col = totals[k]
    local n, of = v[col.key], v[col.total]
    if type(n) == "number" and type(of) == "number" and n > of then
      M.unit_error(rec, problems, col, ("%d lớn hơn \"%s\" (%d)"):format(n, plan.columns[col.total].label, of))
    end
  end
end

-- A unit record from cell texts { [column key] = text } given directly (plan
-- tests), built and checked exactly as a row of the units table is.
-- Returns the record and its problems.
function M.unit_from_values(plan, raw, where)
  where = where or {}
  local cells, map, problems = {}, {}, {}
  for _, col in ipairs(plan.units_table.columns) do
    if raw[col.key] ~= nil then
      cells[#cells + 1] = values.trim(tostring(raw[col.key]))
      map[#cells] = col
    end
  end
  local order = reading_plan(plan, map)
  for i, col in pairs(map) do
    if col.key == plan.code_key then order.code_i = i end
  end
  local rec = read_unit(plan, order, cells, where.file, where.line, problems)
  finish_unit(plan, rec, problems)
  return rec, problems
end

-- Evidence codes are compared as "TC1-01" whatever the spacing or dash.
function M.evidence_key(s)
  s = fold(s):gsub("%s", ""):gsub("\226\128\147", "-"):gsub("\226\128\148", "-")
  return s:upper()
end

-- Reading one source -------------------------------------------------------------

-- What source:next_typed needs of a reading order: arrays over its
-- columns (lua_tables.c). A required column has no defaults there: its
-- empty cell is an error, which Lua reports.
local function typing_spec(plan, order)
  local spec = { idx = {}, keys = {}, memos = {}, defaults = {}, counts = {}, miss = {},
    type_key = plan.type_key, code = order.code_i or 0, width = 0 }
  for n, o in ipairs(order) do
    o.n = n
    order_spec_of[o] = spec
    spec.idx[n], spec.keys[n] = o.i or 0, o.key
    spec.memos[n] = o.st.memo or (o.col.type == "text" and "text") or false
    spec.defaults[n] = not o.must and o.st.defaults or false
    spec.counts[n] = o.count and true or false
  end
  return spec
end

-- Excel holds at most 32,767 characters (UTF-16 units) in a cell: a code
-- or a name longer than that (a pasted page) is cut in the summary, and
-- said so.
local CELL_MAX = 32767

local function utf16_len(s)
  local n = utf8.len(s)
  if not n then return #s end
  return n + select(2, s:gsub("[\240-\244]", ""))
end

local function long_cells(plan, rec, problems)
  for _, key in ipairs { plan.code_key, plan.name_key } do
    local s = key == plan.code_key and rec.code or rec.name
    local n = #s > CELL_MAX and utf16_len(s) or 0
    if n > CELL_MAX then
      local col = plan.columns[key]
      problem(problems, { file = rec.file, line = rec.line, column = col and col.label, key = key,
        unit = values.shown(rec.code), severity = "canh_bao",
        message = ("ô dài %d ký tự, quá %d ký tự một ô Excel chứa được; bảng tổng hợp chỉ ghi phần đầu")
          :format(n, CELL_MAX) })
    end
  end
end

local function read_units(plan, src, found, state)
  local problems, units, file = state.problems, state.units, state.file
  -- one reading plan per header layout (found is shared, see recognise)
  local order, spec = found.order, found.spec
  if not order then
    order = reading_plan(plan, found.map)
    order.code_i = found.seen[plan.code_key]
    spec = typing_spec(plan, order)
    found.order, found.spec = order, spec
  end
  local miss = spec.miss
  while true do
    -- the cells C could type are in v; the others (texts, values not met
    -- before, empty required cells) come in spec.miss
    local v, present, line, nmiss, code, typed = src:next_typed(spec)
    if v == nil then return true end
    if v == false and line == nil then return nil, present end
    local width = typed
    if v == false then v = new_table(0, spec.width) end
    local rec = new_rec(v, present, file, line, code)
    for k = 1, 2 * nmiss, 2 do
      width = width + type_cell(plan, order[miss[k]], miss[k + 1], v, present, rec, problems)
    end
    spec.width = width -- room for as many values in the next row
    rec.name = v[plan.name_key] or ""
    if #rec.name > CELL_MAX or #rec.code > CELL_MAX then long_cells(plan, rec, problems) end
    units[#units + 1] = rec
  end
end

-- The first row of a code is assessed; each repeat (in any file) is a unit
-- in error that names the first. Run once every file is read.
local function check_repeats(plan, state)
  local first = {}
  for _, rec in ipairs(state.units) do
    local f = rec.code ~= "" and first[rec.code]
    if f then
      M.unit_error(rec, state.problems, plan.columns[plan.code_key],
        ("mã đơn vị \"%s\" trùng với %s, dòng %d"):format(values.shown(rec.code), f.file, f.line))
    elseif rec.code ~= "" then
      first[rec.code] = rec
    end
  end
end

local function column_index(found, key)
  return found.seen[key] or 0
end

-- Members: one pass in C; here only the column indices, the yes/no words
-- and the per-unit sums it returns. The plan says which member column
-- marks a learner (role = "learner") and which unit count each yes/no
-- column adds to (counts for staff, learner_counts for learners).
-- What read_members needs of a roster header, once per header layout:
-- the aggregation spec, the counted yes/no columns and the missing ones.
local function roster_plan(plan, found)
  if found.roster then return found.roster end
  local kind = found.kind
  local code_key = plan.code_key
  for _, c in ipairs(kind.columns) do
    if c.role == "code" then code_key = c.key end
  end
  local spec = { code = column_index(found, code_key), flags = {}, yes = {}, no = {} }
  local flag_cols, lacking = {}, {}
  for _, c in ipairs(kind.columns) do
    local i = found.seen[c.key]
    if c.role == "learner" then
      spec.learner = i
    elseif c.type == "yes_no" and (c.counts or c.learner_counts) then
      if i then
        spec.flags[#spec.flags + 1] = i
        flag_cols[#flag_cols + 1] = c
      else
        lacking[#lacking + 1] = "\"" .. c.label .. "\""
      end
    end
  end
  for w in pairs(plan.yes_words) do spec.yes[#spec.yes + 1] = w end
  for w in pairs(plan.no_words) do spec.no[#spec.no + 1] = w end
  found.roster = { spec = spec, flag_cols = flag_cols, lacking = lacking }
  return found.roster
end

local function read_members(plan, src, found, state)
  local kind = found.kind
  local rp = roster_plan(plan, found)
  local spec, flag_cols, lacking = rp.spec, rp.flag_cols, rp.lacking
  if #lacking > 0 then
    problem(state.problems, { file = state.file, severity = "canh_bao",
      message = ("danh sách thành viên không có cột %s; các số lượng này lấy từ bảng \"%s\"")
        :format(table.concat(lacking, ", "), plan.units_table.label or plan.units_table.id) })
  end
  local units, bad = src:aggregate(spec)
  if units == false then return nil, bad end
  local rows = 0
  for _, u in pairs(units) do rows = rows + u.staff + u.learners end
  state.member_rows = (state.member_rows or 0) + rows -- for the progress line
  for _, b in ipairs(bad) do
    local c = found.map[b.column]
    local msg
    if b.column == spec.code then
      msg = "thiếu mã đơn vị; dòng này không được tính"
    elseif b.column == spec.learner then
      msg = ("\"%s\" không phải giá trị có/không hợp lệ; coi như không (tính là thành viên, không phải người học)"):format(b.value)
    else
      msg = ("\"%s\" không phải giá trị có/không hợp lệ; coi như không"):format(b.value)
    end
    problem(state.problems, { file = state.file, line = b.line, column = c and c.label or "?",
      severity = "canh_bao", message = msg })
  end
  if #bad >= 1000 then
    problem(state.problems, { file = state.file, severity = "canh_bao",
      message = "còn các ô có/không không hợp lệ khác; chỉ liệt kê 1000 ô đầu tiên" })
  end
  -- codes as the units table reads them (trimmed of no-break spaces too,
  -- NFC); sums of codes that differ only in that are merged
  local by_code = {}
  for raw, agg in pairs(units) do
    local code = values.nfc(values.trim(raw))
    local m = by_code[code]
    if not m then
      by_code[code] = agg
    else
      m.staff, m.learners = m.staff + agg.staff, m.learners + agg.learners
      m.line = math.min(m.line, agg.line)
      for k = 1, #flag_cols do
        m.staff_yes[k] = m.staff_yes[k] + agg.staff_yes[k]
        m.learner_yes[k] = m.learner_yes[k] + agg.learner_yes[k]
      end
    end
  end
  table.insert(state.rosters, { file = state.file, kind = kind, units = by_code, flag_cols = flag_cols })
  return true
end

local function read_evidence(plan, src, found, state)
  local evidence = require "dvht.evidence"
  local idx = found.seen
  local code_col, ev_col = idx[plan.code_key], idx.ma_minh_chung
  local buf = {} -- refilled for every row; only strings are kept
  while true do
    local cells, line = src:next(buf)
    if cells == nil then return true end
    if cells == false then return nil, line end
    local code = values.nfc(cells[code_col] or "")
    local ev = cells[ev_col] or ""
    if code ~= "" and ev ~= "" then
      local list = state.evidence[code] or {}
      state.evidence[code] = list
      state.evidence_log[#state.evidence_log + 1] = code
      local ok, key = pcall(M.evidence_key, ev)
      list[#list + 1] = {
        code = evidence.match(plan, ev) or (ok and key or ev), raw = ev,
        name = idx.ten_minh_chung and cells[idx.ten_minh_chung] or "",
        file = idx.tep and cells[idx.tep] or "",
        source = state.file, line = line,
      }
      state.evidence_rows = state.evidence_rows + 1
    end
  end
end

local READERS = { members = read_members, evidence = read_evidence, units = read_units }

local function kind_role(plan, kind)
  if kind == plan.units_table then return "units" end
  if kind.staff_total or kind.learner_total then return "members" end
  return "evidence"
end

-- Reads one sheet or CSV file. Returns true, or nil and a file-level message.
local function read_source(plan, file, index, display, state)
  local src, err = file:rows(index)
  if not src then return nil, err end
  local header, hline = src:next()
  if header == nil then src:close(); return true, "empty" end
  if header == false then src:close(); return nil, hline end
  local found = recognise(plan, header)
  if not found then
    src:close()
    return nil, ("%s: không nhận ra bảng dữ liệu ở dòng tiêu đề %d (%s)"):format(display, hline, describe_identify(plan)), "unknown"
  end
  -- required columns the header lacks, once per header layout
  local lacking = found.lacking
  if not lacking then
    lacking = {}
    for _, c in ipairs(found.kind.columns) do
      if c.required and not found.seen[c.key] then lacking[#lacking + 1] = c end
    end
    found.lacking = lacking
  end
  local missing
  for _, c in ipairs(lacking) do
    local msg = ("%s: thiếu cột bắt buộc \"%s\" (%s)"):format(display, c.label, c.key)
    if c.type ~= "count" then src:close(); return nil, msg end
    -- a member roster may give this count: decided once every file is read
    missing = missing or msg
  end
  state.file = display
  -- a column named twice: the first is read, the user is told
  for _, t in ipairs(found.twice) do
    problem(state.problems, { file = display, line = hline, column = t[1].label, severity = "canh_bao",
      message = ("cột \"%s\" có hai lần trong dòng tiêu đề (cột %s và cột %s); chỉ đọc cột %s")
        :format(t[1].label, column_letters(t[2]), column_letters(t[3]), column_letters(t[2])) })
  end
  local role = kind_role(plan, found.kind)
  local first = #state.units + 1
  local ok, e = READERS[role](plan, src, found, state)
  src:close()
  if not ok then return nil, e end
  if missing and #state.units >= first then
    state.missing_counts[#state.missing_counts + 1] = { message = missing, file = display,
      from = first, to = #state.units, in_folder = state.in_folder }
  end
  state.seen_tables[role] = (state.seen_tables[role] or 0) + 1
  return true
end

-- A summary workbook dvht wrote (sheets "Tổng hợp" and "Lỗi dữ liệu"): its
-- units sheet looks like a units table, so a folder that holds the summary
-- of an earlier run would otherwise count every unit twice.
function M.is_summary(sheets)
  local names = {}
  for _, sh in ipairs(sheets) do names[sh.name or ""] = true end
  return names["Tổng hợp"] and names["Lỗi dữ liệu"] or false
end

-- Reads every table of one file (a CSV, or each sheet of a workbook).
local function read_file(plan, path, state)
  local file, err = state.reader:open(path)
  if not file then return nil, err end
  local sheets = file:sheets()
  if state.in_folder and M.is_summary(sheets) then
    file:close()
    return nil, ("%s: bảng tổng hợp kết quả do dvht ghi ra, không phải dữ liệu đầu vào"):format(path)
  end
  local any, first_err = false, nil
  for i, sheet in ipairs(sheets) do
    local display = sheet.name and (path .. " [" .. sheet.name .. "]") or path
    local ok, e, why = read_source(plan, file, i, display, state)
    if ok then
      any = any or e ~= "empty"
    elseif why == "unknown" and #sheets > 1 then
      first_err = first_err or e -- other sheets (instructions, lists) are fine
    else
      file:close()
      return nil, e
    end
  end
  file:close()
  if not any then
    return nil, first_err or ("%s: tệp không có dòng dữ liệu nào"):format(path)
  end
  return true
end

-- Folders: every .csv/.xlsx inside, recursively, without lock or hidden
-- files. A file reached twice (named and inside a named folder, or under
-- two spellings) is read once: out.repeats lists the other times, { path,
-- first }, for a warning (its units would all conflict with themselves).
-- `exclude` lists files never read from a folder (this run's outputs,
-- which may sit in the input folder).
function M.expand(paths, exclude)
  local lfs = require "lfs"
  local out, skip, seen = { repeats = {} }, {}, {}
  local function identity(p, a)
    a = a or lfs.attributes(p)
    return a and (a.dev .. ":" .. a.ino) or p
  end
  for _, p in ipairs(exclude or {}) do
    if lfs.attributes(p, "mode") == "file" then skip[identity(p)] = true end
  end
  local function add(item, a)
    local id = identity(item.path, a)
    if item.in_folder and skip[id] then return end
    if seen[id] then
      out.repeats[#out.repeats + 1] = { path = item.path, first = seen[id] }
      return
    end
    seen[id] = item.path
    out[#out + 1] = item
  end
  local function walk(dir, depth)
    local names = {}
    for name in lfs.dir(dir) do
      if name:sub(1, 1) ~= "." and name:sub(1, 2) ~= "~$" then names[#names + 1] = name end
    end
    table.sort(names)
    for _, name in ipairs(names) do
      local p = dir .. "/" .. name
      local a = lfs.attributes(p)
      local mode = a and a.mode
      if mode == "directory" then
        -- symbolic links to folders are not followed (no loops)
        if depth < 32 and lfs.symlinkattributes(p, "mode") ~= "link" then walk(p, depth + 1) end
      elseif mode == "file" and (name:lower():match("%.csv$") or name:lower():match("%.xlsx$")) then
        add({ path = p, in_folder = true }, a)
      end
    end
  end
  for _, p in ipairs(paths) do
    if lfs.attributes(p, "mode") == "directory" then
      local ok, e = pcall(walk, (p:gsub("(.)/+$", "%1")), 0)
      if not ok then return nil, ("không đọc được thư mục \"%s\": %s"):format(p, tostring(e)) end
    else
      add { path = p }
    end
  end
  return out
end

-- Applies member rosters to the units. For each unit code, the rows of every
-- roster are added up; a side (staff, learners) with at least one member
-- row takes its total and counts from the roster, a side without keeps the
-- unit row's numbers (a school may list its staff and only type its
-- learners' numbers). A typed count that disagrees is reported; roster rows
-- whose code has no unit row are reported too.
local function add_count(key, n, keys, yes)
  if key then
    if not n[key] then keys[#keys + 1] = key end
    n[key] = (n[key] or 0) + yes
  end
end

-- A roster's number replaces the unit row's; a typed one that differs is
-- reported. file: the (first) roster listing the unit.
local function set_count(plan, state, rec, file, key, n)
  if not key or not plan.columns[key] then return end
  local v = rec.values
  local typed = rec.typed_present and rec.typed_present[key]
  -- a typed cell that did not parse is already an error of the unit
  if typed and type(v[key]) == "number" and v[key] ~= n then
    problem(state.problems, { file = rec.file, line = rec.line, column = plan.columns[key].label,
      key = key, unit = rec.code, severity = "canh_bao",
      message = ("số nhập trên dòng đơn vị (%d) khác số tính từ danh sách thành viên (%d, %s); dùng số của danh sách")
        :format(v[key], n, file) })
  end
  v[key] = n
end

-- The yes-counts of one side (staff or learners) of a code's roster rows:
-- the unit columns in the order they first appear, and their sums.
local function side_counts(e, staff)
  local keys, n = {}, {}
  for i = 1, #e, 2 do
    local r, agg = e[i], e[i + 1]
    for k, c in ipairs(r.flag_cols) do
      if staff then add_count(c.counts, n, keys, agg.staff_yes[k])
      else add_count(c.learner_counts, n, keys, agg.learner_yes[k]) end
    end
  end
  return keys, n
end

-- One side of a unit from its rosters e = { r1, agg1, r2, agg2, ... }.
-- A single roster whose yes/no columns each fill a different unit count
-- (the usual case) is applied directly, without summing tables.
local function apply_side(plan, state, rec, e, staff)
  local r, agg = e[1], e[2]
  local total = staff and r.kind.staff_total or r.kind.learner_total
  local people = 0
  for i = 2, #e, 2 do people = people + (staff and e[i].staff or e[i].learners) end
  if people == 0 then return end
  set_count(plan, state, rec, r.file, total, people)
  if #e == 2 and r.distinct_counts then
    local field, yes = staff and "counts" or "learner_counts", staff and agg.staff_yes or agg.learner_yes
    local cols = r.flag_cols
    for k = 1, #cols do
      local key = cols[k][field]
      if key then set_count(plan, state, rec, r.file, key, yes[k]) end
    end
    return
  end
  local keys, n = side_counts(e, staff)
  for _, key in ipairs(keys) do set_count(plan, state, rec, r.file, key, n[key]) end
end

-- Whether no two yes/no columns of a roster fill the same unit count
-- (remembered per column list: rosters of one header layout share it).
local distinct_of = setmetatable({}, { __mode = "k" })
local distinct_counts_of

local function distinct_counts(r)
  local d = distinct_of[r.flag_cols]
  if d == nil then
    d = distinct_counts_of(r)
    distinct_of[r.flag_cols] = d
  end
  return d
end

function distinct_counts_of(r)
  local seen = {}
  for _, c in ipairs(r.flag_cols) do
    for _, key in ipairs { c.counts or false, c.learner_counts and ("L:" .. c.learner_counts) or false } do
      if key then
        if seen[key] then return false end
        seen[key] = true
      end
    end
  end
  return true
end

local function apply_rosters(plan, state)
  if #state.rosters == 0 then return end
  -- per code, the rosters that list it, in roster order: { r1, agg1, r2, agg2, ... }
  local sums = {}
  for ri, r in ipairs(state.rosters) do
    r.index, r.distinct_counts = ri, distinct_counts(r)
    for code, agg in pairs(r.units) do
      local e = sums[code]
      if not e then
        sums[code] = { r, agg }
      else
        e[#e + 1], e[#e + 2] = r, agg
      end
    end
  end
  -- the sums now hold all that is needed: the per-roster maps can go
  for _, r in ipairs(state.rosters) do r.units = nil end
  local used = {}
  for _, rec in ipairs(state.units) do
    local code = rec.code
    local e = sums[code]
    -- only the first row of a code is assessed; a repeat is already an error
    if e and not used[code] then
      used[code] = true
      apply_side(plan, state, rec, e, true)
      apply_side(plan, state, rec, e, false)
      rec.roster = e[1].file
    end
  end
  -- what to report, in the order of the first roster listing the code, then by code
  local report = {}
  for code, e in pairs(sums) do
    if not used[code] or #e > 2 then report[#report + 1] = code end
  end
  table.sort(report, function(a, b)
    local ia, ib = sums[a][1].index, sums[b][1].index
    if ia ~= ib then return ia < ib end
    return a < b
  end)
  for _, code in ipairs(report) do
    local e = sums[code]
    if not used[code] then
      local people = 0
      for i = 2, #e, 2 do people = people + e[i].staff + e[i].learners end
      problem(state.problems, { file = e[1].file, line = e[2].line, unit = code,
        message = ("danh sách thành viên có %d người của mã đơn vị \"%s\" nhưng không có đơn vị nào mang mã này; các dòng này không được tính")
          :format(people, values.shown(code)) })
    elseif #e > 2 then
      local files = {}
      for i = 1, #e, 2 do files[#files + 1] = e[i].file end
      problem(state.problems, { file = files[2], line = nil, unit = code, severity = "canh_bao",
        message = ("danh sách thành viên của đơn vị \"%s\" nằm ở nhiều bảng (%s); đã cộng dồn, hãy kiểm tra không bị nộp trùng")
          :format(values.shown(code), table.concat(files, "; ")) })
    end
  end
end

-- What a file added to the state, so a file that fails half-way (inside a
-- folder: skipped) leaves nothing behind.
local function mark(state)
  local seen = {}
  for k, v in pairs(state.seen_tables) do seen[k] = v end
  return { units = #state.units, problems = #state.problems, rosters = #state.rosters,
    missing = #state.missing_counts, evidence = #state.evidence_log, rows = state.evidence_rows, seen = seen }
end

local function truncate(list, n)
  for i = #list, n + 1, -1 do list[i] = nil end
end

local function roll_back(state, m)
  truncate(state.units, m.units)
  truncate(state.problems, m.problems)
  truncate(state.rosters, m.rosters)
  truncate(state.missing_counts, m.missing)
  for i = #state.evidence_log, m.evidence + 1, -1 do
    local list = state.evidence[state.evidence_log[i]]
    list[#list] = nil
    state.evidence_log[i] = nil
  end
  state.evidence_rows = m.rows
  state.seen_tables = m.seen
end

-- Without any roster, a units table that lacks a required count column is
-- a file error: the run stops for a named file, a file found in a folder
-- is skipped (its units and their problems dropped).
local function settle_missing_counts(state)
  if #state.rosters > 0 or #state.missing_counts == 0 then return true end
  local drop = {}
  for _, mc in ipairs(state.missing_counts) do
    if not mc.in_folder then return nil, mc.message end
    drop[mc.file] = mc
  end
  local units, problems = {}, {}
  for i, rec in ipairs(state.units) do
    local gone = false
    for _, mc in pairs(drop) do gone = gone or (i >= mc.from and i <= mc.to) end
    if not gone then units[#units + 1] = rec end
  end
  for _, p in ipairs(state.problems) do
    if not drop[p.file] then problems[#problems + 1] = p end
  end
  for _, mc in ipairs(state.missing_counts) do
    problems[#problems + 1] = { file = mc.file, message = mc.message, severity = "bo_qua" }
  end
  state.units, state.problems = units, problems
  return true
end

-- Reading builds the run's live data (unit records, roster sums): a
-- collection while it runs finds little garbage and walks all of that data
-- again. So the collector waits until the inputs are read; the heap cap
-- still forces a collection (Lua collects and retries a refused
-- allocation). Calls f(...) with the collector stopped and restarts it
-- however f ends (a to-be-closed variable would not be closed when an
-- error ends a coroutine).
function M.with_collector_paused(f, ...)
  if not collectgarbage("isrunning") then return f(...) end
  collectgarbage("stop")
  local res = table.pack(pcall(f, ...))
  collectgarbage("restart")
  if not res[1] then error(res[2], 0) end
  return table.unpack(res, 2, res.n)
end

local read_inputs

-- Worker threads that read the input files ahead (lua_tables.c, prefetch):
-- M.threads (set by --threads), then $DVHT_THREADS, then one per
-- processor (nil here: the C default). 0 reads every file when it is
-- opened. The results are the same whatever the number.
M.MAX_THREADS = tables.MAX_THREADS
function M.read_threads()
  if M.threads then return M.threads end
  local n = math.tointeger(tonumber(os.getenv("DVHT_THREADS") or ""))
  if n and n >= 0 and n <= M.MAX_THREADS then return n end
  return nil
end

-- Reads all inputs. Returns data, or nil and a file-level message.
-- opts: progress (fn(path, index, files, rows read so far)), exclude (paths never read: the run's outputs),
-- evidence_dir (folder of evidence, one sub-folder per unit code).
-- data = { units = {...}, problems = {...}, evidence = { [code] = {...} },
--          evidence_given = bool, files = {...}, read_stats = { worker_sums = n } }
function M.read(plan, paths, opts)
  return M.with_collector_paused(read_inputs, plan, paths, opts)
end

local read_list

-- What reading one file leaves behind, measured on a city folder of small
-- files (3,954 files: 14 MB more at the peak without any collection), and
-- the least garbage worth a collection.
local GARBAGE_PER_FILE_KB = 4
local GARBAGE_MIN_KB = 16 * 1024

function read_inputs(plan, paths, opts)
  opts = opts or {}
  local list, err = M.expand(paths, opts.exclude)
  if not list then return nil, err end
  local files = {}
  for i, item in ipairs(list) do files[i] = item.path end
  -- the files are opened in this order: workers parse them ahead
  local reader = tables.prefetch(files, M.read_threads())
  local res = table.pack(pcall(read_list, plan, list, opts, reader))
  reader:close()
  if not res[1] then error(res[2], 0) end
  -- how the reading went (rosters summed by the workers): not part of the
  -- results, for tests and the benchmark
  if res[2] then res[2].read_stats = reader:stats() end
  return table.unpack(res, 2, res.n)
end

function read_list(plan, list, opts, reader)
  local state = { units = {}, problems = {}, evidence = {}, evidence_log = {}, evidence_rows = 0,
    rosters = {}, seen_tables = {}, files = {}, missing_counts = {}, reader = reader }
  for _, r in ipairs(list.repeats or {}) do
    problem(state.problems, { file = r.path, severity = "canh_bao",
      message = ("cùng một tệp với \"%s\" (đã đọc một lần); bỏ qua lần này"):format(r.first) })
  end
  local live_kb, since = collectgarbage("count"), 0
  for i, item in ipairs(list) do
    -- each file leaves some garbage (its header, reader, typing plan), and
    -- a full collection walks every unit read so far: collect once the
    -- files since the last one may have left as much garbage as there is
    -- live data, so that the walks cost a bounded amount per file
    since = since + 1
    if since * GARBAGE_PER_FILE_KB >= math.max(GARBAGE_MIN_KB, live_kb) then
      collectgarbage()
      live_kb, since = collectgarbage("count"), 0
    end
    if opts.progress then opts.progress(item.path, i, #list, #state.units + (state.member_rows or 0)) end
    local before = mark(state)
    state.in_folder = item.in_folder
    local ok, e = read_file(plan, item.path, state)
    if not ok then
      if not item.in_folder then return nil, e end
      roll_back(state, before)
      problem(state.problems, { file = item.path, message = e, severity = "bo_qua" })
    else
      state.files[#state.files + 1] = item.path
    end
  end
  if #list == 0 then return nil, "không có tệp dữ liệu nào (.csv hoặc .xlsx) để đọc" end
  if not state.seen_tables.units then
    return nil, "không có bảng \"Đơn vị\" nào trong dữ liệu đầu vào (" .. describe_identify(plan) .. ")"
  end
  local ok, merr = settle_missing_counts(state)
  if not ok then return nil, merr end
  check_repeats(plan, state)
  apply_rosters(plan, state)
  for _, rec in ipairs(state.units) do finish_unit(plan, rec, state.problems, #state.rosters > 0) end
  if opts.evidence_dir then
    local found, eerr = require("dvht.evidence").scan(plan, opts.evidence_dir, state.units, state.problems)
    if not found then return nil, eerr end
    for code, entries in pairs(found) do
      local l = state.evidence[code] or {}
      state.evidence[code] = l
      for _, e in ipairs(entries) do l[#l + 1] = e end
    end
  end
  state.evidence_given = opts.evidence_dir ~= nil or state.evidence_rows > 0
  state.evidence_log, state.missing_counts, state.in_folder, state.file = nil, nil, nil, nil
  state.reader = nil
  -- one collection now that reading is done: the roster sums and other
  -- garbage of reading are freed before assessment allocates its outcomes
  -- (a lower peak of memory for one walk over the data). Below 64 MiB of
  -- heap the walk costs more than the memory it would give back.
  if collectgarbage("count") > 64 * 1024 then collectgarbage() end
  return state
end

return M
