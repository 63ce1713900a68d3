-- whatif.lua - comparing the results of the same units under two plans
-- (`dvht diff`, and `dvht.compare` for scripts).
--
-- Units are matched by code and by the order in which a code occurs (a
-- repeated code is a unit in error under both plans, and stays matched to
-- its own row). The direction of a change follows the order of
-- plan.results ("lowest first"); a unit in error ("loi") on one side only,
-- or present on one side only, cannot be ranked and is "khong_so_sanh".
local vi = require "dvht.vi"
local assess = require "dvht.assess"

local M = {}

M.DIRECTIONS = {
  { id = "giu_nguyen", label = "Giữ nguyên" },
  { id = "tang", label = "Tăng" },
  { id = "giam", label = "Giảm" },
  { id = "khong_so_sanh", label = "Không so sánh được" },
}
M.DIRECTION_LABEL = {}
for _, d in ipairs(M.DIRECTIONS) do M.DIRECTION_LABEL[d.id] = d.label end

-- Schema fingerprint ---------------------------------------------------------

-- A canonical text of a value made of strings, numbers, booleans and tables
-- (keys sorted). Functions make the fingerprint unique: such schemas are
-- never taken as equal.
local function canon(v, out, seen)
  local t = type(v)
  if t == "table" then
    if seen[v] then out[#out + 1] = "<cycle>" return end
    seen[v] = true
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    out[#out + 1] = "{"
    for _, k in ipairs(keys) do
      out[#out + 1] = tostring(k) .. "="
      canon(v[k], out, seen)
      out[#out + 1] = ","
    end
    out[#out + 1] = "}"
    seen[v] = nil
  elseif t == "string" then
    out[#out + 1] = ("%q"):format(v)
  elseif t == "number" or t == "boolean" or t == "nil" then
    out[#out + 1] = tostring(v)
  else
    out[#out + 1] = tostring(v) -- address: unequal across plans
  end
end

local COLUMN_FIELDS = { "table", "key", "label", "type", "required", "default", "min", "total",
  "counts", "learner_counts", "aliases", "choices", "role", "unique" }
local KIND_FIELDS = { "id", "identify", "staff_total", "learner_total", "required" }
local TYPE_FIELDS = { "id", "label", "aliases", "groups", "defaults" }

local function pick(item, fields)
  local t = {}
  for _, f in ipairs(fields) do t[f] = item[f] end
  return t
end

-- Everything that decides how input files are read into unit records.
function M.schema_key(plan)
  local s = { kinds = {}, types = {}, yes = plan.meta.yes_words, no = plan.meta.no_words }
  for _, k in ipairs(plan.table_kind_list) do
    local cols = {}
    for _, c in ipairs(k.columns) do cols[#cols + 1] = pick(c, COLUMN_FIELDS) end
    s.kinds[#s.kinds + 1] = { kind = pick(k, KIND_FIELDS), columns = cols }
  end
  for _, t in ipairs(plan.unit_type_list) do s.types[#s.types + 1] = pick(t, TYPE_FIELDS) end
  local out = {}
  canon(s, out, {})
  return table.concat(out)
end

-- A copy of read data that one assessment may mark (assess.unit adds
-- errors to a record and problems to the list) without touching the other.
function M.fresh(data)
  local copy = {}
  for k, v in pairs(data) do copy[k] = v end
  copy.problems = table.move(data.problems, 1, #data.problems, 1, {})
  copy.units = {}
  for i, rec in ipairs(data.units) do
    local r = {}
    for k, v in pairs(rec) do r[k] = v end
    r.errors = table.move(rec.errors, 1, #rec.errors, 1, {})
    copy.units[i] = r
  end
  return copy
end

-- Comparison -------------------------------------------------------------------

local function rank(plan, id)
  local r = id and plan.result_by_id[id]
  return r and r.rank
end

-- "tang", "giam", "giu_nguyen" or "khong_so_sanh" for results a (plan A) and
-- b (plan B); nil stands for a unit missing on that side.
function M.direction(planA, a, planB, b)
  if a == nil or b == nil then return "khong_so_sanh" end
  if a == b then return "giu_nguyen" end
  local ra, rb = rank(planA, a), rank(planA, b)
  if not (ra and rb) then ra, rb = rank(planB, a), rank(planB, b) end
  if not (ra and rb) then return "khong_so_sanh" end
  return rb > ra and "tang" or "giam"
end

-- Indicators of both plans, A's order first.
local function indicator_union(planA, planB)
  local list, seen = {}, {}
  for _, plan in ipairs { planA, planB } do
    for _, ind in ipairs(plan.indicators) do
      if not seen[ind.id] then
        seen[ind.id] = true
        list[#list + 1] = { id = ind.id, label = assess.indicator_label(ind), a = planA.indicator_by_id[ind.id],
          b = planB.indicator_by_id[ind.id] }
      end
    end
  end
  return list
end

-- What an indicator measured for a unit: { { part, level, value, total } ... }.
-- Outcomes may carry them (r.parts) or leave them to assess.parts().
local function measured_parts(plan, ind, rec, r)
  if not (r and r.applicable and ind) then return {} end
  if r.parts then return r.parts end
  if assess.parts and rec then return assess.parts(plan, ind, rec.values) or {} end
  return {}
end

-- "55,0%" or "91,2%; 95,0%": the measured percentages of an indicator of a
-- unit (rec) under a plan, given its result r.
function M.percent_text(plan, ind, rec, r)
  local pcts = {}
  for _, p in ipairs(measured_parts(plan, ind, rec, r)) do
    if p.part.kind == "percent" then pcts[#pcts + 1] = vi.pct_floor(p.value, p.total) end
  end
  return table.concat(pcts, "; ")
end

local function level_move(ra, rb)
  if not (ra and rb and ra.applicable and rb.applicable) then return "khac" end
  if rb.level > ra.level then return "tang" end
  if rb.level < ra.level then return "giam" end
  return "khac"
end

-- Indicators whose value differs between two outcomes of one unit. Units
-- in error have no indicator values: nothing is listed for them.
local function changed_indicators(planA, planB, inds, oa, ob)
  local out = {}
  if not (oa and ob and oa.indicators and ob.indicators) then return out end
  for _, x in ipairs(inds) do
    local ra, rb = oa.indicators[x.id], ob.indicators[x.id]
    local va, vb = ra and ra.value, rb and rb.value
    if va ~= vb then
      local pct = M.percent_text(planB, x.b, ob.rec, rb)
      if pct == "" then pct = M.percent_text(planA, x.a, oa.rec, ra) end
      out[#out + 1] = { id = x.id, label = x.label, a = va, b = vb, ra = ra, rb = rb, percent = pct,
        move = level_move(ra, rb), ind = x }
    end
  end
  return out
end

local VALUE_LABEL = { dat = "Đạt", khong_dat = "Không đạt", khong_ap_dung = "Không áp dụng" }

-- Display label of an indicator value code ("muc_1" -> "Mức độ 1").
function M.value_label(planA, planB, v)
  if v == nil then return "—" end
  if VALUE_LABEL[v] then return VALUE_LABEL[v] end
  for _, plan in ipairs { planA, planB } do
    for _, lv in ipairs(plan.levels) do
      if lv.id == v then return lv.label end
    end
  end
  return v
end

-- "TC2.4: muc_1 → khong_dat (55,0%)"; with plans given, the values are
-- shown by their labels ("TC2.4: Mức độ 1 → Không đạt (55,0%)").
function M.change_text(c, planA, planB)
  local a, b = c.a or "—", c.b or "—"
  if planA then a, b = M.value_label(planA, planB, c.a), M.value_label(planA, planB, c.b) end
  local s = ("%s: %s → %s"):format(c.label, a, b)
  if c.percent ~= "" then s = s .. " (" .. c.percent .. ")" end
  return s
end

-- Compares two lists of outcomes. Returns
-- { rows = { { code, name, rec, oa, ob, a, b, dir, changes } ... } (A's order,
--   then units found only under B),
--   counts = { total, giu_nguyen, tang, giam, khong_so_sanh, changed },
--   matrix = { [a or ""] = { [b or ""] = n } }, result_ids = { ... },
--   indicators = { { id, label, n, tang, giam, khac } ... } (those that changed) }
function M.compare(planA, outA, planB, outB)
  local inds = indicator_union(planA, planB)
  local seen_b, index_b = {}, {}
  for i, o in ipairs(outB) do
    local n = (seen_b[o.rec.code] or 0) + 1
    seen_b[o.rec.code] = n
    index_b[o.rec.code .. "\0" .. n] = i
  end
  local used_b, seen_a, pairs_list = {}, {}, {}
  for _, o in ipairs(outA) do
    local n = (seen_a[o.rec.code] or 0) + 1
    seen_a[o.rec.code] = n
    local j = index_b[o.rec.code .. "\0" .. n]
    if j then used_b[j] = true end
    pairs_list[#pairs_list + 1] = { o, j and outB[j] or nil }
  end
  for j, o in ipairs(outB) do
    if not used_b[j] then pairs_list[#pairs_list + 1] = { nil, o } end
  end

  local counts = { total = 0, giu_nguyen = 0, tang = 0, giam = 0, khong_so_sanh = 0, changed = 0 }
  local matrix, per_ind, rows = {}, {}, {}
  for _, p in ipairs(pairs_list) do
    local oa, ob = p[1], p[2]
    local rec = (oa or ob).rec
    local a, b = oa and oa.result, ob and ob.result
    local dir = M.direction(planA, a, planB, b)
    local changes = changed_indicators(planA, planB, inds, oa, ob)
    rows[#rows + 1] = { code = rec.code, name = rec.name, rec = rec, oa = oa, ob = ob, a = a, b = b,
      dir = dir, changes = changes }
    counts.total = counts.total + 1
    counts[dir] = counts[dir] + 1
    if dir ~= "giu_nguyen" then counts.changed = counts.changed + 1 end
    local ka, kb = a or "", b or ""
    matrix[ka] = matrix[ka] or {}
    matrix[ka][kb] = (matrix[ka][kb] or 0) + 1
    for _, c in ipairs(changes) do
      local s = per_ind[c.id] or { id = c.id, label = c.label, n = 0, tang = 0, giam = 0, khac = 0 }
      per_ind[c.id] = s
      s.n = s.n + 1
      s[c.move] = s[c.move] + 1
    end
  end

  -- result ids in display order: A's results, B's extra ones, then errors and missing
  local ids, known = {}, {}
  local function add(id)
    if not known[id] then known[id] = true; ids[#ids + 1] = id end
  end
  for _, r in ipairs(planA.results) do add(r.id) end
  for _, r in ipairs(planB.results) do add(r.id) end
  local extra = {}
  for ka, row in pairs(matrix) do
    extra[ka] = true
    for kb in pairs(row) do extra[kb] = true end
  end
  if extra.loi then add("loi") end
  if extra[""] then add("") end

  local ind_list = {}
  for _, x in ipairs(inds) do
    if per_ind[x.id] then ind_list[#ind_list + 1] = per_ind[x.id] end
  end
  return { rows = rows, counts = counts, matrix = matrix, result_ids = ids, indicators = ind_list }
end

-- Display label of a result id under either plan ("" = unit missing).
function M.result_label(planA, planB, id)
  if id == nil or id == "" then return "Không có" end
  if id == "loi" then return "Lỗi dữ liệu" end
  local r = planA.result_by_id[id] or planB.result_by_id[id]
  return r and r.label or id
end

-- The machine-readable comparison: one row per unit.
M.CSV_HEADER = { "ma_don_vi", "ket_qua_a", "ket_qua_b", "huong", "chi_tieu_thay_doi" }

-- "tc2_4:muc_1>khong_dat;tc2_5:muc_2>muc_1"
function M.changes_code(changes)
  local parts = {}
  for _, c in ipairs(changes) do parts[#parts + 1] = ("%s:%s>%s"):format(c.id, c.a or "", c.b or "") end
  return table.concat(parts, ";")
end

function M.csv_rows(cmp)
  local out = {}
  for _, r in ipairs(cmp.rows) do
    out[#out + 1] = { r.code, r.a or "", r.b or "", r.dir, M.changes_code(r.changes) }
  end
  return out
end

return M
