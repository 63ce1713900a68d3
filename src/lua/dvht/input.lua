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

-- Problem list ---------------------------------------------------------------

local function problem(list, p)
  p.severity = p.severity or "loi"
  list[#list + 1] = p
  return p
end
M.problem = problem

-- Header matching --------------------------------------------------------------

-- Returns { [column index] = column } for the table kind, and how many of
-- its columns were found.
local function match_header(kind, header)
  local by_key = {}
  for _, c in ipairs(kind.columns) do
    by_key[fold(c.key)] = c
    by_key[fold(c.label)] = c
    for _, a in ipairs(c.aliases or {}) do by_key[fold(a)] = c end
  end
  local map, seen, found = {}, {}, 0
  for i, cell in ipairs(header) do
    local ok, key = pcall(fold, cell)
    local c = ok and by_key[key]
    if c and not seen[c.key] then
      map[i], seen[c.key] = c, i
      found = found + 1
    end
  end
  return map, seen, found
end

-- The table kind whose identify columns are all in the header (the one with
-- most matched columns when several are).
local function recognise(plan, header)
  local best
  for _, kind in ipairs(plan.table_kind_list) do
    local map, seen, found = match_header(kind, header)
    local all = true
    for _, key in ipairs(kind.identify or {}) do
      if not seen[key] then all = false end
    end
    if all and (not best or found > best.found) then
      best = { kind = kind, map = map, seen = seen, found = found }
    end
  end
  return best
end

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
  return order
end

-- Builds a unit record from one row: typed values and the row's problems.
-- Required counts, minimums and count <= total are checked later by
-- finish_unit, once member rosters may have filled the counts in.
local function read_unit(plan, order, cells, file, line, problems)
  local v, present = {}, {}
  local rec = { file = file, line = line, values = v, errors = {}, typed_present = present }
  local type_key = plan.type_key
  for n = 1, #order do
    local o = order[n]
    local col = o.col
    local s = o.i and cells[o.i]
    if s == nil or s == "" then
      if col.required and col.type ~= "count" and o.i then
        M.unit_error(rec, problems, col, "ô bắt buộc nhưng đang để trống")
      else
        v[col.key] = values.default(plan, col, v[type_key])
      end
    else
      local val, err = values.parse(plan, col, s)
      if err then M.unit_error(rec, problems, col, err) else v[col.key] = val end
      present[col.key] = true
    end
  end
  rec.code = v[plan.code_key] or (order.code_i and values.nfc(cells[order.code_i] or "")) or ""
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
local function finish_unit(plan, rec, problems)
  local v = rec.values
  for _, col in ipairs(plan.units_table.columns) do
    if col.type == "count" and type(v[col.key]) == "number" then
      if col.required and not rec.typed_present[col.key] and not rec.roster then
        M.unit_error(rec, problems, col, "ô bắt buộc nhưng đang để trống")
      elseif col.min and v[col.key] < col.min then
        M.unit_error(rec, problems, col, ("phải lớn hơn hoặc bằng %d (đang là %d)"):format(col.min, v[col.key]))
      end
    end
  end
  for _, col in ipairs(plan.units_table.columns) do
    local total = col.total and plan.columns[col.total]
    if total and type(v[col.key]) == "number" and type(v[col.total]) == "number" and v[col.key] > v[col.total] then
      M.unit_error(rec, problems, col, ("%d lớn hơn \"%s\" (%d)"):format(v[col.key], total.label, v[col.total]))
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

local function read_units(plan, src, found, state)
  local problems = state.problems
  local order = reading_plan(plan, found.map)
  order.code_i = found.seen[plan.code_key]
  while true do
    local cells, line = src:next()
    if cells == nil then return true end
    if cells == false then return nil, line end
    local rec = read_unit(plan, order, cells, state.file, line, problems)
    local first = state.by_code[rec.code]
    if rec.code ~= "" and first then
      -- the first row of a code is assessed; a repeat is a unit in error
      M.unit_error(rec, problems, plan.columns[plan.code_key],
        ("mã đơn vị \"%s\" trùng với %s, dòng %d"):format(rec.code, first.file, first.line))
    elseif rec.code ~= "" then
      state.by_code[rec.code] = rec
    end
    state.units[#state.units + 1] = rec
  end
end

local function column_index(found, key)
  return found.seen[key] or 0
end

-- Members: one pass in C; here only the column indices and the yes/no words.
local function read_members(plan, src, found, state)
  local kind = found.kind
  local spec = { code = column_index(found, plan.code_key), flags = {}, yes = {}, no = {} }
  local flag_cols = {}
  for _, c in ipairs(kind.columns) do
    if c.type == "yes_no" and c.counts and found.seen[c.key] then
      spec.flags[#spec.flags + 1] = found.seen[c.key]
      flag_cols[#flag_cols + 1] = c
    elseif c.type == "yes_no" and not c.counts and found.seen[c.key] and not spec.learner then
      spec.learner = found.seen[c.key]
    end
  end
  for w in pairs(plan.yes_words) do spec.yes[#spec.yes + 1] = w end
  for w in pairs(plan.no_words) do spec.no[#spec.no + 1] = w end
  local units, bad = src:aggregate(spec)
  if units == false then return nil, bad end
  for _, b in ipairs(bad) do
    local c = found.map[b.column]
    problem(state.problems, { file = state.file, line = b.line, column = c and c.label or "?",
      severity = "canh_bao",
      message = b.value == "" and "ô trống" or ("\"%s\" không phải giá trị có/không hợp lệ; coi như không"):format(b.value) })
  end
  table.insert(state.rosters, { file = state.file, kind = kind, units = units, flag_cols = flag_cols })
  return true
end

local function read_evidence(plan, src, found, state)
  local idx = found.seen
  local code_col, ev_col = idx[plan.code_key], idx.ma_minh_chung
  while true do
    local cells, line = src:next()
    if cells == nil then return true end
    if cells == false then return nil, line end
    local code = cells[code_col] or ""
    local ev = cells[ev_col] or ""
    if code ~= "" and ev ~= "" then
      local list = state.evidence[code] or {}
      state.evidence[code] = list
      list[#list + 1] = {
        code = M.evidence_key(ev),
        name = idx.ten_minh_chung and cells[idx.ten_minh_chung] or "",
        file = idx.tep and cells[idx.tep] or "",
        source = state.file, line = line,
      }
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
  for _, c in ipairs(found.kind.columns) do
    if c.required and not found.seen[c.key] then
      local msg = ("%s: thiếu cột bắt buộc \"%s\" (%s)"):format(display, c.label, c.key)
      if c.type ~= "count" then src:close(); return nil, msg end
      -- a member roster may give this count: decided once every file is read
      state.missing_counts[#state.missing_counts + 1] = msg
    end
  end
  state.file = display
  local role = kind_role(plan, found.kind)
  local ok, e = READERS[role](plan, src, found, state)
  src:close()
  if not ok then return nil, e end
  state.seen_tables[role] = (state.seen_tables[role] or 0) + 1
  return true
end

-- Reads every table of one file (a CSV, or each sheet of a workbook).
local function read_file(plan, path, state)
  local file, err = tables.open(path)
  if not file then return nil, err end
  local sheets = file:sheets()
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

-- Folders: every .csv/.xlsx inside, recursively, without lock or hidden files.
function M.expand(paths)
  local lfs = require "lfs"
  local out = {}
  local function walk(dir)
    local names = {}
    for name in lfs.dir(dir) do
      if name:sub(1, 1) ~= "." and name:sub(1, 2) ~= "~$" then names[#names + 1] = name end
    end
    table.sort(names)
    for _, name in ipairs(names) do
      local p = dir .. "/" .. name
      local mode = lfs.attributes(p, "mode")
      if mode == "directory" then
        walk(p)
      elseif mode == "file" and (name:lower():match("%.csv$") or name:lower():match("%.xlsx$")) then
        out[#out + 1] = { path = p, in_folder = true }
      end
    end
  end
  for _, p in ipairs(paths) do
    if lfs.attributes(p, "mode") == "directory" then
      local ok, e = pcall(walk, (p:gsub("/+$", "")))
      if not ok then return nil, ("không đọc được thư mục \"%s\": %s"):format(p, tostring(e)) end
    else
      out[#out + 1] = { path = p }
    end
  end
  return out
end

-- Applies member rosters to the units: computed totals and counts replace
-- the typed ones; a typed count that disagrees is reported.
local function apply_rosters(plan, state)
  for _, r in ipairs(state.rosters) do
    local kind = r.kind
    for _, rec in ipairs(state.units) do
      local agg = r.units[rec.code]
      if agg then
        local v = rec.values
        local function set(key, n)
          if not key or not plan.columns[key] then return end
          local typed = rec.typed_present and rec.typed_present[key]
          if typed and v[key] ~= n then
            problem(state.problems, { file = rec.file, line = rec.line, column = plan.columns[key].label,
              key = key, severity = "canh_bao",
              message = ("số nhập trên dòng đơn vị (%d) khác số tính từ danh sách thành viên (%d, %s); dùng số của danh sách")
                :format(v[key], n, r.file) })
          end
          v[key] = n
        end
        set(kind.staff_total, agg.staff)
        set(kind.learner_total, agg.learners)
        for k, c in ipairs(r.flag_cols) do
          set(c.counts, agg.staff_yes[k])
          if c.learner_counts then set(c.learner_counts, agg.learner_yes[k]) end
        end
        rec.roster = r.file
        agg.used = true
      end
    end
  end
end

-- Reads all inputs. Returns data, or nil and a file-level message.
-- data = { units = {...}, problems = {...}, evidence = { [code] = {...} }, files = n }
function M.read(plan, paths, opts)
  opts = opts or {}
  local list, err = M.expand(paths)
  if not list then return nil, err end
  local state = { units = {}, by_code = {}, problems = {}, evidence = {}, rosters = {},
    seen_tables = {}, files = {}, missing_counts = {} }
  for _, item in ipairs(list) do
    if opts.progress then opts.progress(item.path) end
    local ok, e = read_file(plan, item.path, state)
    if not ok then
      if not item.in_folder then return nil, e end
      problem(state.problems, { file = item.path, message = e, severity = "bo_qua" })
    else
      state.files[#state.files + 1] = item.path
    end
  end
  if #list == 0 then return nil, "không có tệp dữ liệu nào (.csv hoặc .xlsx) để đọc" end
  if not state.seen_tables.units then
    return nil, "không có bảng \"Đơn vị\" nào trong dữ liệu đầu vào (" .. describe_identify(plan) .. ")"
  end
  if #state.rosters == 0 and #state.missing_counts > 0 then return nil, state.missing_counts[1] end
  apply_rosters(plan, state)
  for _, rec in ipairs(state.units) do finish_unit(plan, rec, state.problems) end
  return state
end

return M
