-- plan_columns.lua - the plan's tables and columns, one line per column:
-- "TABLE_LABEL<TAB>KEY<TAB>TYPE<TAB>LABEL<TAB>MIN" (for template checks).
--   dvht run tests/e2e/plan_columns.lua [PLAN]
local plan = dvht.load_plan(arg[1])
for _, kind in ipairs(plan.table_kind_list) do
  for _, col in ipairs(kind.columns) do
    print(table.concat({ kind.label or kind.id, col.key, col.type, col.label, tostring(col.min or 0) }, "\t"))
  end
end
for _, t in ipairs(plan.unit_type_list) do print(table.concat({ "#type", t.id, "", t.label, "" }, "\t")) end
