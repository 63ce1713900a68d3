-- doc_facts.lua - what the printed documents say about a unit, computed
-- once from the plan and the unit's outcome: the rows of the form's table
-- with their verdicts, the unit's evidence for each code, the measured
-- values, the counts of the "Kết quả tự đánh giá" lines and of each
-- criterion's conclusion. Layouts only arrange these facts.
local core = require "dvht.core"
local assess = require "dvht.assess"
local input = require "dvht.input"
local vi = require "dvht.vi"
local D = require "dvht.doc_layout"

local M = {}

M.NA = "Không áp dụng"
M.LOWERED_EVIDENCE = "Chỉ tiêu được tính là không đạt vì chưa có minh chứng mã %s (quy định về minh chứng của bộ tiêu chí)."
M.LOWERED = "Chỉ tiêu được tính là không đạt theo quy tắc của bộ tiêu chí."
M.MET = "Đạt"
M.NOT_MET = "Không đạt"

-- "Mức độ 1" -> "mức độ 1".
local function lower_first(s)
  local first = s:match("^[%z\1-\127\194-\244][\128-\191]*") or ""
  return core.fold(first) .. s:sub(#first + 1)
end
M.lower_first = lower_first

-- "đạt mức độ 1" for the level "Mức độ 1"; "đạt" for a level named "Đạt".
function M.level_phrase(label)
  if core.fold(label):find("^" .. core.fold(M.MET)) then return lower_first(label) end
  return core.fold(M.MET) .. " " .. lower_first(label)
end

-- "Đạt mức độ 1" for a levelled indicator, "Đạt" for a yes/no one,
-- "Không đạt", "Không áp dụng".
function M.level_verdict(plan, ind, r)
  if not r.applicable then return M.NA end
  if r.level == 0 then return M.NOT_MET end
  if not ind.m.levelled then return M.MET end
  local label = plan.levels[r.level].label
  if core.fold(label):find("^" .. core.fold(M.MET)) then return label end
  return M.MET .. " " .. lower_first(label)
end

-- Rows of the form's table for one indicator, in the form's order:
-- the levels ("- Mức độ 1: …", "- Mức độ 2: …") or the single text, then
-- the rows of measure parts that carry their own text (the preschool rows).
-- variant "guide" takes the evidence guide's wording where it differs.
-- Each row: { kind = "level"|"main"|"part", level =, part =, text =, hint = }.
-- main_rows = how many rows the indicator's own text takes (the hint and the
-- code of the form cover them together).
function M.form_rows(ind, variant)
  local guide = variant == "guide"
  local rows = {}
  local levels = guide and ind.guide_levels or ind.levels
  if levels and #levels > 0 then
    for i, text in ipairs(levels) do rows[#rows + 1] = { kind = "level", level = i, text = text } end
  else
    rows[1] = { kind = "main", text = (guide and ind.guide_text) or ind.text or "" }
  end
  local main_rows = #rows
  rows[1].hint = (guide and ind.guide_evidence_hint) or ind.evidence_hint or ""
  for _, part in ipairs(ind.m and ind.m.parts or {}) do
    if part.text then
      rows[#rows + 1] = { kind = "part", part = part, text = (guide and part.guide_text) or part.text,
        hint = (guide and part.guide_evidence_hint) or part.evidence_hint or "" }
    end
  end
  return rows, main_rows
end

-- Verdict of each form row for the unit ("Đạt", "Không đạt", "Không áp dụng").
-- Returns true when the indicator's level is below what its measure gives
-- (lowered after the measure, e.g. by the plan's evidence policy): every
-- row then reads "Không đạt", as the counts do.
local function row_verdicts(plan, ind, r, values, rows)
  if not r.applicable then
    for _, row in ipairs(rows) do row.verdict = M.NA end
    return false
  end
  local parts = assess.parts(plan, ind, values) or {}
  local by_part, common, lowest = {}, nil, nil
  for _, p in ipairs(parts) do
    by_part[p.part] = p
    if not p.part.text and (common == nil or p.level < common) then common = p.level end
    if lowest == nil or p.level < lowest then lowest = p.level end
  end
  if lowest and r.level < lowest then
    for _, row in ipairs(rows) do
      local p = row.part and by_part[row.part]
      row.verdict = (row.kind == "part" and not p) and M.NA or M.NOT_MET
    end
    return true
  end
  common = common or r.level
  for _, row in ipairs(rows) do
    local level
    if row.kind == "level" then level = common >= row.level and 1 or 0
    elseif row.kind == "main" then level = common
    else
      local p = by_part[row.part]
      level = p and p.level or nil
    end
    row.verdict = level == nil and M.NA or (level >= 1 and M.MET or M.NOT_MET)
  end
  return false
end

-- Evidence ------------------------------------------------------------------------

-- Does the filed code ("TC1-01", "TC1-01.2") belong to the indicator's code?
local function code_matches(filed, key)
  if filed == key then return true end
  return filed:sub(1, #key) == key and not filed:sub(#key + 1, #key + 1):match("%d")
end

-- The unit's evidence for an indicator: from lookup(rec, ind) when given
-- (evidence folders), else from the "Minh chứng" table (data.evidence).
function M.evidence_items(data, rec, ind, lookup)
  if lookup then return lookup(rec, ind) or {} end
  local out = {}
  if not ind.evidence then return out end
  local key = input.evidence_key(ind.evidence)
  for _, item in ipairs((data and data.evidence or {})[rec.code] or {}) do
    if code_matches(item.code or "", key) then out[#out + 1] = item end
  end
  return out
end

local function basename(path) return (path:gsub("\\", "/"):match("([^/]*)$")) end

-- "- Kế hoạch học tập năm 2024 (ke-hoach.pdf)", one line per item.
function M.evidence_text(items, base_code)
  local lines = {}
  for _, item in ipairs(items) do
    local name, file = item.name or "", item.file or ""
    local text = name ~= "" and name or file
    if name ~= "" and file ~= "" and basename(file) ~= name then text = ("%s (%s)"):format(name, file) end
    local code = item.code or ""
    if code ~= "" and base_code and code ~= base_code then text = code .. ": " .. text end
    if text ~= "" then lines[#lines + 1] = "- " .. text end
  end
  return table.concat(lines, "\n")
end

-- Measured values --------------------------------------------------------------

local function yes_no_text(v) return v and "Có" or "Không" end

-- What was measured, one line per measure part, for "Mô tả hiện trạng".
function M.measured_lines(plan, ind, r, values)
  local out = {}
  if not r.applicable then
    out[1] = ("Không áp dụng đối với đơn vị%s."):format(r.reason and (" (" .. r.reason .. ")") or "")
    return out
  end
  for _, p in ipairs(assess.parts(plan, ind, values) or {}) do
    local part = p.part
    local col = plan.columns[part.column]
    local label = col and col.label or tostring(part.column)
    if part.kind == "percent" then
      local th = {}
      for i, lv in ipairs(plan.levels) do
        th[#th + 1] = ("%s: tối thiểu %s%%"):format(lv.label, vi.number(part.thresholds[i]))
      end
      local of = plan.columns[part.of]
      out[#out + 1] = ("- %s: %s/%s (%s); tỷ lệ %s (%s)."):format(label, vi.int(p.value), vi.int(p.total),
        lower_first(of and of.label or part.of), vi.pct_floor(p.value, p.total), table.concat(th, "; "))
    elseif part.kind == "ordinal" then
      local ch = col and col.choice_by_id and col.choice_by_id[p.value or ""]
      out[#out + 1] = ("- %s: %s."):format(label, ch and ch.label or "(trống)")
    else
      out[#out + 1] = ("- %s: %s."):format(label, yes_no_text(p.value))
    end
  end
  return out
end

-- The unit -----------------------------------------------------------------------

-- Optional unit columns printed in the header and the meeting block.
M.MEETING_KEYS = { "co_quan_chu_quan", "ngay_bien_ban", "thoi_gian_hop", "dia_diem_hop", "chu_tri",
  "chuc_vu_chu_tri", "thu_ky", "chuc_vu_thu_ky", "thanh_phan_khac", "ket_thuc_hop", "lanh_dao_don_vi" }

local function text_value(v)
  if v == nil or v == false then return nil end
  v = core.trim(tostring(v))
  if v == "" then return nil end
  return v
end

-- Facts of one assessed unit (outcome o, result not "loi").
-- ctx: { data = input data, lookup = fn(rec, ind) -> items | nil }
function M.unit(plan, o, ctx)
  ctx = ctx or {}
  local rec = o.rec
  local values = rec.values
  local t = plan.unit_types[values[plan.type_key] or ""]
  local f = {
    -- a name typed over two lines in its cell reads as one line in a sentence
    code = rec.code, name = (rec.name:gsub("%s+", " ")), type_label = t and t.label or "", values = values,
    result = o.result, result_label = plan.result_by_id[o.result] and plan.result_by_id[o.result].label or o.result,
    year = plan.meta.year, place = plan.meta.place, meeting = {},
  }
  for _, k in ipairs(M.MEETING_KEYS) do f.meeting[k] = text_value(values[k]) end
  f.date = D.parse_datetime(f.meeting.ngay_bien_ban)
  -- Evidence is "tracked" when the run was given a "Minh chứng" table or an
  -- evidence folder: an applicable indicator without evidence is then marked
  -- as missing; otherwise the form's suggested evidence is printed as is.
  local data = ctx.data or {}
  f.tracked = ctx.lookup ~= nil or data.evidence_given
    or (data.evidence_given == nil and data.evidence ~= nil and next(data.evidence) ~= nil) or false

  local n = o.counts
  f.counts = {
    ind_met = n.ind_met, ind_app = n.ind_app, ind_not = n.ind_app - n.ind_met,
    crit_met = n.crit_met, crit_app = n.crit_app, crit_not = n.crit_app - n.crit_met,
    ind_all = #plan.indicators, crit_all = #plan.criteria,
  }
  f.counts.ind_na = f.counts.ind_all - n.ind_app
  f.counts.crit_na = f.counts.crit_all - n.crit_app
  f.pct = {
    ind_met = vi.pct_round(n.ind_met, n.ind_app), ind_not = vi.pct_round(n.ind_app - n.ind_met, n.ind_app),
    crit_met = vi.pct_round(n.crit_met, n.crit_app), crit_not = vi.pct_round(n.crit_app - n.crit_met, n.crit_app),
  }

  f.criteria = {}
  for _, crit in ipairs(plan.criteria) do
    local cr = o.criteria[crit.id]
    local cf = {
      crit = crit, number = crit.number, title = crit.title or crit.id,
      applicable = cr.applicable, met = cr.met, level = cr.level,
      verdict = not cr.applicable and M.NA or (cr.met and M.MET or M.NOT_MET),
      n_app = cr.indicators_applicable, n_met = cr.indicators_met, n_not = 0, n_na = 0,
      by_level = {}, yes_no_met = 0, indicators = {},
    }
    for i = 1, #plan.levels do cf.by_level[i] = 0 end
    for _, ind in ipairs(crit.indicators) do
      local r = o.indicators[ind.id]
      local rows, main_rows = M.form_rows(ind)
      local lowered = row_verdicts(plan, ind, r, values, rows)
      local items = M.evidence_items(ctx.data, rec, ind, ctx.lookup)
      local measured = M.measured_lines(plan, ind, r, values)
      if lowered then
        local report = ctx.data and ctx.data.evidence_report
        measured[#measured + 1] = (report and report.policy == "khong_dat" and #items == 0)
          and M.LOWERED_EVIDENCE:format(ind.evidence or "") or M.LOWERED
      end
      local fi = {
        ind = ind, number = ind.number, label = assess.indicator_label(ind), code = ind.evidence,
        applicable = r.applicable, reason = r.reason, level = r.level, met = r.met,
        verdict = not r.applicable and M.NA or (r.met and M.MET or M.NOT_MET),
        level_verdict = M.level_verdict(plan, ind, r),
        rows = rows, main_rows = main_rows, items = items,
        evidence = M.evidence_text(items, ind.evidence and input.evidence_key(ind.evidence)),
        measured = measured, lowered = lowered,
      }
      if not r.applicable then
        cf.n_na = cf.n_na + 1
      elseif r.level == 0 then
        cf.n_not = cf.n_not + 1
      else
        cf.by_level[r.level] = cf.by_level[r.level] + 1
        if not ind.m.levelled then cf.yes_no_met = cf.yes_no_met + 1 end
      end
      cf.indicators[#cf.indicators + 1] = fi
    end
    f.criteria[#f.criteria + 1] = cf
  end
  return f
end

return M
