-- test_plan_values.lua - a mistake in a value a plan gives (a threshold, a
-- default, a field of the wrong type, a text that is not UTF-8, an id) is a
-- plan error at the plan's file:line, both when the plan is loaded and in
-- `dvht check`; never an error inside the engine.
local T = dofile("tests/lua/tap.lua")
local P = dofile("tests/lua/plan_dirs.lua")
local planlib = require "dvht.plan"
local plan_check = require "dvht.plan_check"

local root = T.tmpdir()

-- A message naming a file of the engine (src/lua/dvht/*.lua) instead of the plan.
local function engine_position(msg) return tostring(msg):find("dvht/[%w_]+%.lua:%d") ~= nil end

local function listing(report)
  local out = {}
  for _, it in ipairs(report and report.items or {}) do out[#out + 1] = plan_check.format_item(it) end
  return table.concat(out, "\n")
end

-- name, plan code (plan.lua from line 3), expected message parts; `line`
-- when the mistake is not on line 3.
local cases = {
  { "NaN threshold", 'change "tc2_4" { measure = percent { "ngoai_ngu", of = "tong_thanh_vien", muc_1 = 0/0, muc_2 = 70 } }',
    { "ngưỡng muc_1", "NaN" } },
  { "infinite threshold", 'change "tc2_4" { measure = percent { "ngoai_ngu", of = "tong_thanh_vien", muc_1 = 50, muc_2 = 1/0 } }',
    { "ngưỡng muc_2", "vô cực" } },
}

for i, c in ipairs(cases) do
  local dir = P.inheriting(root .. "/p" .. i, c[2])
  local at = dir .. "/plan.lua:" .. (c.line or 3)
  local plan, err = planlib.load(dir)
  T.ok(plan == nil, c[1] .. ": the plan is refused")
  T.contains(err, { at .. ": ", table.unpack(c[3]) }, c[1] .. ": the message names plan.lua:" .. (c.line or 3))
  T.ok(not engine_position(err), c[1] .. ": no engine file in the message", err)
  local report = plan_check.run(dir)
  local found = false
  for _, it in ipairs(report and report.items or {}) do
    found = found or (it.severity == "loi" and it.where == plan_check.display_path(at))
  end
  T.ok(found, c[1] .. ": dvht check reports an error at the same line", listing(report))
  T.ok(not engine_position(listing(report)), c[1] .. ": dvht check names no engine file", listing(report))
end

os.execute("rm -rf '" .. root .. "'")
return T.done()
