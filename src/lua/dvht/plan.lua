-- plan.lua - loading a plan folder into a checked, compiled plan.
--
-- A plan folder holds plan.lua and the files it includes. They run in the
-- sandbox (sandbox.lua) and declare things through the plan language below;
-- every declaration remembers the file:line it came from so that errors and
-- `dvht check` point at it. A plan may start from another one with
-- `inherit "hanoi-2025"` and then `change "tc2_4" { ... }`.
local core = require "dvht.core"
local sandbox = require "dvht.sandbox"
local measures = require "dvht.measures"
local plan_fields = require "dvht.plan_fields"

local M = {}

local here, fail = require("dvht.sandbox").here, require("dvht.sandbox").fail

local function is_dir(path)
  local lfs = require "lfs"
  return lfs.attributes(path, "mode") == "directory"
end

local function file_exists(path)
  local lfs = require "lfs"
  return lfs.attributes(path, "mode") == "file"
end

-- Finds a plan folder from a folder path or a bundled plan name.
function M.resolve(spec)
  if type(spec) == "string" and #spec > 1 then spec = spec:gsub("/+$", "") end
  if spec and is_dir(spec) and file_exists(spec .. "/plan.lua") then return spec end
  if spec and not spec:find("/", 1, true) then
    local bundled = core.paths.rules .. "/" .. spec
    if file_exists(bundled .. "/plan.lua") then return bundled end
  end
  return nil, ("không tìm thấy bộ tiêu chí \"%s\" (cần một thư mục có tệp plan.lua, "
    .. "hoặc tên một bộ tiêu chí có sẵn trong %s)"):format(tostring(spec), core.paths.rules)
end

-- The declarations collected while the files run ---------------------------

local function new_collector()
  return {
    meta = {}, meta_at = {}, unit_types = {}, groups = {}, table_kinds = {}, columns = {},
    criteria = {}, indicators = {}, order = {}, files = {}, rollup = nil,
    text_replacements = {},
    field_at = {}, -- [item] = { [field] = file:line of the change that set it }
  }
end

-- A mistake in the plan: loading stops at the first one; collecting for
-- `dvht check` (C.errors set) records it and goes on. rule: the check rule
-- it falls under (plan_check.RULES), when not a syntax or run error.
local function flag(C, rule, at, fmt, ...)
  if not C.errors then fail(at, fmt, ...) end
  table.insert(C.errors, { where = at, message = fmt:format(...), rule = rule })
end

local function problem(C, at, fmt, ...) return flag(C, nil, at, fmt, ...) end

-- Adds an item to a kind (list + index); a later plan may replace an item of
-- an inherited plan, but one plan may not declare the same id twice.
-- Returns true when the item was added.
local function declare(C, kind, item, at, plan_dir)
  if type(item) ~= "table" then return problem(C, at, "%s cần một bảng { ... }", kind) end
  if type(item.id) ~= "string" or item.id == "" then return problem(C, at, "%s thiếu mã 'id = \"...\"'", kind) end
  item.where, item.plan_dir, item.changed_at = at, plan_dir, nil
  local list = C[kind]
  local old = list[item.id]
  if old and old.plan_dir == plan_dir then
    return problem(C, at, "mã '%s' bị khai báo hai lần (lần đầu ở %s)", item.id, old.where)
  end
  if not old then
    C.order[kind] = C.order[kind] or {}
    table.insert(C.order[kind], item.id)
  end
  list[item.id] = item
  return true
end

-- Names an indicator id may not take: the other columns of the results
-- CSV (one column per indicator id) and "loi", the data-error expectation
-- of a test case (expect = { tc2_4 = ..., loi = ... }).
local RESERVED_IDS, RESERVED_LIST = { loi = true }, {}
do
  local results_csv = require "dvht.results_csv"
  for _, list in ipairs { results_csv.FIRST, results_csv.LAST, { "loi" } } do
    for _, k in ipairs(list) do
      RESERVED_IDS[k] = true
      RESERVED_LIST[#RESERVED_LIST + 1] = k
    end
  end
  RESERVED_LIST = table.concat(RESERVED_LIST, ", ")
end

-- The plan language: the globals a plan file sees.
local function language(C, plan_dir, loader)
  local where = here
  local api = {}
  for name, fn in pairs(measures.builders) do api[name] = fn end

  function api.plan(t)
    local at = where(2)
    if type(t) ~= "table" then return problem(C, at, "plan cần một bảng { ... }") end
    if t.where ~= nil then return flag(C, "gia-tri", at, "plan { ... }: không dùng được tên trường 'where'") end
    for k, v in pairs(t) do C.meta[k] = v; C.meta_at[k] = at end
    C.meta.where = C.meta.where or at
  end
  function api.unit_type(t)
    local at = where(2)
    if not declare(C, "unit_types", t, at, plan_dir) then return end
    if t.groups ~= nil and not plan_fields.fits("strings", t.groups) then
      return flag(C, "gia-tri", at, "loại đơn vị '%s': 'groups' phải là một danh sách chữ { \"…\", \"…\" } (đang là %s)",
        t.id, plan_fields.shown(t.groups))
    end
    for _, g in ipairs(t.groups or {}) do
      C.groups[g] = C.groups[g] or {}
      C.groups[g][t.id] = true
    end
  end
  function api.table_kind(t) declare(C, "table_kinds", t, where(2), plan_dir) end
  function api.column(t)
    local at = where(2)
    if type(t) == "table" then t.id = tostring(t.table) .. "." .. tostring(t.key) end
    declare(C, "columns", t, at, plan_dir)
  end
  function api.criterion(t) declare(C, "criteria", t, where(2), plan_dir) end
  function api.indicator(t)
    local at = where(2)
    local id = type(t) == "table" and t.id
    if type(id) == "string" and id ~= "" then
      if not id:match("^[a-z0-9_]+$") then
        return flag(C, "gia-tri", at, "mã chỉ tiêu %s chỉ được gồm chữ thường không dấu a–z, chữ số và dấu _ (ví dụ \"tc2_4\")",
          plan_fields.shown(id))
      end
      if RESERVED_IDS[id] then
        return flag(C, "gia-tri", at, "mã chỉ tiêu \"%s\" trùng tên một cột của tệp kết quả CSV hay một mục của ca kiểm thử (%s); hãy chọn mã khác",
          id, RESERVED_LIST)
      end
    end
    declare(C, "indicators", t, at, plan_dir)
  end
  function api.rollup(t)
    local at = where(2)
    if type(t) ~= "table" or type(t.criterion) ~= "function" or type(t.unit) ~= "function" then
      return problem(C, at, "rollup cần { criterion = function(c) ... end, unit = function(u) ... end }")
    end
    t.where = at
    C.rollup = t
  end
  -- change "tc2_4" { muc_1 = ... }: edits an inherited declaration in place.
  -- What names the item (id; key and table of a column) and the engine's
  -- own fields cannot be changed.
  local FIXED = { id = true, key = true, table = true, where = true, plan_dir = true, changed_at = true }
  function api.change(id)
    local at = where(2)
    return function(fields)
      if type(fields) ~= "table" then
        return problem(C, at, "change \"%s\" cần một bảng { ... } các trường được đổi", tostring(id))
      end
      for _, kind in ipairs { "indicators", "criteria", "unit_types", "columns", "table_kinds" } do
        local item = C[kind][id] or (kind == "columns" and C.columns["don_vi." .. tostring(id)])
        if item then
          for k in pairs(fields) do
            if FIXED[k] then
              return flag(C, "gia-tri", at, "change \"%s\": không đổi được '%s' (hãy khai báo một mục mới)", tostring(id), tostring(k))
            end
          end
          local pos = C.field_at[item] or {}
          C.field_at[item] = pos
          for k, v in pairs(fields) do item[k] = v; pos[k] = at end
          item.changed_at = at
          return
        end
      end
      problem(C, at, "không có mục '%s' để thay đổi", tostring(id))
    end
  end
  -- replace_text { ["cấp huyện"] = "cấp xã/phường" }: applied to every text.
  function api.replace_text(map)
    local at = where(2)
    if type(map) ~= "table" then return problem(C, at, "replace_text cần một bảng { [\"cũ\"] = \"mới\" }") end
    -- longest first, so that a phrase wins over a shorter text inside it
    local keys = {}
    for old, new in pairs(map) do
      if type(old) ~= "string" or old == "" or type(new) ~= "string" then
        flag(C, "thay-chu", at, "replace_text: cần cặp [\"chữ cũ\"] = \"chữ mới\" (đang có %s = %s)",
          plan_fields.shown(old), plan_fields.shown(new))
      elseif not core.valid_utf8(old) or not core.valid_utf8(new) then
        flag(C, "gia-tri", at, "replace_text: chữ không phải UTF-8 hợp lệ (hãy gõ thẳng chữ có dấu, không viết mã \\ddd hay \\xHH)")
      else
        keys[#keys + 1] = old
      end
    end
    table.sort(keys, function(a, b)
      if #a ~= #b then return #a > #b end
      return a < b
    end)
    for _, old in ipairs(keys) do table.insert(C.text_replacements, { old, map[old], at }) end
  end
  function api.include(name)
    return loader.include(name, where(2))
  end
  function api.inherit(name)
    return loader.inherit(name, where(2))
  end
  return api
end

-- Position of `path` in a stack of open files or folders (the same path, or
-- another name of the same file), or nil.
local function on_stack(stack, path, probe)
  for i, p in ipairs(stack) do
    if p == path or core.same_file(p .. probe, path .. probe) then return i end
  end
  return nil
end

-- A path as messages show it: "x/./" and "x/y/../" folded.
local function tidy(path)
  local folded
  repeat
    folded = false
    path = path:gsub("/%./", "/"):gsub("/([^/]+)/%.%./", function(d)
      if d == ".." or d == "." then return nil end
      folded = true
      return "/"
    end)
  until not folded
  return path
end

-- "a → b → a": the part of a stack from position i, then `path` again.
local function cycle(stack, i, path, show)
  local names = {}
  for j = i, #stack do names[#names + 1] = tidy(show(stack[j])) end
  names[#names + 1] = tidy(show(path))
  return table.concat(names, " → ")
end

-- Runs one plan folder's plan.lua (and what it includes) into C. at: the
-- `inherit` that asked for it (nil for the plan being loaded). C.dirs and
-- C.open are the folders and files being run, outermost first: a folder
-- or file met again while it runs is a loop, reported once.
local function run_plan_dir(C, dir, depth, at)
  C.dirs, C.open = C.dirs or {}, C.open or {}
  local again = on_stack(C.dirs, dir, "/plan.lua")
  if again then
    return problem(C, at, "kế thừa vòng tròn: %s (một bộ tiêu chí không kế thừa được chính nó, kể cả qua bộ khác)",
      cycle(C.dirs, again, dir, function(d) return d .. "/plan.lua" end))
  end
  if depth > 5 then return problem(C, at, "chuỗi kế thừa bộ tiêu chí quá dài (quá 5 lần inherit nối nhau)") end
  local loader = {}
  local env
  function loader.include(name, at)
    if type(name) ~= "string" or name:find("..", 1, true) or name:sub(1, 1) == "/"
        or not name:match("%.lua$") then
      return problem(C, at, "include chỉ nhận tên tệp .lua nằm trong thư mục bộ tiêu chí (nhận được \"%s\")", tostring(name))
    end
    local path = dir .. "/" .. name
    local open_at = on_stack(C.open, path, "")
    if open_at then
      local prefix = dir .. "/"
      return problem(C, at, "include \"%s\" tạo vòng lặp: %s (một tệp không include được tệp đang include nó)", name,
        cycle(C.open, open_at, path, function(p) return p:sub(1, #prefix) == prefix and p:sub(#prefix + 1) or p end))
    end
    local chunk, err = core.load_text(path, "@" .. path, env)
    if not chunk then return problem(C, at, "%s", err) end
    table.insert(C.files, path)
    table.insert(C.open, path)
    local ok, e = sandbox.call(chunk)
    table.remove(C.open)
    if not ok then
      -- a stop by the limits may carry no position: name the innermost file
      C.failed_in = C.failed_in or path
      if type(e) == "string" and not e:find("%.lua:%d+:") then e = C.failed_in .. ": " .. e end
    end
    if not ok and not C.errors then error(e, 0) end
    -- collecting: the rest of this file is lost, the including file goes on
    if not ok then
      C.failed_in = nil
      table.insert(C.errors, { message = tostring(e) })
    end
  end
  function loader.inherit(name, at)
    local parent, err = M.resolve(name)
    if not parent and type(name) == "string" then parent = M.resolve(dir .. "/" .. name) end
    if not parent then return problem(C, at, "%s", err) end
    run_plan_dir(C, parent, depth + 1, at)
    C.parent = C.parent or parent
  end
  env = sandbox.environment(language(C, dir, loader))
  table.insert(C.dirs, dir)
  loader.include("plan.lua", nil)
  table.remove(C.dirs)
end

-- Compilation: check references and build the structures assess.lua uses ---

local ordered = plan_fields.ordered

-- Replacing is the engine's work, out of the rule budget's reach: a plan
-- with thousands of pairs over long texts ran for minutes. The bytes the
-- pairs scan are counted, and past REPLACE_WORK the plan is refused at
-- the replace_text that tipped it over.
local REPLACE_WORK = 100000000

local function replace_texts(C, s)
  if type(s) ~= "string" then return s end
  for _, r in ipairs(C.text_replacements) do
    C.replace_work = (C.replace_work or 0) + #s + #r[1]
    if C.replace_work > REPLACE_WORK then
      fail(r[3], "replace_text: quá nhiều cặp thay thế trên quá nhiều chữ (phải dò hơn %d ký tự); hãy bớt cặp thay thế", REPLACE_WORK)
    end
    s = s:gsub(r[1]:gsub("%p", "%%%0"), (r[2]:gsub("%%", "%%%%")))
  end
  return s
end

local TEXT_FIELDS = { "text", "title", "evidence_hint", "guide_text", "guide_evidence_hint", "label" }

local function apply_replacements(C, item)
  for _, f in ipairs(TEXT_FIELDS) do item[f] = replace_texts(C, item[f]) end
  for _, f in ipairs { "levels", "guide_levels" } do
    if type(item[f]) == "table" then
      for i, s in ipairs(item[f]) do item[f][i] = replace_texts(C, s) end
    end
  end
end

local function compile_meta(C, plan)
  local meta = C.meta
  plan.meta = meta
  plan.id, plan.name, plan.year = meta.id, meta.name, meta.year
  if type(meta.levels) ~= "table" or #meta.levels == 0 then
    fail(C.meta_at.levels or meta.where, "plan thiếu 'levels = { { id = \"muc_1\", label = \"Mức độ 1\" }, ... }'")
  end
  if type(meta.results) ~= "table" or #meta.results < 2 then
    fail(C.meta_at.results or meta.where, "plan thiếu 'results = { { id = \"khong_dat\", ... }, ... }' (ít nhất hai kết quả)")
  end
  plan.levels, plan.results = meta.levels, meta.results
  plan.result_by_id = {}
  for i, r in ipairs(plan.results) do r.rank = i; plan.result_by_id[r.id] = r end
  plan.yes_words, plan.no_words = {}, {}
  for _, w in ipairs(meta.yes_words or {}) do plan.yes_words[core.fold(w)] = true end
  for _, w in ipairs(meta.no_words or {}) do plan.no_words[core.fold(w)] = true end
end

local function compile_types(C, plan)
  plan.unit_type_list = ordered(C, "unit_types")
  plan.unit_types, plan.groups, plan.type_by_key = C.unit_types, C.groups, {}
  for _, t in ipairs(plan.unit_type_list) do
    if type(t.label) ~= "string" then fail(t.where, "loại đơn vị '%s' thiếu 'label'", t.id) end
    apply_replacements(C, t)
    for _, name in ipairs { t.id, t.label, table.unpack(t.aliases or {}) } do
      plan.type_by_key[core.fold(name)] = t.id
    end
  end
end

local COLUMN_TYPES = { text = true, yes_no = true, count = true, unit_type = true, choice = true, date = true }

local function compile_columns(C, plan)
  plan.table_kind_list = ordered(C, "table_kinds")
  plan.tables = {}
  for _, tk in ipairs(plan.table_kind_list) do
    tk.columns, tk.column_by_key = {}, {}
    plan.tables[tk.id] = tk
  end
  for _, c in ipairs(ordered(C, "columns")) do
    local tk = plan.tables[c.table]
    if not tk then fail(c.where, "cột '%s' thuộc bảng '%s' chưa khai báo (table_kind)", c.key, tostring(c.table)) end
    if not COLUMN_TYPES[c.type] then fail(c.where, "cột '%s' có kiểu không hợp lệ '%s'", c.key, tostring(c.type)) end
    if type(c.label) ~= "string" then fail(c.where, "cột '%s' thiếu 'label'", c.key) end
    apply_replacements(C, c)
    c.choice_by_id, c.choice_by_key = {}, {}
    for _, ch in ipairs(c.choices or {}) do
      c.choice_by_id[ch.id] = ch
      c.choice_by_key[core.fold(ch.id)] = ch.id
      c.choice_by_key[core.fold(ch.label)] = ch.id
    end
    table.insert(tk.columns, c)
    tk.column_by_key[c.key] = c
    if c.type == "unit_type" then plan.units_table = tk end
  end
  local units = plan.units_table
  if not units then fail(nil, "bộ tiêu chí chưa khai báo bảng đơn vị (cần một cột kiểu \"unit_type\")") end
  plan.columns = units.column_by_key
  for _, c in ipairs(units.columns) do
    if c.role then plan[c.role .. "_key"] = c.key end
  end
  plan.code_key = plan.code_key or units.columns[1].key
  plan.type_key = plan.unit_type_key
  plan.name_key = plan.name_key or plan.code_key
end

local function compile_indicators(C, plan)
  plan.criteria = ordered(C, "criteria")
  table.sort(plan.criteria, function(a, b) return (a.number or 0) < (b.number or 0) end)
  for _, c in ipairs(plan.criteria) do c.indicators = {}; apply_replacements(C, c) end
  plan.indicators = {}
  for _, ind in ipairs(ordered(C, "indicators")) do
    local crit = C.criteria[ind.criterion]
    if not crit then fail(ind.where, "chỉ tiêu '%s' thuộc tiêu chí '%s' chưa khai báo", ind.id, tostring(ind.criterion)) end
    apply_replacements(C, ind)
    ind.criterion_obj = crit
    ind.results, ind.not_applicable = nil, nil -- the engine's caches (assess.lua), never the plan's
    -- where the measure and applies were written (the change that set them)
    ind.measure_at = plan_fields.field_at(C, ind, "measure")
    ind.applies_at = plan_fields.field_at(C, ind, "applies")
    ind.m = measures.compile_measure(plan, ind.measure, ind.measure_at)
    for _, part in ipairs(ind.m.parts) do
      part.text = replace_texts(C, part.text)
      part.evidence_hint = replace_texts(C, part.evidence_hint)
    end
    ind.applies_fn, ind.applies_custom, ind.applies_info = measures.compile_applies(plan, ind.applies, ind.applies_at)
    table.insert(crit.indicators, ind)
  end
  for _, c in ipairs(plan.criteria) do
    table.sort(c.indicators, function(a, b) return (a.number or 0) < (b.number or 0) end)
    for _, ind in ipairs(c.indicators) do plan.indicators[#plan.indicators + 1] = ind end
  end
  plan.indicator_by_id = C.indicators
  if not C.rollup then fail(nil, "bộ tiêu chí thiếu quy tắc tổng hợp rollup { ... }") end
  plan.rollup = C.rollup
end

-- Lua's own syntax and run messages are in English; the common ones, in
-- Vietnamese (every command that loads a plan shows them so, `dvht check` too).
local LUA_MESSAGES = {
  { "^'(.-)' expected %(to close '(.-)' at line (%d+)%) near (.+)$", "thiếu '%1' để đóng '%2' mở ở dòng %3 (gần %4)" },
  { "^'(.-)' expected near (.+)$", "thiếu '%1' (gần %2)" },
  { "^unexpected symbol near (.+)$", "ký hiệu không đúng chỗ (gần %1)" },
  { "^unfinished string near (.+)$", "chuỗi chữ thiếu dấu \" đóng (gần %1)" },
  { "^unfinished long string.*near (.+)$", "chuỗi chữ [[ ... ]] chưa đóng (gần %1)" },
  { "^malformed number near (.+)$", "số viết sai (gần %1)" },
  { "^attempt to call a (%w+) value(.*)$", "gọi một giá trị kiểu %1 như hàm%2 (thiếu dấu phẩy giữa hai mục?)" },
}

function M.translate_lua_error(msg)
  for _, t in ipairs(LUA_MESSAGES) do
    local out, n = msg:gsub(t[1], t[2])
    if n > 0 then return (out:gsub("<eof>", "cuối tệp")) end
  end
  return msg
end

-- A load error "file:line: message" (positions may nest) with the message
-- in Vietnamese.
function M.in_vietnamese(msg)
  local head, rest = "", msg
  while true do
    local w, r = rest:match("^([^\n]-:%d+:%s*)(.*)$")
    if not w then break end
    head, rest = head .. w, r
  end
  return head .. M.translate_lua_error(rest)
end

-- Loads and compiles the plan at `spec` (folder or bundled name).
-- Returns plan, or nil and a message that names file:line.
-- opts.overrides: parsed threshold overrides (overrides.lua), applied to
-- the declarations before compilation.
function M.load(spec, opts)
  local dir, err = M.resolve(spec)
  if not dir then return nil, err end
  local C = new_collector()
  local overrides = opts and opts.overrides
  local ok, e = pcall(function()
    run_plan_dir(C, dir, 0)
    plan_fields.validate(C, function(_, at, fmt, ...) fail(at, fmt, ...) end)
    if overrides then require("dvht.overrides").apply(C.indicators, C.meta.levels, overrides) end
    local plan = { dir = dir, files = C.files, parent = C.parent, overrides = overrides }
    compile_meta(C, plan)
    compile_types(C, plan)
    compile_columns(C, plan)
    compile_indicators(C, plan)
    return plan
  end)
  if not ok then return nil, M.in_vietnamese(tostring(e)) end
  return e
end

-- Runs the plan's files and returns the raw declarations, without compiling
-- and without stopping at the first mistake: C.errors lists { where?, message }
-- (message may itself start with "file:line:"). For `dvht check`.
function M.collect(spec)
  local dir, err = M.resolve(spec)
  if not dir then return nil, err end
  local C = new_collector()
  C.errors, C.dir = {}, dir
  local ok, e = pcall(run_plan_dir, C, dir, 0)
  if not ok then table.insert(C.errors, { message = tostring(e) }) end
  return C
end

-- Validity dates "YYYY-MM-DD" of plan{}: returns the years they span.
function M.valid_years(meta)
  local from = type(meta.valid_from) == "string" and tonumber(meta.valid_from:match("^(%d%d%d%d)%-%d%d%-%d%d$"))
  local to = type(meta.valid_to) == "string" and tonumber(meta.valid_to:match("^(%d%d%d%d)%-%d%d%-%d%d$"))
  return from, to
end

-- The bundled plan valid in `year` (its valid_from..valid_to covers part of
-- the year). Returns its folder, or nil and a message naming the candidates.
function M.for_year(year)
  local y = type(year) == "string" and year:match("^%s*(%d%d%d%d)%s*$") or (math.type(year) == "integer" and tostring(year))
  if not y then
    return nil, ("năm \"%s\" không hợp lệ (cần bốn chữ số, ví dụ --nam 2026)"):format(tostring(year))
  end
  y = tonumber(y)
  local lfs = require "lfs"
  local names = {}
  if is_dir(core.paths.rules) then
    for name in lfs.dir(core.paths.rules) do
      if name:sub(1, 1) ~= "." and file_exists(core.paths.rules .. "/" .. name .. "/plan.lua") then
        names[#names + 1] = name
      end
    end
  end
  table.sort(names)
  local hits, known = {}, {}
  for _, name in ipairs(names) do
    local C = M.collect(core.paths.rules .. "/" .. name)
    local from, to = M.valid_years(C and C.meta or {})
    if from and to then
      known[#known + 1] = ("%s (%s đến %s)"):format(name, C.meta.valid_from, C.meta.valid_to)
      if from <= y and y <= to then hits[#hits + 1] = name end
    end
  end
  if #hits == 1 then return core.paths.rules .. "/" .. hits[1] end
  local list = #known > 0 and table.concat(known, "; ") or "không có"
  if #hits == 0 then
    return nil, ("không có bộ tiêu chí nào có hiệu lực trong năm %d. Các bộ tiêu chí có sẵn: %s. "
      .. "Hãy chọn bằng --plan TÊN hoặc tạo bộ tiêu chí cho năm %d (xem docs/huong-dan-chinh-sua-bo-tieu-chi.md)"):format(y, list, y)
  end
  return nil, ("có %d bộ tiêu chí cùng có hiệu lực trong năm %d: %s. Hãy chọn một bằng --plan TÊN, "
    .. "hoặc sửa valid_from / valid_to trong plan { ... } để chúng không chồng nhau"):format(#hits, y, table.concat(hits, ", "))
end

return M
