-- rules_rate.lua - rule evaluation alone: reads the inputs once, then
-- assesses every unit (indicators, criteria, roll-up) five times and
-- prints the best rate.  dvht run bench/rules_rate.lua FILE|FOLDER...
local core = require "dvht.core"
local assess = require "dvht.assess"

local plan = dvht.load_plan(os.getenv("DVHT_PLAN") or "hanoi-2025")
local data = dvht.read(plan, arg)
local best = math.huge
for _ = 1, 5 do
  -- a fresh plan cache each pass: the memoised roll-ups are rebuilt too
  plan.rollup_cache, plan.signature_cache, plan.criterion_cache = nil, nil, nil
  -- as dvht assess runs it (assess.run), with a fresh problem list
  local run = { units = data.units, problems = {} }
  local t0 = core.clock()
  local outcomes, err = assess.run(plan, run)
  if not outcomes then error(err) end
  best = math.min(best, core.clock() - t0)
  outcomes = nil
end
print(("rules %.3f units=%d rate=%.0f"):format(best, #data.units, #data.units / best))
