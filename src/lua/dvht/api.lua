-- api.lua - the scripting API given to `dvht run` scripts as `dvht`.
-- Documented in docs/huong-dan-kich-ban.md.
local core = require "dvht.core"

local api = {}

api.exit = core.exit
api.lfs = require "lfs"

-- plan = dvht.load_plan("hanoi-2025" or "path/to/plan")
function api.load_plan(spec)
  local plan, err = require("dvht.plan").load(spec or "hanoi-2025")
  if not plan then error(err, 2) end
  return plan
end

-- data = dvht.read(plan, { "file.csv", "folder/" }) -> { units, problems, evidence, files }
function api.read(plan, paths)
  local data, err = require("dvht.input").read(plan, type(paths) == "string" and { paths } or paths)
  if not data then error(err, 2) end
  return data
end

-- outcomes = dvht.assess(plan, data): one outcome per unit (o.result, o.rec, o.indicators, o.counts)
function api.assess(plan, data)
  local outcomes, err = require("dvht.assess").run(plan, data)
  if not outcomes then error(err, 2) end
  return outcomes
end

-- dvht.write_csv(path, plan, outcomes); dvht.write_summary(path, plan, outcomes, problems)
function api.write_csv(path, plan, outcomes)
  local ok, err = require("dvht.results_csv").write(path, plan, outcomes)
  if not ok then error(err, 2) end
end

function api.write_summary(path, plan, outcomes, problems)
  local ok, err = require("dvht.summary").write(path, plan, outcomes, problems or {}, {})
  if not ok then error(tostring(err), 2) end
end

-- dvht.explain(plan, outcome) -> text
function api.explain(plan, outcome) return require("dvht.explain").text(plan, outcome) end

-- Lower-level building blocks.
api.workbook = require "dvht.workbook"
api.tables = require "dvht.tables"
api.fold = core.fold
api.write_file = core.write_file
api.indicator_label = function(ind) return require("dvht.assess").indicator_label(ind) end
api.result_label = function(plan, id) return require("dvht.summary").result_label(plan, id) end

return api
