-- explain.lua - "dvht explain": how one unit got its result, readable in a
-- terminal: each indicator's measured value, threshold, applicability,
-- level, and the roll-up.
local assess = require "dvht.assess"
local summary = require "dvht.summary"
local vi = require "dvht.vi"

local M = {}

local function yes_no_text(v) return v and "có" or "không" end

-- One line per measure part: what was measured against what.
local function part_lines(plan, ind, values, out)
  for _, p in ipairs(assess.parts(plan, ind, values) or {}) do
    local part = p.part
    local col = plan.columns[part.column]
    if part.kind == "percent" then
      local th = {}
      for i, lv in ipairs(plan.levels) do
        th[#th + 1] = ("%s ≥ %s%%"):format(lv.label, vi.number(part.thresholds[i]))
      end
      out[#out + 1] = ("      %s / %s = %s / %s = %s  (ngưỡng: %s) → %s"):format(col.label,
        plan.columns[part.of].label, vi.int(p.value), vi.int(p.total), vi.pct_floor(p.value, p.total),
        table.concat(th, "; "), p.level == 0 and "chưa đạt" or plan.levels[p.level].label)
    elseif part.kind == "ordinal" then
      local ch = col.choice_by_id[p.value or ""]
      out[#out + 1] = ("      %s: %s → %s"):format(col.label, ch and ch.label or "(trống)",
        p.level == 0 and "chưa đạt" or plan.levels[p.level].label)
    else
      out[#out + 1] = ("      %s: %s"):format(col.label, yes_no_text(p.value))
    end
  end
end

function M.text(plan, o)
  local rec = o.rec
  local out = {}
  local t = plan.unit_types[rec.values[plan.type_key] or ""]
  out[#out + 1] = ("Đơn vị %s — %s"):format(rec.code, rec.name)
  -- the unit type, then each yes/no column that decides applicability
  -- (when_yes in the plan), so the reader sees why indicators are left out
  local line, seen = { "Loại đơn vị: " .. (t and t.label or "(không rõ)") }, {}
  for _, ind in ipairs(plan.indicators) do
    local a = ind.applies
    if type(a) == "table" and a.kind == "when_yes" and not seen[a.column] and plan.columns[a.column] then
      seen[a.column] = true
      line[#line + 1] = ("%s: %s"):format(plan.columns[a.column].label, yes_no_text(rec.values[a.column]))
    end
  end
  out[#out + 1] = table.concat(line, "; ")
  out[#out + 1] = ("Dữ liệu: %s, dòng %s%s"):format(rec.file, tostring(rec.line),
    rec.roster and ("; số liệu thành viên từ " .. rec.roster) or "")
  out[#out + 1] = ("Bộ tiêu chí: %s (%s)"):format(plan.name or plan.id, plan.dir)
  out[#out + 1] = ""
  if o.result == "loi" then
    out[#out + 1] = "Kết quả: LỖI DỮ LIỆU — đơn vị chưa được đánh giá:"
    for _, e in ipairs(rec.errors) do
      out[#out + 1] = ("  - %s, dòng %s, cột \"%s\": %s"):format(e.file, tostring(e.line), e.column or "", e.message)
    end
    return table.concat(out, "\n") .. "\n"
  end
  for _, crit in ipairs(plan.criteria) do
    out[#out + 1] = ("Tiêu chí %s: %s"):format(tostring(crit.number), crit.title or crit.id)
    for _, ind in ipairs(crit.indicators) do
      local r = o.indicators[ind.id]
      local head = ("  %s [%s] %s"):format(assess.indicator_label(ind), ind.evidence or "", summary.indicator_text(plan, ind, r, rec.values))
      if not r.applicable then head = head .. (r.reason and (" — " .. r.reason) or "") end
      out[#out + 1] = head
      if r.applicable then part_lines(plan, ind, rec.values, out) end
    end
    local cr = o.criteria[crit.id]
    if cr.applicable then
      out[#out + 1] = ("  ⇒ Tiêu chí %s: %s (mức thấp nhất: %s; %d/%d chỉ tiêu đạt)"):format(tostring(crit.number),
        cr.met and "Đạt" or "Không đạt", cr.level == 0 and "chưa đạt" or plan.levels[cr.level].label,
        cr.indicators_met, cr.indicators_applicable)
    else
      out[#out + 1] = ("  ⇒ Tiêu chí %s: không áp dụng"):format(tostring(crit.number))
    end
    out[#out + 1] = ""
  end
  local n = o.counts
  out[#out + 1] = ("Tổng hợp (quy tắc ở %s):"):format(plan.rollup.where:gsub(":%s*$", ""):gsub(":$", ""))
  out[#out + 1] = ("  Số lượng các chỉ tiêu đạt %d/%d (%s); số lượng các tiêu chí đạt %d/%d (%s)"):format(
    n.ind_met, n.ind_app, vi.pct_round(n.ind_met, n.ind_app), n.crit_met, n.crit_app, vi.pct_round(n.crit_met, n.crit_app))
  local failed, below = {}, {}
  for _, crit in ipairs(plan.criteria) do
    local cr = o.criteria[crit.id]
    if cr.applicable and not cr.met then failed[#failed + 1] = "Tiêu chí " .. tostring(crit.number) end
  end
  for _, ind in ipairs(plan.indicators) do
    local r = o.indicators[ind.id]
    if r.applicable and r.level < #plan.levels then
      below[#below + 1] = ("%s (%s)"):format(assess.indicator_label(ind), r.level == 0 and "không đạt" or plan.levels[r.level].label)
    end
  end
  out[#out + 1] = "  Tiêu chí không đạt: " .. (#failed > 0 and table.concat(failed, ", ") or "không có")
  out[#out + 1] = ("  Chỉ tiêu chưa đạt %s: %s"):format(plan.levels[#plan.levels].label,
    #below > 0 and table.concat(below, ", ") or "không có")
  out[#out + 1] = "  Kết quả: " .. summary.result_label(plan, o.result)
  return table.concat(out, "\n") .. "\n"
end

return M
