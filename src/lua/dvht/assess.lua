-- assess.lua - evaluating units against a compiled plan.
--
-- One pass over the units. For each unit: applicability and level of every
-- indicator (measures.lua closures), then the plan's rollup functions
-- decide each criterion and the overall result. Each unit is evaluated in
-- one guarded call, so a rule that loops or eats memory is stopped and
-- named, and the cost of the guard is paid once per unit.
local sandbox = require "dvht.sandbox"
local input = require "dvht.input"
local core = require "dvht.core"
local values = require "dvht.values"
local plan_fields = require "dvht.plan_fields"
local new_table = core.new_table

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

local function measure_kind(ind)
  if ind.m.custom then return "custom" end
  if not ind.m.levelled then return "yes_no" end
  for _, p in ipairs(ind.m.parts) do
    if p.kind ~= "yes_no" then return p.kind end
  end
  return "yes_no"
end

-- The kind, once per indicator (the roll-up asks for it for every item).
local kinds = setmetatable({}, { __mode = "k" })

local function kind_of(ind)
  local k = kinds[ind]
  if not k then
    k = measure_kind(ind)
    kinds[ind] = k
  end
  return k
end

-- The level a plan function's answer stands for (true: the top level,
-- false or nil: 0), or nil when it stands for none.
function M.level_of(plan, v)
  if v == true then return #plan.levels end
  if v == false or v == nil then return 0 end
  if math.type(v) == "integer" and v >= 0 and v <= #plan.levels then return v end
  return nil
end

-- A value a plan function returned, as a message shows it (a text in
-- single quotes, anything else as plan_fields shows a plan's values).
local function returned(v)
  if type(v) == "string" and core.valid_utf8(v) then return "'" .. values.shown(v) .. "'" end
  return plan_fields.shown(v)
end
M.returned = returned

-- what: "cách đo của chỉ tiêu tc2_4"... at: where the function was written.
local function to_level(plan, at, what, v)
  local level = M.level_of(plan, v)
  if not level then
    error(("%s: %s trả về mức không hợp lệ %s (cần số nguyên từ 0 đến %d, true hoặc false)")
      :format(at, what, returned(v), #plan.levels), 0)
  end
  return level
end

-- What is wrong with the reason a plan's applies function gives for not
-- applying (it is printed in documents: a string of valid UTF-8, or nil),
-- or nil.
function M.reason_problem(reason)
  if reason == nil or (type(reason) == "string" and core.valid_utf8(reason)) then return nil end
  return ("lý do không áp dụng phải là một chuỗi chữ UTF-8 hoặc nil (đang là %s)"):format(returned(reason))
end

local function plan_reason(ind, reason)
  local na = ind.not_applicable
  if na and reason ~= nil and na[reason] then return reason end -- seen before: checked then
  local bad = M.reason_problem(reason)
  if bad then error(("%s: hàm applies của chỉ tiêu %s: %s"):format(ind.applies_at or ind.where, ind.id, bad), 0) end
  return reason
end

-- Outcomes are shared, read-only tables (one per indicator and level, one
-- per reason of non-applicability): 10,000 units then cost a few MB, not
-- a hundred. The measured parts are recomputed on demand by M.parts().
local function shared_result(plan, ind, level)
  ind.results = ind.results or {}
  local r = ind.results[level]
  if not r then
    r = { applicable = true, level = level, met = level >= 1, value = value_code(plan, ind, level) }
    ind.results[level] = r
  end
  return r
end

local function shared_na(ind, reason)
  ind.not_applicable = ind.not_applicable or {}
  local key = reason or ""
  local r = ind.not_applicable[key]
  if not r then
    r = { applicable = false, reason = reason, value = "khong_ap_dung", level = 0, met = false }
    ind.not_applicable[key] = r
  end
  return r
end

-- Each measure part that applies to the unit, with what it measured:
-- { { part =, level =, value =, total = }, ... }, or nil, column key of a
-- missing total.
function M.parts(plan, ind, u)
  local out, type_id = {}, u[plan.type_key]
  for _, part in ipairs(ind.m.parts) do
    if not part.type_set or part.type_set[type_id] then
      local l, a, b = part.eval(u)
      if l == nil then return nil, a end
      out[#out + 1] = { part = part, level = l, value = a, total = b }
    end
  end
  return out
end

-- Returns the indicator's outcome, or nil, column, message (data problem).
local function eval_indicator(plan, ind, u, view)
  if ind.applies_fn then
    local applies, reason = ind.applies_fn(ind.applies_custom and view or u)
    if not applies then
      if ind.applies_custom then reason = plan_reason(ind, reason) end
      return shared_na(ind, reason)
    end
  end
  local level
  if ind.m.custom then
    level = to_level(plan, ind.measure_at or ind.where, "cách đo của chỉ tiêu " .. ind.id, ind.m.custom(view))
  else
    local type_id = u[plan.type_key]
    for _, part in ipairs(ind.m.parts) do
      if not part.type_set or part.type_set[type_id] then
        local l, a = part.eval(u)
        if l == nil then
          return nil, plan.columns[a], ("phải lớn hơn 0 để tính chỉ tiêu %s"):format(M.indicator_label(ind))
        end
        if level == nil or l < level then level = l end
      end
    end
    level = level or 0
  end
  return shared_result(plan, ind, level)
end

-- What the unit function may read of the unit itself (then its verdict is
-- not reused for other units).
local OWN_FIELDS = { values = true, code = true, unit_type = true }

-- Results of a guarded call, or the error raised again (inside a pcall).
local function checked(ok, a, b)
  if not ok then error(a, 0) end
  return a, b
end

-- What the plan functions see of an applicable indicator outcome: one
-- read-only item per shared outcome (an indicator at a level), built once.
-- Roll-ups run once per distinct signature, thousands of times in a city
-- run; fresh tables for every item there were most of their cost.
local items = setmetatable({}, { __mode = "k" })

local function item_of(ind, crit, r)
  local item = items[r]
  if not item then
    item = sandbox.readonly { id = ind.id, level = r.level, met = r.met, kind = kind_of(ind),
      points = ind.points, criterion = crit.id }
    items[r] = item
  end
  return item
end

-- The unit the plan's unit function is given: criteria and indicators as
-- fields, the unit's own values, code and type on demand (noted in
-- `rolling.personal`). One metatable for all; `rolling` is the roll-up
-- being run (roll-ups do not nest: plan code cannot start one).
local rolling = {}
local unit_mt = {
  __index = function(_, k)
    if not OWN_FIELDS[k] then return nil end
    local plan, rec, ctx = rolling.plan, rolling.rec, rolling.ctx
    -- a unit kept by the plan past its roll-up belongs to no unit any more
    if not ctx then error(("'%s' của đơn vị chỉ đọc được trong lúc tổng hợp đơn vị đó"):format(k), 2) end
    rolling.personal = true
    if k == "values" then return ctx.view or sandbox.readonly(rec.values) end
    if k == "code" then return rec.code end
    return rec.values[plan.type_key]
  end,
}

-- The roll-up of one unit: the plan's criterion and unit functions.
-- Returns { criteria, result, counts } and whether it may be reused for
-- other units with the same indicator levels (the unit function did not
-- look at the unit's own values, code or type). The engine's own work here
-- runs unguarded; each plan function runs in its own guarded call, and a
-- criterion's verdict is kept per combination of its indicators' levels
-- (with the read-only entry the unit function sees for it).
local function rollup(plan, results, rec, ctx)
  local ncrit = #plan.criteria
  local all, criteria, crit_list = new_table(#plan.indicators, 0), new_table(0, ncrit), new_table(ncrit, 0)
  local counts = { ind_met = 0, ind_app = 0, crit_met = 0, crit_app = 0 }
  local base, digits = #plan.levels + 2, plan.signature_digits or 0
  local memo = plan.criterion_cache
  if not memo then
    memo = {}
    plan.criterion_cache = memo
  end
  for _, crit in ipairs(plan.criteria) do
    local met_n, app_n, key = 0, 0, 0
    for _, ind in ipairs(crit.indicators) do
      local r = results[ind.id]
      key = key * base + (r.applicable and r.level + 1 or 0)
      if r.applicable then
        all[#all + 1] = item_of(ind, crit, r)
        app_n = app_n + 1
        if r.met then met_n = met_n + 1 end
      end
    end
    local cacheable = #crit.indicators <= digits
    local cache = cacheable and memo[crit]
    if cacheable and not cache then
      cache = {}
      memo[crit] = cache
    end
    local hit = cache and cache[key]
    if not hit then
      -- the criterion's items: the last app_n of `all`
      local inputs = table.move(all, #all - app_n + 1, #all, 1, {})
      local cr = { id = crit.id, applicable = #inputs > 0, met = false, level = 0,
        indicators_met = met_n, indicators_applicable = #inputs }
      if cr.applicable then
        local met, level = checked(sandbox.call(plan.rollup.criterion,
          { id = crit.id, number = crit.number, indicators = inputs }))
        cr.met, cr.level = met and true or false, to_level(plan, plan.rollup.where,
          "rollup.criterion (tiêu chí " .. crit.id .. ")", level or 0)
      end
      hit = { cr = cr, entry = cr.applicable
        and sandbox.readonly { id = cr.id, met = cr.met, level = cr.level, applicable = true } }
      if cache then cache[key] = hit end
    end
    local cr = hit.cr
    if cr.applicable then
      crit_list[#crit_list + 1] = hit.entry
      counts.crit_app = counts.crit_app + 1
      if cr.met then counts.crit_met = counts.crit_met + 1 end
    end
    counts.ind_app = counts.ind_app + app_n
    counts.ind_met = counts.ind_met + met_n
    criteria[crit.id] = cr
  end
  rolling.plan, rolling.rec, rolling.ctx, rolling.personal = plan, rec, ctx, false
  local u = setmetatable({ criteria = crit_list, indicators = all }, unit_mt)
  local ok, result = sandbox.call(plan.rollup.unit, u)
  local personal = rolling.personal
  rolling.plan, rolling.rec, rolling.ctx = nil, nil, nil
  checked(ok, result)
  if not plan.result_by_id[result] then
    error(("%s: rollup.unit trả về kết quả '%s' không có trong results của plan"):format(plan.rollup.where, tostring(result)), 0)
  end
  return { criteria = criteria, result = result, counts = counts }, not personal
end

-- Evaluates one unit (runs inside a guarded call). ctx.stage names what is
-- being evaluated, for error messages. The roll-up is computed once per
-- distinct combination of indicator levels (a signature) and reused.
local function eval_unit(plan, rec, ctx)
  local u = rec.values
  local results = {}
  local base = #plan.levels + 2
  local sig, parts = 0, nil
  for i, ind in ipairs(plan.indicators) do
    ctx.stage = ind
    if (ind.applies_custom or ind.m.custom) and not ctx.view then ctx.view = sandbox.readonly(u) end
    local r, col, msg = eval_indicator(plan, ind, u, ctx.view)
    if not r then return nil, col, msg end
    results[ind.id] = r
    local code = r.applicable and r.level + 1 or 0
    if i <= plan.signature_digits then
      sig = sig * base + code
    else
      parts = parts or {}
      parts[#parts + 1] = code
    end
  end
  if parts then sig = sig .. ":" .. table.concat(parts, ",") end
  ctx.stage = "rollup"
  local roll = plan.rollup_cache[sig]
  if not roll then
    local reusable
    roll, reusable = rollup(plan, results, rec, ctx)
    if reusable then plan.rollup_cache[sig] = roll end
  end
  return { indicators = results, criteria = roll.criteria, result = roll.result, counts = roll.counts }
end

-- Message of a rule failure, with the indicator or roll-up being evaluated.
local function rule_failure(plan, rec, ctx, msg)
  local what
  if type(ctx.stage) == "table" then
    local ind = ctx.stage
    -- an inherited indicator changed by this plan: its rule is where it was changed
    what = ("chỉ tiêu %s (%s, khai báo ở %s%s)"):format(M.indicator_label(ind), ind.id, ind.where,
      ind.changed_at and (", sửa ở " .. ind.changed_at) or "")
  else
    what = ("quy tắc tổng hợp (rollup, %s)"):format(plan.rollup.where)
  end
  return ("Lỗi trong bộ tiêu chí khi đánh giá %s của đơn vị \"%s\":\n%s"):format(what, rec.code, msg)
end

-- True when every indicator uses the built-in measures and applies of
-- measures.lua (engine code): such a unit needs no guarded call, only the
-- roll-up runs plan code, once per signature. Built-in outcomes depend on
-- the signature alone (one reason per indicator), so the indicator table
-- is shared too.
local function all_built_in(plan)
  if plan.built_in == nil then
    plan.built_in = true
    for _, ind in ipairs(plan.indicators) do
      if ind.applies_custom or ind.m.custom then plan.built_in = false end
    end
  end
  return plan.built_in
end

local scratch = {}

-- The signature of a unit under built-in measures; scratch[i] holds the
-- outcome of indicator i. Returns sig, or nil, column, message.
local function built_in_signature(plan, u, ctx)
  local inds, base, digits = plan.indicators, #plan.levels + 2, plan.signature_digits
  local type_id = u[plan.type_key]
  local sig, parts = 0, nil
  for i = 1, #inds do
    local ind = inds[i]
    ctx.stage = ind
    local r
    local applies, reason = true, nil
    if ind.applies_fn then applies, reason = ind.applies_fn(u) end
    if not applies then
      local na = ind.not_applicable
      r = na and na[reason or ""] or shared_na(ind, reason)
    else
      local level
      local list = ind.m.parts
      for k = 1, #list do
        local part = list[k]
        if not part.type_set or part.type_set[type_id] then
          local l, a = part.eval(u)
          if l == nil then
            return nil, plan.columns[a], ("phải lớn hơn 0 để tính chỉ tiêu %s"):format(M.indicator_label(ind))
          end
          if level == nil or l < level then level = l end
        end
      end
      local rs = ind.results
      r = rs and rs[level or 0] or shared_result(plan, ind, level or 0)
    end
    scratch[i] = r
    local code = r.applicable and r.level + 1 or 0
    if i <= digits then
      sig = sig * base + code
    else
      parts = parts or {}
      parts[#parts + 1] = code
    end
  end
  if parts then sig = sig .. ":" .. table.concat(parts, ",") end
  return sig
end

local unit_ctx = {}

-- The same signature as built_in_signature, compiled into one Lua function
-- per plan: percentages and yes/no inlined (thresholds as integer literals,
-- exactly as measures.lua compares them), no loop or call per part. Plans
-- with many indicators keep the general loop (Lua's upvalue limit).
local function compile_signature(plan)
  local inds = plan.indicators
  if #inds > 40 then return nil end
  local top, base, digits = #plan.levels, #plan.levels + 2, plan.signature_digits
  local env = { R = {}, NAT = {}, A = {}, AS = {}, AR = {}, TS = {}, EV = {}, IND = inds, COL = plan.columns,
    SR = function(i, l) return shared_result(plan, inds[i], l) end,
    SNA = function(i, reason) return shared_na(inds[i], reason) end,
    MSG = function(i) return ("phải lớn hơn 0 để tính chỉ tiêu %s"):format(M.indicator_label(inds[i])) end }
  local head, body = {}, {}
  local function add(fmt, ...) body[#body + 1] = fmt:format(...) end
  head[#head + 1] = "local E = ...\nlocal SR, SNA, MSG, COL = E.SR, E.SNA, E.MSG, E.COL"
  for i, ind in ipairs(inds) do
    ind.results = ind.results or {}
    ind.not_applicable = ind.not_applicable or {}
    local info = ind.applies_info or {}
    env.R[i], env.NAT[i], env.A[i] = ind.results, ind.not_applicable, ind.applies_fn or false
    env.AS[i], env.AR[i] = info.set or false, info.reason or false
    env.TS[i], env.EV[i] = {}, {}
    head[#head + 1] = ("local R%d, NA%d, A%d, AS%d, AR%d, TS%d, EV%d = E.R[%d], E.NAT[%d], E.A[%d], E.AS[%d], E.AR[%d], E.TS[%d], E.EV[%d]")
      :format(i, i, i, i, i, i, i, i, i, i, i, i, i, i)
    -- the built-in applicability tests inline (measures.compile_applies)
    local na = ("r = NA%d[AR%d] or SNA(%d, AR%d) code = 0"):format(i, i, i, i)
    if info.kind == "when_yes" then
      add("if not u[%q] then %s else", info.column, na)
    elseif info.kind == "only_types" then
      add("if not AS%d[t] then %s else", i, na)
    elseif info.kind == "except_types" then
      add("if AS%d[t] then %s else", i, na)
    elseif ind.applies_fn then
      add("ok, reason = A%d(u)", i)
      add("if not ok then r = NA%d[reason or \"\"] or SNA(%d, reason) code = 0 else", i, i)
    else
      add("do")
    end
    local parts = ind.m.parts
    -- one part for every type: its level is the indicator's level
    local single = #parts == 1 and not parts[1].type_set
    local v = single and "l" or "lp"
    if not single then add("l = nil") end
    for k, part in ipairs(parts) do
      env.TS[i][k], env.EV[i][k] = part.type_set or false, part.eval
      if part.type_set then add("if TS%d[%d][t] then", i, k) else add("do") end
      if part.kind == "percent" then
        add("c, tot = u[%q], u[%q]", part.column, part.of)
        add("if tot == nil or tot <= 0 then return nil, COL[%q], MSG(%d) end", part.of, i)
        local cond = {}
        for lv = #part.thresholds, 1, -1 do
          local th = math.floor(part.thresholds[lv] * 100 + 0.5)
          cond[#cond + 1] = ("c * 10000 >= %d * tot then %s = %d"):format(math.tointeger(th) or th, v, lv)
        end
        add("if %s else %s = 0 end", table.concat(cond, " elseif "), v)
      elseif part.kind == "yes_no" then
        add("%s = u[%q] and %d or 0", v, part.column, top)
      else
        add("%s, c = EV%d[%d](u)", v, i, k)
        add("if %s == nil then return nil, COL[c], MSG(%d) end", v, i)
      end
      if not single then add("if l == nil or lp < l then l = lp end") end
      add("end")
    end
    if not single then add("l = l or 0") end
    add("r = R%d[l] or SR(%d, l) code = l + 1", i, i)
    add("end")
    add("scratch[%d] = r", i)
    if i <= digits then add("sig = sig * %d + code", base) else add("extra[#extra + 1] = code") end
  end
  local src = table.concat(head, "\n") .. "\nreturn function(u, scratch)\n"
    .. "local t = u[" .. ("%q"):format(plan.type_key) .. "]\n"
    .. "local sig, extra, ok, reason, r, l, lp, c, tot, code = 0, " .. (#inds > digits and "{}" or "nil") .. "\n"
    .. table.concat(body, "\n")
    .. "\nif extra then sig = sig .. \":\" .. table.concat(extra, \",\") end\nreturn sig\nend\n"
  local chunk = assert(load(src, "=assess.signature", "t", { table = table }))
  return chunk(env)
end

-- The outcome of a unit whose signature is sig (its indicator results in
-- scratch), rolling the signature up on first sight.
local function outcome_of(plan, rec, sig, ctx)
  local entry = plan.signature_cache[sig]
  if not entry then
    local inds = plan.indicators
    local results = new_table(0, #inds) -- sized once: no rehash while filled
    for i = 1, #inds do results[inds[i].id] = scratch[i] end
    entry = { results = results }
    plan.signature_cache[sig] = entry
  end
  local roll = entry.roll
  if not roll then
    ctx.stage = "rollup"
    local ok, reusable
    ok, roll, reusable = pcall(rollup, plan, entry.results, rec, ctx)
    if not ok then return nil, rule_failure(plan, rec, ctx, roll) end
    if reusable then entry.roll = roll end
  end
  return { rec = rec, indicators = entry.results, criteria = roll.criteria, result = roll.result, counts = roll.counts }
end

local function unit_built_in(plan, rec, problems)
  local ctx = unit_ctx -- reused: stage and view are set afresh for each unit
  ctx.stage, ctx.view = nil, nil
  local compiled = plan.compiled_signature
  if compiled == nil then
    compiled = compile_signature(plan) or false
    plan.compiled_signature = compiled
  end
  local ok, sig, col, msg
  if compiled then
    ok, sig, col, msg = pcall(compiled, rec.values, scratch)
    -- the compiled function does not note which indicator it is at: the
    -- general loop, run again on this unit, fails there and names it
    if not ok then ok, sig, col, msg = pcall(built_in_signature, plan, rec.values, ctx) end
  else
    ok, sig, col, msg = pcall(built_in_signature, plan, rec.values, ctx)
  end
  if not ok then return nil, rule_failure(plan, rec, ctx, sig) end
  if not sig then
    input.unit_error(rec, problems, col, msg)
    return { rec = rec, result = "loi" }
  end
  return outcome_of(plan, rec, sig, ctx)
end

-- Assesses one unit record. Returns the outcome, or nil and a rule error.
-- Units with data problems get outcome.result = "loi".
function M.unit(plan, rec, problems)
  if #rec.errors > 0 then return { rec = rec, result = "loi" } end
  if not plan.rollup_cache then
    plan.rollup_cache = {}
    plan.signature_cache = {}
    -- how many indicators fit in one integer signature (base #levels + 2)
    plan.signature_digits = math.floor(62 / (math.log(#plan.levels + 2, 2)))
  end
  if all_built_in(plan) then return unit_built_in(plan, rec, problems) end
  local ctx = {}
  local ok, out, col, msg = sandbox.call(eval_unit, plan, rec, ctx)
  if not ok then return nil, rule_failure(plan, rec, ctx, out) end
  if not out then
    input.unit_error(rec, problems, col, msg)
    return { rec = rec, result = "loi" }
  end
  out.rec = rec
  return out
end

-- The outcome of a unit rolled up again with some of its met indicators
-- taken as not met (an evidence policy). Returns the new outcome, or nil
-- and a rule error.
function M.demote(plan, o, ids)
  local results = {}
  for id, r in pairs(o.indicators) do results[id] = r end
  for _, id in ipairs(ids) do
    local r = results[id]
    if r and r.applicable and r.met then results[id] = shared_result(plan, plan.indicator_by_id[id], 0) end
  end
  local ctx = { stage = "rollup" }
  local ok, roll = pcall(rollup, plan, results, o.rec, ctx)
  if not ok then return nil, rule_failure(plan, o.rec, ctx, roll) end
  return { rec = o.rec, indicators = results, criteria = roll.criteria, result = roll.result, counts = roll.counts }
end

-- Assesses every unit. Returns the list of outcomes, or nil and a rule
-- error. each(i, outcome), when given, sees each outcome as soon as it is
-- made and returns true, or nil and a message: the run then stops and
-- returns nil, that message and "each".
local function run_units(plan, data, progress, each)
  local outcomes = {}
  local units, problems = data.units, data.problems
  for i = 1, #units do
    local rec = units[i]
    -- the common case inline: a compiled signature already rolled up
    -- the common case inline: a compiled signature, no data error
    local compiled, cache, out, err = plan.compiled_signature, plan.signature_cache, nil, nil
    if compiled and cache and #rec.errors == 0 then
      local ok, sig = pcall(compiled, rec.values, scratch)
      if ok and sig then
        local entry = cache[sig]
        local roll = entry and entry.roll
        if roll then
          out = { rec = rec, indicators = entry.results, criteria = roll.criteria, result = roll.result,
            counts = roll.counts }
        else
          unit_ctx.stage, unit_ctx.view = nil, nil
          out, err = outcome_of(plan, rec, sig, unit_ctx)
          if not out then return nil, err end
        end
      end
    end
    if not out then
      out, err = M.unit(plan, rec, problems)
      if not out then return nil, err end
    end
    outcomes[i] = out
    if each then
      local ok, eerr = each(i, out)
      if not ok then return nil, eerr, "each" end
    end
    if progress and i % 1000 == 0 then progress(i, #units) end
  end
  return outcomes
end

function M.run(plan, data, progress, each)
  -- outcomes are live data too (input.with_collector_paused)
  return input.with_collector_paused(run_units, plan, data, progress, each)
end

-- Tally of results for summaries: { [result id or "loi"] = n }.
function M.tally(outcomes)
  local t = {}
  for _, o in ipairs(outcomes) do t[o.result] = (t[o.result] or 0) + 1 end
  return t
end

return M
