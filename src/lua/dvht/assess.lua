-- assess.lua - evaluating units against a compiled plan.
--
-- One pass over the units. For each unit: applicability and level of every
-- indicator (measures.lua closures), then the plan's rollup functions
-- decide each criterion and the overall result. Each unit is evaluated in
-- one guarded call, so a rule that loops or eats memory is stopped and
-- named, and the cost of the guard is paid once per unit.
local sandbox = require "dvht.sandbox"
local input = require "dvht.input"

local M = {}

-- "TC2.4" for display.
function M.indicator_label(ind)
  return ("TC%s.%s"):format(tostring(ind.criterion_obj.number), tostring(ind.number))
end

-- Indicator value codes of the results CSV.
local function value_code(plan, ind, level)
  if not ind.m.levelled then return level >= 1 and "dat" or "khong_dat" end
  if level == 0 then return "khong_dat" end
  return plan.levels[level].id
end
M.value_code = value_code

local function kind_of(ind)
  if ind.m.custom then return "custom" end
  if not ind.m.levelled then return "yes_no" end
  for _, p in ipairs(ind.m.parts) do
    if p.kind ~= "yes_no" then return p.kind end
  end
  return "yes_no"
end

local function to_level(plan, ind, v)
  if v == true then return #plan.levels end
  if v == false or v == nil then return 0 end
  if math.type(v) ~= "integer" or v < 0 or v > #plan.levels then
    error(("%s: cách đo của chỉ tiêu %s trả về mức không hợp lệ '%s'"):format(ind.where, ind.id, tostring(v)), 0)
  end
  return v
end

-- Returns the indicator's outcome, or nil and a data problem message.
local function eval_indicator(plan, ind, u, view)
  local applies, reason = true, nil
  if ind.applies_fn then
    applies, reason = ind.applies_fn(ind.applies_custom and view or u)
  end
  if not applies then
    return { applicable = false, reason = reason, value = "khong_ap_dung", level = 0, met = false }
  end
  local level, parts = nil, {}
  if ind.m.custom then
    level = to_level(plan, ind, ind.m.custom(view))
  else
    local type_id = u[plan.type_key]
    for _, part in ipairs(ind.m.parts) do
      if not part.type_set or part.type_set[type_id] then
        local l, a, b = part.eval(u)
        if l == nil then
          return nil, plan.columns[a], ("phải lớn hơn 0 để tính chỉ tiêu %s"):format(M.indicator_label(ind))
        end
        parts[#parts + 1] = { part = part, level = l, value = a, total = b }
        if level == nil or l < level then level = l end
      end
    end
    level = level or 0
  end
  return { applicable = true, level = level, met = level >= 1, parts = parts,
    value = value_code(plan, ind, level) }
end

-- Evaluates one unit (runs inside a guarded call). ctx.stage names what is
-- being evaluated, for error messages.
local function eval_unit(plan, rec, ctx)
  local u = rec.values
  local view = sandbox.readonly(u)
  local out = { indicators = {}, criteria = {} }
  local applicable_all = {}
  for _, crit in ipairs(plan.criteria) do
    local inputs = {}
    for _, ind in ipairs(crit.indicators) do
      ctx.stage = ind
      local r, col, msg = eval_indicator(plan, ind, u, view)
      if not r then return nil, col, msg end
      out.indicators[ind.id] = r
      if r.applicable then
        local item = { id = ind.id, level = r.level, met = r.met, kind = kind_of(ind),
          points = ind.points, criterion = crit.id }
        inputs[#inputs + 1] = item
        applicable_all[#applicable_all + 1] = item
      end
    end
    ctx.stage = "rollup"
    local cr = { id = crit.id, applicable = #inputs > 0, met = false, level = 0,
      indicators_met = 0, indicators_applicable = #inputs }
    for _, item in ipairs(inputs) do
      if item.met then cr.indicators_met = cr.indicators_met + 1 end
    end
    if cr.applicable then
      local met, level = plan.rollup.criterion({ id = crit.id, number = crit.number, indicators = inputs })
      cr.met, cr.level = met and true or false, to_level(plan, { where = plan.rollup.where, id = crit.id }, level or 0)
    end
    out.criteria[crit.id] = cr
  end
  local crit_list = {}
  for _, crit in ipairs(plan.criteria) do
    local cr = out.criteria[crit.id]
    if cr.applicable then
      crit_list[#crit_list + 1] = { id = cr.id, met = cr.met, level = cr.level, applicable = true }
    end
  end
  ctx.stage = "rollup"
  local result = plan.rollup.unit({ criteria = crit_list, indicators = applicable_all, values = view,
    code = rec.code, unit_type = u[plan.type_key] })
  if not plan.result_by_id[result] then
    error(("%s: rollup.unit trả về kết quả '%s' không có trong results của plan"):format(plan.rollup.where, tostring(result)), 0)
  end
  out.result = result
  return out
end

local function count_results(plan, out)
  local n = { ind_met = 0, ind_app = 0, crit_met = 0, crit_app = 0 }
  for _, ind in ipairs(plan.indicators) do
    local r = out.indicators[ind.id]
    if r.applicable then
      n.ind_app = n.ind_app + 1
      if r.met then n.ind_met = n.ind_met + 1 end
    end
  end
  for _, crit in ipairs(plan.criteria) do
    local cr = out.criteria[crit.id]
    if cr.applicable then
      n.crit_app = n.crit_app + 1
      if cr.met then n.crit_met = n.crit_met + 1 end
    end
  end
  out.counts = n
end

-- Message of a rule failure, with the indicator or roll-up being evaluated.
local function rule_failure(plan, rec, ctx, msg)
  local what
  if type(ctx.stage) == "table" then
    what = ("chỉ tiêu %s (%s, khai báo ở %s)"):format(M.indicator_label(ctx.stage), ctx.stage.id, ctx.stage.where)
  else
    what = ("quy tắc tổng hợp (rollup, %s)"):format(plan.rollup.where)
  end
  return ("Lỗi trong bộ tiêu chí khi đánh giá %s của đơn vị \"%s\":\n%s"):format(what, rec.code, msg)
end

-- Assesses one unit record. Returns the outcome, or nil and a rule error.
-- Units with data problems get outcome.result = "loi".
function M.unit(plan, rec, problems)
  if #rec.errors > 0 then return { rec = rec, result = "loi" } end
  local ctx = {}
  local ok, out, col, msg = sandbox.call(eval_unit, plan, rec, ctx)
  if not ok then return nil, rule_failure(plan, rec, ctx, out) end
  if not out then
    input.unit_error(rec, problems, col, msg)
    return { rec = rec, result = "loi" }
  end
  out.rec = rec
  count_results(plan, out)
  return out
end

-- Assesses every unit. Returns the list of outcomes, or nil and a rule error.
function M.run(plan, data, progress)
  local outcomes = {}
  for i, rec in ipairs(data.units) do
    local out, err = M.unit(plan, rec, data.problems)
    if not out then return nil, err end
    outcomes[i] = out
    if progress and i % 1000 == 0 then progress(i, #data.units) end
  end
  return outcomes
end

-- Tally of results for summaries: { [result id or "loi"] = n }.
function M.tally(outcomes)
  local t = {}
  for _, o in ipairs(outcomes) do t[o.result] = (t[o.result] or 0) + 1 end
  return t
end

return M
