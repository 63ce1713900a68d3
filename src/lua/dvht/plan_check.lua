-- plan_check.lua - the lint behind `dvht check`: finds the mistakes an
-- office makes when it edits a plan, and names them at file:line.
--
-- It works on the raw declarations (plan.collect, which does not stop at
-- the first mistake), then loads the compiled plan to probe the rules that
-- are Lua functions (custom measures, the roll-up). Each finding has a
-- severity ("loi" = error, "canh_bao" = warning) and a rule code of RULES.
local core = require "dvht.core"
local planlib = require "dvht.plan"
local sandbox = require "dvht.sandbox"
local values = require "dvht.values"
local measures = require "dvht.measures"
local plan_fields = require "dvht.plan_fields"
local assess = require "dvht.assess"

local M = {}

-- Rule codes, as printed after each message and listed in the docs.
M.RULES = {
  { "cu-phap", "lỗi cú pháp hoặc lỗi khi chạy một tệp của bộ tiêu chí" },
  { "loai-don-vi", "loại đơn vị hay nhóm không có trong bộ tiêu chí" },
  { "nguong", "ngưỡng thiếu, ngoài khoảng 0–100 %, hoặc mức sau thấp hơn mức trước" },
  { "loi-van", "chỉ tiêu hay tiêu chí thiếu lời văn (text, levels, title)" },
  { "loi-van-nguong", "lời văn của một mức ghi tỉ lệ khác với ngưỡng" },
  { "minh-chung", "chỉ tiêu thiếu mã minh chứng" },
  { "trung-ma", "mã, số thứ tự, mã minh chứng hay tên bị trùng" },
  { "cot", "cột được dùng nhưng chưa khai báo, hoặc sai kiểu; cách đo, applies thiếu hoặc sai" },
  { "tieu-chi", "chỉ tiêu thuộc tiêu chí chưa khai báo; tiêu chí không có chỉ tiêu" },
  { "ap-dung", "chỉ tiêu không áp dụng cho loại đơn vị nào, hoặc không có phép đo cho một loại" },
  { "tong-hop", "quy tắc tổng hợp lỗi, hoặc không bao giờ cho một kết quả" },
  { "hieu-luc", "ngày hiệu lực (valid_from, valid_to) thiếu hoặc sai" },
  { "thay-chu", "replace_text tìm một đoạn chữ không có ở đâu" },
  { "gia-tri", "giá trị sai kiểu hoặc sai dạng (chữ, số, danh sách, giá trị mặc định của cột, mã chỉ tiêu), hoặc chữ không phải UTF-8" },
  { "tai", "lỗi khác khi nạp bộ tiêu chí" },
}

local SEVERITY_LABEL = { loi = "lỗi", canh_bao = "cảnh báo" }

-- Helpers -------------------------------------------------------------------

local function new_report(dir)
  local r = { dir = dir, items = {} }
  function r.add(severity, rule, where, fmt, ...)
    local msg = select("#", ...) > 0 and fmt:format(...) or fmt
    r.items[#r.items + 1] = { severity = severity, rule = rule, where = where, message = msg }
  end
  function r.error(...) r.add("loi", ...) end
  function r.warn(...) r.add("canh_bao", ...) end
  return r
end

-- "path:12: message" -> "path:12", "message"; of nested places
-- ("plan.lua:5: other.lua:2: message") the innermost.
local function split_where(msg)
  local where
  while true do
    local w, rest = msg:match("^([^\n]-:%d+):%s*(.*)$")
    if not w then return where, msg end
    where, msg = w, rest
  end
end

local ordered = plan_fields.ordered

local function label_of(C, ind)
  local crit = C.criteria[ind.criterion or ""]
  return ("TC%s.%s (%s)"):format(crit and tostring(crit.number) or "?", tostring(ind.number or "?"), ind.id)
end

local function at_of(item) return item.changed_at or item.where end

-- The parts of a measure: a list of builder tables (yes_no, percent, ordinal).
local function parts_of(m)
  if type(m) ~= "table" then return {} end
  if m.kind == "all_of" then
    local out = {}
    for _, p in ipairs(type(m.parts) == "table" and m.parts or {}) do
      if type(p) == "table" then out[#out + 1] = p end
    end
    return out
  end
  return { m }
end

local function is_levelled(ind)
  if type(ind.measure) == "function" then return true end
  for _, p in ipairs(parts_of(ind.measure)) do
    if p.kind ~= "yes_no" then return true end
  end
  return false
end

local function nonempty(s) return type(s) == "string" and s:find("%S") ~= nil end

-- A text left out or blank (a text of another type is reported by plan_fields).
local function missing(s) return s == nil or (type(s) == "string" and not nonempty(s)) end

-- The units table: the table kind holding the column of type unit_type.
local function units_columns(C)
  for _, c in ipairs(ordered(C, "columns")) do
    if c.type == "unit_type" then
      local by_key = {}
      for _, d in ipairs(ordered(C, "columns")) do
        if d.table == c.table then by_key[d.key] = d end
      end
      return by_key, c.table
    end
  end
  return {}, nil
end

-- Errors found while the files ran --------------------------------------------

local function check_collect_errors(C, r)
  for _, e in ipairs(C.errors) do
    local where, msg = e.where, e.message
    local w2, rest = split_where(msg)
    if w2 then where, msg = w2, rest end
    if e.rule then
      r.error(e.rule, where, "%s", msg)
    elseif msg:find("bị khai báo hai lần", 1, true) then
      r.error("trung-ma", where, "%s", msg)
    else
      r.error("cu-phap", where, "%s", planlib.translate_lua_error(msg))
    end
  end
end

-- Unit types -------------------------------------------------------------------

local function check_type_list(C, r, list, at, what)
  if type(list) == "string" then list = { list } end
  if type(list) ~= "table" then
    return r.error("loai-don-vi", at, "%s: cần danh sách mã loại đơn vị, ví dụ { \"pho_thong\" }", what)
  end
  for _, id in ipairs(list) do
    if not C.unit_types[id] and not C.groups[id] then
      local names = {}
      for _, t in ipairs(ordered(C, "unit_types")) do names[#names + 1] = t.id end
      for g in pairs(C.groups) do names[#names + 1] = g end
      table.sort(names)
      r.error("loai-don-vi", at, "%s: không có loại đơn vị hay nhóm '%s' (có: %s)", what, tostring(id),
        table.concat(names, ", "))
    end
  end
end

local function check_unit_types(C, r, cols)
  local types = ordered(C, "unit_types")
  if #types == 0 then r.error("loai-don-vi", C.meta.where, "bộ tiêu chí chưa khai báo loại đơn vị nào (unit_type { ... })") end
  local seen = {}
  for _, t in ipairs(types) do
    if missing(t.label) then r.error("loi-van", t.where, "loại đơn vị '%s' thiếu 'label' (tên loại)", t.id) end
    local names = { t.id }
    if type(t.label) == "string" then names[#names + 1] = t.label end
    for _, a in ipairs(type(t.aliases) == "table" and t.aliases or {}) do names[#names + 1] = a end
    for _, n in ipairs(names) do
      local ok, k = pcall(core.fold, tostring(n))
      local first = ok and seen[k]
      if first and first.id ~= t.id then
        r.error("trung-ma", t.where, "tên \"%s\" của loại đơn vị '%s' trùng với loại '%s' (%s)", n, t.id, first.id, first.where)
      elseif ok then
        seen[k] = t
      end
    end
    for key in pairs(type(t.defaults) == "table" and t.defaults or {}) do
      if not cols[key] then
        r.error("cot", t.where, "loại đơn vị '%s': giá trị mặc định cho cột '%s' chưa khai báo trong bảng đơn vị", t.id, tostring(key))
      end
    end
  end
end

-- Columns and tables -------------------------------------------------------------

local COLUMN_TYPES = { text = true, yes_no = true, count = true, unit_type = true, choice = true, date = true }
local TYPE_WORD = { count = "số (count)", yes_no = "có/không (yes_no)", choice = "lựa chọn (choice)" }

-- A column used by a rule: declared in the units table, of the right type.
local function need_column(r, cols, key, at, want, what)
  local c = cols[key]
  if type(key) ~= "string" then
    r.error("cot", at, "%s: thiếu tên cột", what)
  elseif not c then
    r.error("cot", at, "%s dùng cột '%s' nhưng cột này chưa khai báo trong bảng đơn vị (column { table = ..., key = \"%s\", ... })", what, key, key)
  elseif want and c.type ~= want then
    r.error("cot", at, "%s: cột '%s' có kiểu '%s', cần kiểu %s", what, key, tostring(c.type), TYPE_WORD[want] or want)
  end
  return c
end

local function check_columns(C, r, cols, units_table)
  if not units_table then
    r.error("cot", C.meta.where, "bộ tiêu chí chưa khai báo bảng đơn vị (cần một cột kiểu \"unit_type\")")
  end
  local by_table, labels = {}, {}
  for _, c in ipairs(ordered(C, "columns")) do
    if not C.table_kinds[c.table or ""] then
      r.error("cot", c.where, "cột '%s' thuộc bảng '%s' chưa khai báo (table_kind { id = \"%s\", ... })", tostring(c.key), tostring(c.table), tostring(c.table))
    end
    if not COLUMN_TYPES[c.type] then
      r.error("cot", c.where, "cột '%s' có kiểu không hợp lệ '%s' (dùng: text, yes_no, count, unit_type, choice, date)", tostring(c.key), tostring(c.type))
    end
    if missing(c.label) then r.error("loi-van", c.where, "cột '%s' thiếu 'label' (tên cột)", tostring(c.key)) end
    by_table[c.table or ""] = by_table[c.table or ""] or {}
    by_table[c.table or ""][c.key or ""] = c
    -- two columns of one table matched by the same header text
    labels[c.table or ""] = labels[c.table or ""] or {}
    local seen = labels[c.table or ""]
    for _, n in ipairs { c.key, c.label } do
      if type(n) == "string" then
        local ok, k = pcall(core.fold, n)
        if ok and seen[k] and seen[k] ~= c then
          r.error("trung-ma", c.where, "tên cột \"%s\" trùng với cột '%s' (%s)", n, seen[k].key, seen[k].where)
        elseif ok then
          seen[k] = c
        end
      end
    end
    if c.type == "choice" then
      local choices = type(c.choices) == "table" and c.choices or {}
      if #choices == 0 then r.error("cot", c.where, "cột lựa chọn '%s' thiếu 'choices = { { id = ..., label = ... } }'", tostring(c.key)) end
      local ids = {}
      for _, ch in ipairs(choices) do
        for _, n in ipairs(type(ch) == "table" and { ch.id, ch.label } or {}) do
          local ok, k = pcall(core.fold, tostring(n))
          if ok and ids[k] and ids[k] ~= ch then
            r.error("trung-ma", c.where, "cột '%s': giá trị \"%s\" bị trùng", tostring(c.key), tostring(n))
          elseif ok then
            ids[k] = ch
          end
        end
      end
    end
    if c.table == units_table and c.total ~= nil then
      need_column(r, cols, c.total, c.where, "count", ("cột '%s' (total)"):format(tostring(c.key)))
    end
    for _, f in ipairs { "counts", "learner_counts" } do
      if c[f] ~= nil then need_column(r, cols, c[f], c.where, "count", ("cột '%s' (%s)"):format(tostring(c.key), f)) end
    end
    for _, id in ipairs(type(c.needed_by) == "table" and c.needed_by or {}) do
      if not C.indicators[id] then
        r.warn("cot", c.where, "cột '%s': needed_by nhắc chỉ tiêu '%s' không có trong bộ tiêu chí", tostring(c.key), tostring(id))
      end
    end
  end
  for _, tk in ipairs(ordered(C, "table_kinds")) do
    local mine = by_table[tk.id] or {}
    for _, key in ipairs(type(tk.identify) == "table" and tk.identify or {}) do
      if not mine[key] then
        r.error("cot", tk.where, "bảng '%s': cột nhận diện '%s' (identify) chưa khai báo trong bảng này", tk.id, tostring(key))
      end
    end
    for _, f in ipairs { "staff_total", "learner_total" } do
      if tk[f] ~= nil then need_column(r, cols, tk[f], tk.where, "count", ("bảng '%s' (%s)"):format(tk.id, f)) end
    end
  end
end

-- Criteria and indicators ---------------------------------------------------------

-- The numbers written before a "%" ("90%", "92,5 %"), read back from each
-- "%" (a pattern such as "(%d+[,.]?%d*)%s*%%" backtracks over every long
-- run of digits: time cubic in it, and plan texts are untrusted).
local function is_digit(b) return b and b >= 48 and b <= 57 end

local function pct_numbers(text)
  local found = {}
  text = text:gsub("\194\160", " ")
  local at = text:find("%", 1, true)
  while at do
    local e = at - 1
    while e >= 1 and text:find("^%s", e) do e = e - 1 end
    -- backwards: the digits after a separator, the separator, the digits before it
    local s = e
    while is_digit(text:byte(s)) do s = s - 1 end
    local sep = text:byte(s)
    if (sep == 44 or sep == 46) and is_digit(text:byte(s - 1)) then
      s = s - 1
      while is_digit(text:byte(s - 1)) do s = s - 1 end
    else
      s = s + 1
    end
    if s <= e then found[#found + 1] = tonumber((text:sub(s, e):gsub(",", "."))) end
    at = text:find("%", at + 1, true)
  end
  return found
end

-- A threshold the level texts do not state (the clerk changed one and not the other).
local function check_level_texts(C, r, ind, part)
  local levels = C.meta.levels or {}
  for _, field in ipairs { "levels", "guide_levels" } do
    local texts = ind[field]
    if type(texts) == "table" then
      for i, lv in ipairs(levels) do
        local th, text = part[lv.id], texts[i]
        if type(th) == "number" and th == th and math.abs(th) ~= math.huge and type(text) == "string" then
          local nums = pct_numbers(text)
          local hit = #nums == 0
          for _, n in ipairs(nums) do hit = hit or math.abs(n - th) < 1e-9 end
          if not hit then
            local shown = {}
            for _, n in ipairs(nums) do shown[#shown + 1] = (("%g"):format(n):gsub("%.", ",")) .. "%" end
            r.warn("loi-van-nguong", part.where or at_of(ind),
              "chỉ tiêu %s: ngưỡng %s = %s%% nhưng lời văn %s (%s) ghi %s; hãy sửa cho khớp",
              label_of(C, ind), lv.id, (("%g"):format(th):gsub("%.", ",")), lv.label or lv.id,
              field, table.concat(shown, ", "))
          end
        end
      end
    end
  end
end

local function check_percent(C, r, ind, part, cols)
  local what = "chỉ tiêu " .. label_of(C, ind)
  local at = part.where or at_of(ind)
  need_column(r, cols, part.column, at, "count", what)
  need_column(r, cols, part.of, at, "count", what .. " (of)")
  local levels = C.meta.levels or {}
  local known, prev = {}, nil
  for _, lv in ipairs(levels) do
    known[lv.id] = true
    local v = part[lv.id]
    if v == nil then
      r.error("nguong", at, "%s: thiếu ngưỡng %s = ... (%s)", what, lv.id, lv.label or lv.id)
    elseif type(v) ~= "number" then
      r.error("nguong", at, "%s: ngưỡng %s phải là một số (đang là \"%s\")", what, lv.id, tostring(v))
    elseif v ~= v or v == math.huge or v == -math.huge then
      r.error("nguong", at, "%s: ngưỡng %s phải là một số từ 0 đến 100 (đang là %s)", what, lv.id, plan_fields.shown(v))
    elseif v < 0 or v > 100 then
      r.error("nguong", at, "%s: ngưỡng %s = %s%% nằm ngoài khoảng 0–100%%", what, lv.id, plan_fields.shown(v))
    else
      if prev and v < prev.v then
        r.error("nguong", at, "%s: ngưỡng %s (%s%%) thấp hơn ngưỡng %s (%s%%); mức sau phải cao hơn hoặc bằng mức trước",
          what, lv.id, (("%g"):format(v):gsub("%.", ",")), prev.id, (("%g"):format(prev.v):gsub("%.", ",")))
      end
      prev = { id = lv.id, v = v }
    end
  end
  for k in pairs(part) do
    if type(k) == "string" and k:match("^muc_%d+$") and not known[k] then
      r.warn("nguong", at, "%s: ngưỡng '%s' không phải mức nào trong levels của plan { ... }, bị bỏ qua", what, k)
    end
  end
  check_level_texts(C, r, ind, part)
end

local function check_ordinal(C, r, ind, part, cols)
  local what = "chỉ tiêu " .. label_of(C, ind)
  local at = part.where or at_of(ind)
  local c = need_column(r, cols, part.column, at, "choice", what)
  if not c or c.type ~= "choice" then return end
  local index = {}
  for i, ch in ipairs(type(c.choices) == "table" and c.choices or {}) do
    if type(ch) == "table" and ch.id ~= nil then index[ch.id] = i end
  end
  local prev
  for _, lv in ipairs(C.meta.levels or {}) do
    local v = part[lv.id]
    if v == nil then
      r.error("nguong", at, "%s: thiếu %s = \"...\" (giá trị đạt %s)", what, lv.id, lv.label or lv.id)
    elseif not index[v] then
      r.error("nguong", at, "%s: cột '%s' không có giá trị '%s'", what, part.column, tostring(v))
    else
      if prev and index[v] < prev.i then
        r.error("nguong", at, "%s: %s = '%s' đứng trước %s = '%s' trong choices của cột '%s'; mức sau phải bằng hoặc cao hơn mức trước",
          what, lv.id, v, prev.id, prev.v, part.column)
      end
      prev = { id = lv.id, v = v, i = index[v] }
    end
  end
end

local function check_indicators(C, r, cols)
  local numbers, evidence = {}, {}
  local has_levels = #(C.meta.levels or {}) > 1
  for _, crit in ipairs(ordered(C, "criteria")) do
    if missing(crit.title) then r.error("loi-van", at_of(crit), "tiêu chí '%s' thiếu 'title' (tên tiêu chí)", crit.id) end
    if crit.number == nil then
      r.error("trung-ma", at_of(crit), "tiêu chí '%s' thiếu số thứ tự 'number = ...'", crit.id)
    elseif math.type(crit.number) ~= "integer" then
      -- reported by plan_fields
    elseif numbers["c" .. crit.number] then
      r.error("trung-ma", at_of(crit), "tiêu chí '%s' có số thứ tự %d trùng với tiêu chí '%s' (%s)", crit.id, crit.number,
        numbers["c" .. crit.number].id, numbers["c" .. crit.number].where)
    else
      numbers["c" .. crit.number] = crit
    end
  end
  local used = {}
  for _, ind in ipairs(ordered(C, "indicators")) do
    local at, label = at_of(ind), label_of(C, ind)
    local crit = C.criteria[ind.criterion or ""]
    if not crit then
      r.error("tieu-chi", at, "chỉ tiêu '%s' thuộc tiêu chí '%s' chưa khai báo (criterion { id = \"%s\", ... })", ind.id, tostring(ind.criterion), tostring(ind.criterion))
    else
      used[crit.id] = true
      local key = crit.id .. "." .. tostring(ind.number)
      if ind.number == nil then
        r.error("trung-ma", at, "chỉ tiêu '%s' thiếu số thứ tự 'number = ...'", ind.id)
      elseif math.type(ind.number) ~= "integer" then
        -- reported by plan_fields
      elseif numbers[key] then
        r.error("trung-ma", at, "chỉ tiêu %s trùng số thứ tự với chỉ tiêu '%s' (%s)", label, numbers[key].id, numbers[key].where)
      else
        numbers[key] = ind
      end
    end
    -- texts
    -- (a text or list of another type is reported by plan_fields)
    if ind.levels ~= nil and type(ind.levels) ~= "table" then
      -- levels = "…": plan_fields says it must be a list
    elseif type(ind.levels) == "table" then
      if #ind.levels ~= #(C.meta.levels or {}) then
        r.error("loi-van", at, "chỉ tiêu %s có %d lời văn mức (levels) nhưng bộ tiêu chí có %d mức", label, #ind.levels, #(C.meta.levels or {}))
      end
      for i, s in ipairs(ind.levels) do
        if missing(s) then r.error("loi-van", at, "chỉ tiêu %s: lời văn mức %d (levels) để trống", label, i) end
      end
    elseif missing(ind.text) then
      r.error("loi-van", at, "chỉ tiêu %s thiếu lời văn: cần 'text = \"...\"'%s", label,
        (has_levels and is_levelled(ind)) and " hoặc 'levels = { \"- Mức độ 1: …\", … }'" or "")
    elseif has_levels and is_levelled(ind) then
      r.error("loi-van", at, "chỉ tiêu %s có nhiều mức nhưng thiếu 'levels = { \"- Mức độ 1: …\", … }' (lời văn từng mức)", label)
    end
    -- evidence code
    if missing(ind.evidence) then
      r.error("minh-chung", at, "chỉ tiêu %s thiếu mã minh chứng 'evidence = \"TC1-01\"'", label)
    elseif type(ind.evidence) == "string" then
      local k = ind.evidence:upper():gsub("%s", "")
      if evidence[k] then
        r.error("trung-ma", at, "chỉ tiêu %s có mã minh chứng \"%s\" trùng với chỉ tiêu '%s' (%s)", label, ind.evidence, evidence[k].id, evidence[k].where)
      else
        evidence[k] = ind
      end
    end
    -- measure
    if ind.measure == nil then
      r.error("cot", at, "chỉ tiêu %s thiếu cách đo 'measure = ...'", label)
    elseif type(ind.measure) ~= "table" and type(ind.measure) ~= "function" then
      r.error("cot", at, "chỉ tiêu %s: cách đo không hợp lệ (dùng yes_no, percent, ordinal, all_of hoặc một hàm)", label)
    elseif type(ind.measure) == "table" then
      for _, part in ipairs(parts_of(ind.measure)) do
        if part.for_types then check_type_list(C, r, part.for_types, part.where or at, "chỉ tiêu " .. label .. ", for_types") end
        if part.kind == "percent" then check_percent(C, r, ind, part, cols)
        elseif part.kind == "ordinal" then check_ordinal(C, r, ind, part, cols)
        elseif part.kind == "yes_no" then need_column(r, cols, part.column, part.where or at, "yes_no", "chỉ tiêu " .. label)
        else r.error("cot", part.where or at, "chỉ tiêu %s: phép đo không hợp lệ (dùng yes_no, percent, ordinal hoặc all_of)", label) end
      end
    end
    -- applicability
    local a = ind.applies
    if type(a) == "table" then
      if a.kind == "when_yes" then
        need_column(r, cols, a.column, a.where or at, "yes_no", "chỉ tiêu " .. label .. ", when_yes")
      elseif a.kind == "only_types" or a.kind == "except_types" then
        check_type_list(C, r, a.types, a.where or at, "chỉ tiêu " .. label .. ", " .. a.kind)
      else
        r.error("cot", a.where or at, "chỉ tiêu %s: 'applies' không hợp lệ (dùng only_types, except_types, when_yes hoặc một hàm)", label)
      end
    elseif a ~= nil and type(a) ~= "function" then
      r.error("cot", at, "chỉ tiêu %s: 'applies' không hợp lệ (dùng only_types, except_types, when_yes hoặc một hàm)", label)
    end
  end
  for _, crit in ipairs(ordered(C, "criteria")) do
    if not used[crit.id] then r.warn("tieu-chi", at_of(crit), "tiêu chí '%s' không có chỉ tiêu nào", crit.id) end
  end
end

-- Types a static `applies` leaves in; nil when it cannot be told (a function).
local function applicable_types(C, ind)
  local all = {}
  for _, t in ipairs(ordered(C, "unit_types")) do all[t.id] = true end
  local a = ind.applies
  if a == nil or (type(a) == "table" and a.kind == "when_yes") then return all end
  if type(a) ~= "table" or (a.kind ~= "only_types" and a.kind ~= "except_types") then return nil end
  local set = {}
  for _, id in ipairs(type(a.types) == "table" and a.types or { a.types }) do
    if C.unit_types[id] then set[id] = true end
    for t in pairs(C.groups[id] or {}) do set[t] = true end
  end
  if a.kind == "only_types" then return set end
  local out = {}
  for t in pairs(all) do if not set[t] then out[t] = true end end
  return out
end

local function check_applies(C, r)
  for _, ind in ipairs(ordered(C, "indicators")) do
    local set = applicable_types(C, ind)
    if set then
      local any = false
      for t in pairs(set) do
        any = true
        -- every part restricted to other types: nothing to measure for t
        local parts, measured = parts_of(ind.measure), false
        if type(ind.measure) ~= "table" or #parts == 0 then measured = true end
        for _, p in ipairs(parts) do
          if not p.for_types then measured = true
          else
            local list = type(p.for_types) == "table" and p.for_types or { p.for_types }
            for _, id in ipairs(list) do
              if id == t or (C.groups[id] and C.groups[id][t]) then measured = true end
            end
          end
        end
        if not measured then
          r.warn("ap-dung", at_of(ind), "chỉ tiêu %s áp dụng cho loại '%s' nhưng không phép đo nào dành cho loại này (for_types): đơn vị loại này luôn Không đạt",
            label_of(C, ind), t)
        end
      end
      if not any then
        r.warn("ap-dung", at_of(ind), "chỉ tiêu %s không áp dụng cho loại đơn vị nào (xem applies = ...)", label_of(C, ind))
      end
    end
  end
end

-- Plan metadata ---------------------------------------------------------------------

local function check_meta(C, r)
  local meta = C.meta
  for _, f in ipairs { "valid_from", "valid_to" } do
    local v, at = meta[f], C.meta_at[f] or meta.where
    if v == nil then
      r.warn("hieu-luc", at, "plan { ... } thiếu '%s = \"NNNN-TT-NN\"': lệnh --nam sẽ không chọn được bộ tiêu chí này", f)
    elseif type(v) ~= "string" or not v:match("^%d%d%d%d%-%d%d%-%d%d$") then
      r.error("hieu-luc", at, "'%s' phải là ngày dạng \"2026-01-01\" (năm-tháng-ngày), đang là \"%s\"", f, tostring(v))
    else
      local m, d = tonumber(v:sub(6, 7)), tonumber(v:sub(9, 10))
      if m < 1 or m > 12 or d < 1 or d > 31 then r.error("hieu-luc", at, "'%s' = \"%s\" không phải ngày có thật", f, v) end
    end
  end
  if type(meta.valid_from) == "string" and type(meta.valid_to) == "string" and meta.valid_from > meta.valid_to
      and meta.valid_to:match("^%d%d%d%d%-%d%d%-%d%d$") then
    r.error("hieu-luc", C.meta_at.valid_to, "valid_from (%s) sau valid_to (%s)", meta.valid_from, meta.valid_to)
  end
  if type(meta.year) == "number" then
    local from, to = planlib.valid_years(meta)
    if from and to and (meta.year < from or meta.year > to) then
      r.warn("hieu-luc", C.meta_at.year, "year = %d nằm ngoài khoảng hiệu lực %s đến %s", meta.year, meta.valid_from, meta.valid_to)
    end
  end
end

-- Every text a replacement could touch.
local function all_texts(C)
  local out = {}
  local function add(v)
    if type(v) == "string" then out[#out + 1] = v
    elseif type(v) == "table" then for _, s in ipairs(v) do add(s) end end
  end
  for _, kind in ipairs { "indicators", "criteria", "unit_types", "columns" } do
    for _, item in pairs(C[kind]) do
      for _, f in ipairs { "text", "title", "evidence_hint", "guide_text", "guide_evidence_hint", "label", "levels", "guide_levels" } do
        add(item[f])
      end
      for _, p in ipairs(type(item.measure) == "table" and parts_of(item.measure) or {}) do
        add(p.text); add(p.evidence_hint)
      end
    end
  end
  return out
end

local function check_replacements(C, r)
  if #C.text_replacements == 0 then return end
  local texts = all_texts(C)
  for _, rep in ipairs(C.text_replacements) do
    local old, new, at = rep[1], rep[2], rep[3]
    if type(old) ~= "string" or old == "" or type(new) ~= "string" then
      r.error("thay-chu", at, "replace_text: cần cặp [\"chữ cũ\"] = \"chữ mới\" (đang có %s = %s)", tostring(old), tostring(new))
    else
      local found = false
      for _, s in ipairs(texts) do found = found or s:find(old, 1, true) ~= nil end
      if not found then
        r.warn("thay-chu", at, "replace_text: không có lời văn nào chứa \"%s\" (gõ sai, hoặc khác chữ hoa/thường?)", old)
      end
    end
  end
end

-- Probing the rules written as Lua functions ---------------------------------------

-- The values a unit of type t has when every cell is empty, as a view that
-- records reads of undeclared columns.
local function probe_view(plan, type_id, overrides, unknown)
  local v = {}
  for key, col in pairs(plan.columns) do v[key] = values.default(plan, col, type_id) end
  v[plan.type_key] = type_id
  for k, x in pairs(overrides or {}) do v[k] = x end
  return setmetatable({}, {
    __index = function(_, k)
      if plan.columns[k] == nil and unknown then unknown[k] = true end
      return v[k]
    end,
    __newindex = function(_, k) error(("dữ liệu chỉ được đọc, không được gán '%s'"):format(tostring(k)), 2) end,
    __pairs = function() return next, v, nil end,
    __metatable = false,
  }), v
end

local function kind_of(ind)
  if ind.m.custom then return "custom" end
  if not ind.m.levelled then return "yes_no" end
  for _, p in ipairs(ind.m.parts) do
    if p.kind ~= "yes_no" then return p.kind end
  end
  return "yes_no"
end

local function report_unknown(C, r, unknown, at, what)
  local keys = {}
  for k in pairs(unknown) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  for _, k in ipairs(keys) do
    r.error("cot", at, "%s đọc cột '%s' nhưng cột này chưa khai báo trong bảng đơn vị", what, k)
  end
end

-- Custom measures and applies: called for each unit type with empty cells;
-- what they return must be a level, and a reason of not applying a text
-- (as assess.lua requires: the first wrong answer of each is reported).
local function probe_functions(C, r, plan)
  for _, ind in ipairs(plan.indicators) do
    local unknown, said = {}, {}
    local function wrong(at, fmt, ...)
      if said[at] then return end
      said[at] = true
      r.error("cot", at, fmt, ...)
    end
    for _, t in ipairs(plan.unit_type_list) do
      local view = probe_view(plan, t.id, nil, unknown)
      if ind.applies_custom then
        local ok, applies, reason = sandbox.call(ind.applies_fn, view)
        local bad = ok and not applies and assess.reason_problem(reason)
        if bad then
          wrong(ind.applies_at, "chỉ tiêu %s, hàm applies với đơn vị loại '%s': %s", label_of(C, ind), t.id, bad)
        end
      end
      if ind.m.custom then
        local ok, level = sandbox.call(ind.m.custom, view)
        if ok and not assess.level_of(plan, level) then
          wrong(ind.measure_at, "chỉ tiêu %s, cách đo với đơn vị loại '%s': trả về mức không hợp lệ %s (cần số nguyên từ 0 đến %d, true hoặc false)",
            label_of(C, ind), t.id, assess.returned(level), #plan.levels)
        end
      end
    end
    report_unknown(C, r, unknown, at_of(ind), "chỉ tiêu " .. label_of(C, ind))
  end
end

-- A tiny deterministic generator (the same patterns on every run).
local function lcg(seed)
  local s = seed
  return function(n)
    s = (s * 1103515245 + 12345) % 2147483648
    return s % n
  end
end

-- How much the exploration of a roll-up may do: a plan with thousands of
-- indicators (the patterns grow with them, and each pattern walks them
-- all) or a roll-up that uses millions of steps on each call would keep
-- dvht check busy for hours. EXPLORE_WORK counts indicator levels handed
-- to the roll-up (the bundled plans need about 20,000); the clock is a
-- backstop, generous enough for a run under valgrind.
local EXPLORE_WORK = 2000000
local EXPLORE_SECONDS = 60

-- Tries the roll-up on many patterns of indicator levels, for each unit
-- type, and reports the results it never gives.
local function explore_rollup(C, r, plan)
  local L = #plan.levels
  local reached, tried = {}, 0
  local rollup, where = plan.rollup, plan.rollup.where
  local failed = false
  local unknown = {}
  local yes_cols = {}
  for _, ind in ipairs(plan.indicators) do
    if type(ind.applies) == "table" and ind.applies.kind == "when_yes" then yes_cols[ind.applies.column] = true end
  end
  local function run(app, levels_of, view, type_id)
    local items, crit_list = {}, {}
    for _, crit in ipairs(plan.criteria) do
      local inputs = {}
      for _, ind in ipairs(crit.indicators) do
        if app[ind.id] then
          local lv = levels_of(ind)
          local item = { id = ind.id, level = lv, met = lv >= 1, kind = kind_of(ind), points = ind.points, criterion = crit.id }
          inputs[#inputs + 1], items[#items + 1] = item, item
        end
      end
      if #inputs > 0 then
        local ok, met, level = sandbox.call(rollup.criterion, { id = crit.id, number = crit.number, indicators = inputs })
        if not ok then return nil, met end
        level = level or 0
        if math.type(level) ~= "integer" or level < 0 or level > L then
          return nil, ("rollup.criterion trả về mức không hợp lệ '%s' (cần số nguyên từ 0 đến %d)"):format(tostring(level), L)
        end
        crit_list[#crit_list + 1] = { id = crit.id, met = met and true or false, level = level, applicable = true }
      end
    end
    local ok, res = sandbox.call(rollup.unit, { criteria = crit_list, indicators = items, values = view,
      code = "KIEM-TRA", unit_type = type_id })
    if not ok then return nil, res end
    if not plan.result_by_id[res] then
      return nil, ("rollup.unit trả về kết quả '%s' không có trong results của plan { ... }"):format(tostring(res))
    end
    return res
  end
  local rand = lcg(2026)
  local deadline, stopped, work = core.clock() + EXPLORE_SECONDS, false, 0
  for _, t in ipairs(plan.unit_type_list) do
    for _, yes in ipairs { false, true } do
      local over = {}
      for col in pairs(yes_cols) do over[col] = yes end
      local view = probe_view(plan, t.id, over, unknown)
      -- applies functions were probed on their own (probe_functions)
      local quiet, raw = probe_view(plan, t.id, over)
      local app, list = {}, {}
      for _, ind in ipairs(plan.indicators) do
        local ok, applies = true, true
        if ind.applies_fn then ok, applies = sandbox.call(ind.applies_fn, ind.applies_custom and quiet or raw) end
        if ok and applies then app[ind.id] = true; list[#list + 1] = ind end
      end
      local function allowed(ind, k)
        if k > 0 and kind_of(ind) == "yes_no" then return L end
        return k
      end
      local patterns = {}
      for k = 0, L do patterns[#patterns + 1] = function(ind) return allowed(ind, k) end end
      for _, one in ipairs(list) do
        for k = 0, L - 1 do
          patterns[#patterns + 1] = function(ind) return ind == one and allowed(ind, k) or L end
        end
      end
      for _, crit in ipairs(plan.criteria) do
        for k = 0, L - 1 do
          patterns[#patterns + 1] = function(ind) return ind.criterion == crit.id and allowed(ind, k) or L end
        end
      end
      for _ = 1, 40 do
        local pick = {}
        for _, ind in ipairs(list) do pick[ind] = allowed(ind, rand(L + 1)) end
        patterns[#patterns + 1] = function(ind) return pick[ind] end
      end
      if #list > 0 then
        for _, p in ipairs(patterns) do
          work = work + #list
          if work > EXPLORE_WORK or core.clock() > deadline then
            stopped = true
            break
          end
          tried = tried + 1
          local res, err = run(app, p, view, t.id)
          if not res then
            if not failed then
              local w, msg = split_where(tostring(err))
              r.error("tong-hop", w or where, "quy tắc tổng hợp lỗi khi thử đơn vị loại '%s': %s", t.id, msg)
            end
            failed = true
            break
          end
          reached[res] = true
        end
      end
      if failed or stopped then break end
    end
    if failed or stopped then break end
  end
  report_unknown(C, r, unknown, where, "quy tắc tổng hợp (rollup)")
  if failed then return end
  if stopped then
    r.warn("tong-hop", where, "đã dừng thử quy tắc tổng hợp sau %d lần thử (bộ tiêu chí rất lớn hoặc quy tắc chạy rất lâu); chưa biết nó có cho đủ mọi kết quả không",
      tried)
    return
  end
  for _, res in ipairs(plan.results) do
    if not reached[res.id] then
      r.warn("tong-hop", where, "quy tắc tổng hợp không bao giờ cho kết quả '%s' (%s) trong %d lần thử với mọi loại đơn vị và nhiều tổ hợp mức của các chỉ tiêu",
        res.id, res.label or res.id, tried)
    end
  end
end

-- Entry point ---------------------------------------------------------------------

-- Paths under the current folder are shown relative to it ("x/../" folded
-- first: a sanitizer build finds the bundled plans as build-asan/../rules).
local function display_path(s)
  if not s then return nil end
  local folded
  repeat
    folded = false
    s = s:gsub("/([^/%s]+)/%.%./", function(dir)
      if dir == ".." or dir == "." then return nil end
      folded = true
      return "/"
    end)
  until not folded
  local cwd = require("lfs").currentdir()
  if not cwd or cwd == "/" then return s end
  local prefix = cwd .. "/"
  local out, i = {}, 1
  while true do
    local a, b = s:find(prefix, i, true)
    if not a then break end
    out[#out + 1] = s:sub(i, a - 1)
    i = b + 1
  end
  out[#out + 1] = s:sub(i)
  return table.concat(out)
end

M.display_path = display_path

-- Sorts findings by file and line (those without a place first).
local function sort_items(items)
  for i, it in ipairs(items) do
    it.seq = i
    it.where, it.message = display_path(it.where), display_path(it.message)
    local f, l = (it.where or ""):match("^(.-):(%d+)$")
    it.file, it.line = f or it.where or "", tonumber(l) or 0
  end
  table.sort(items, function(a, b)
    if a.file ~= b.file then return a.file < b.file end
    if a.line ~= b.line then return a.line < b.line end
    return a.seq < b.seq
  end)
end

-- Checks the plan at `spec` (folder or bundled name).
-- Returns a report { dir, plan_id, items = { { severity, rule, where, message } },
-- errors = n, warnings = n, plan = compiled plan or nil }, or nil, message.
function M.run(spec)
  local C, err = planlib.collect(spec)
  if not C then return nil, err end
  local r = new_report(C.dir)
  if type(C.meta.id) == "string" and core.valid_utf8(C.meta.id) then r.plan_id = C.meta.id end
  local cols, units_table = units_columns(C)
  check_collect_errors(C, r)
  -- the types of the fields; the checks after it rely on them, so when a
  -- field has a wrong type, a check that stumbles over it is left out (the
  -- finding is already reported)
  local before = #r.items
  plan_fields.validate(C, r.error)
  local typed = #r.items == before
  for _, check in ipairs {
    function() check_meta(C, r) end,
    function() check_unit_types(C, r, cols) end,
    function() check_columns(C, r, cols, units_table) end,
    function() check_indicators(C, r, cols) end,
    function() check_applies(C, r) end,
    function() check_replacements(C, r) end,
  } do
    local ok, e = pcall(check)
    if not ok and typed then error(e, 0) end
  end
  -- the compiled plan: anything the checks above missed, then the functions
  local plan, lerr = planlib.load(C.dir)
  if plan then
    r.plan = plan
    probe_functions(C, r, plan)
    explore_rollup(C, r, plan)
  else
    local w, msg = split_where(tostring(lerr))
    local dup = false
    for _, it in ipairs(r.items) do
      if it.severity == "loi" and (w == nil or it.where == w) then dup = true end
    end
    if not dup then r.error("tai", w, "%s", msg) end
  end
  sort_items(r.items)
  r.dir = display_path(r.dir)
  r.errors, r.warnings = 0, 0
  for _, it in ipairs(r.items) do
    if it.severity == "loi" then r.errors = r.errors + 1 else r.warnings = r.warnings + 1 end
  end
  return r
end

-- One line per finding: "file:line: lỗi: message [rule]".
function M.format_item(it)
  local head = it.where and (it.where .. ": ") or ""
  return ("%s%s: %s [%s]"):format(head, SEVERITY_LABEL[it.severity], it.message, it.rule)
end

return M
