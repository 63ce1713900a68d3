-- show_units.lua - what dvht reads for each unit, for tests:
--   dvht run tests/e2e/show_units.lua [--plan DIR] FILE|FOLDER ...
-- prints one line per unit, "unit CODE key=value ..." (count and yes/no
-- values, then errors=N), and one line per problem,
-- "problem SEVERITY FILE:LINE [COLUMN] (UNIT) MESSAGE".
local plan_spec, paths = nil, {}
local i = 1
while i <= #arg do
  if arg[i] == "--plan" then plan_spec = arg[i + 1]; i = i + 1 else paths[#paths + 1] = arg[i] end
  i = i + 1
end
local plan = dvht.load_plan(plan_spec)
local data = dvht.read(plan, paths)
local keys = {}
for _, col in ipairs(plan.units_table.columns) do
  if col.type == "count" or col.type == "yes_no" then keys[#keys + 1] = col.key end
end
for _, rec in ipairs(data.units) do
  local out = { "unit", rec.code }
  for _, k in ipairs(keys) do out[#out + 1] = k .. "=" .. tostring(rec.values[k]) end
  out[#out + 1] = "errors=" .. #rec.errors
  print(table.concat(out, " "))
end
for _, p in ipairs(data.problems) do
  print(("problem %s %s:%s [%s] (%s) %s"):format(p.severity, p.file or "", tostring(p.line or ""),
    p.column or "", p.unit or "", p.message))
end
