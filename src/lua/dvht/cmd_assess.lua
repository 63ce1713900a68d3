-- cmd_assess.lua - "dvht assess": read the units, assess them, write the
-- summary workbook and (optionally) the results CSV.
local core = require "dvht.core"
local cli = require "dvht.cli"
local input = require "dvht.input"
local assess = require "dvht.assess"
local summary = require "dvht.summary"
local results_csv = require "dvht.results_csv"
local progress = require "dvht.progress"
local evidence = require "dvht.evidence"

local EXIT = core.exit
local M = {}

local SPEC = cli.with_plan_options { ["-o"] = "value", ["--output"] = "value", ["--csv"] = "value",
  ["--evidence"] = "value", ["--quiet"] = "flag", ["-q"] = "flag" }

-- Where a file is or would be: its identity when it exists, else its
-- folder's identity and its name ("a/./x.csv" and "a/x.csv" are one file).
local function place(path)
  local lfs = require "lfs"
  local a = lfs.attributes(path)
  if a then return a.dev .. ":" .. a.ino end
  local dir, name = path:match("^(.*)/([^/]*)$")
  local d = lfs.attributes(dir == "" and "/" or dir or ".")
  return d and (d.dev .. ":" .. d.ino .. "/" .. (name or path)) or path
end

-- Refuses an output that is one of the inputs (inputs are never
-- overwritten), and two outputs on one file (one would replace the other).
function M.check_outputs(outputs, inputs)
  local outs = {}
  for i = 1, #outputs do outs[#outs + 1] = outputs[i] end -- nil for an option not given
  local taken = {}
  for _, out in ipairs(outs) do
    for _, item in ipairs(inputs) do
      if out == item or core.same_file(out, item) then
        cli.fail(EXIT.USAGE, "tệp kết quả \"%s\" trùng với tệp dữ liệu đầu vào; hãy chọn tên khác", out)
      end
    end
    local at = place(out)
    if taken[at] then
      cli.fail(EXIT.USAGE, "hai tệp kết quả \"%s\" và \"%s\" là một tệp; hãy đặt tên khác cho một tệp", taken[at], out)
    end
    taken[at] = out
  end
end

-- Reads the inputs (the run stops on a file-level error). prog: progress.new.
local function load(plan, files, opts, prog)
  local data, err = input.read(plan, files, { progress = prog.file, exclude = opts.exclude,
    evidence_dir = opts.evidence_dir })
  -- the progress line is erased first, so the message starts a clean line
  if not data then prog.done() cli.fail(EXIT.INPUT, "%s", err) end
  return data
end

-- The plan's evidence policy, when evidence is given (a "Minh chứng" table
-- or an evidence folder): data.evidence_report holds each unit's evidence
-- status, and outcomes may change.
local function check_evidence(plan, data, outcomes)
  if data.evidence_given then
    local report, eerr = evidence.check(plan, data, outcomes)
    if not report then cli.fail(EXIT.PLAN, "%s", eerr) end
    data.evidence_report = report
  end
end

-- Reads and assesses; shared by assess, explain and scripts. opts: quiet,
-- exclude (paths never read), evidence_dir. When evidence is given the
-- plan's evidence policy is applied (check_evidence).
function M.load_and_assess(plan, files, opts)
  opts = opts or {}
  local prog = progress.new(opts.quiet)
  local data = load(plan, files, opts, prog)
  local outcomes, rerr = assess.run(plan, data, prog.units)
  prog.done()
  if not outcomes then cli.fail(EXIT.PLAN, "%s", rerr) end
  check_evidence(plan, data, outcomes)
  return data, outcomes
end

-- What the run reports at the end: { lines = { ... }, errors = units in
-- error }.
local function run_summary(plan, data, outcomes)
  local tally = assess.tally(outcomes)
  local out = {}
  out[#out + 1] = ("Đã đọc %d đơn vị từ %d tệp (bộ tiêu chí: %s)."):format(#outcomes, #data.files, plan.id or plan.dir)
  -- pad by characters, not bytes: labels are Vietnamese
  local rows = {}
  for _, r in ipairs(plan.results) do rows[#rows + 1] = { r.label .. ":", tally[r.id] or 0 } end
  rows[#rows + 1] = { "Lỗi dữ liệu:", tally.loi or 0 }
  local width = 0
  for _, r in ipairs(rows) do width = math.max(width, utf8.len(r[1]) or #r[1]) end
  for _, r in ipairs(rows) do
    out[#out + 1] = ("  %s%s %6d"):format(r[1], (" "):rep(width - (utf8.len(r[1]) or #r[1])), r[2])
  end
  local warnings, errors = 0, 0
  for _, p in ipairs(data.problems) do
    if p.severity == "loi" then errors = errors + 1 else warnings = warnings + 1 end
  end
  if errors + warnings > 0 then
    out[#out + 1] = ("Có %d lỗi và %d cảnh báo dữ liệu (xem trang \"Lỗi dữ liệu\" của bảng tổng hợp)."):format(errors, warnings)
  end
  local report = data.evidence_report
  if report then
    local full, short = 0, 0
    for _, st in pairs(report.units) do
      if #st.missing == 0 then full = full + 1 else short = short + 1 end
    end
    out[#out + 1] = ("Minh chứng: %d đơn vị đủ, %d đơn vị còn thiếu (xem trang \"Thiếu minh chứng\")."):format(full, short)
  end
  return { lines = out, errors = tally.loi or 0 }
end

function M.run(args)
  local opts, files = cli.parse(args, SPEC)
  if #files == 0 then cli.fail(EXIT.USAGE, "thiếu tệp dữ liệu.\nCách dùng: dvht assess [--plan THƯ_MỤC] [-o tong-hop.xlsx] [--csv ket-qua.csv] [--evidence THƯ_MỤC_MINH_CHỨNG] TỆP|THƯ_MỤC...") end
  local xlsx = opts["-o"] or opts["--output"] or "tong-hop.xlsx"
  local csv = opts["--csv"]
  local outputs = { xlsx, csv }
  M.check_outputs(outputs, files)
  local plan = cli.load_plan(opts)
  local quiet = opts["--quiet"] or opts["-q"]
  local evidence_dir = opts["--evidence"]
  if evidence_dir and require("lfs").attributes(evidence_dir, "mode") ~= "directory" then
    cli.fail(EXIT.INPUT, "thư mục minh chứng \"%s\" không tồn tại hoặc không phải thư mục", evidence_dir)
  end
  local lopts = { exclude = outputs, evidence_dir = evidence_dir }
  local prog = progress.new(quiet)
  local data = load(plan, files, lopts, prog)
  local written = {}
  local outcomes, result
  -- While the summary is zipped on a thread of its own: the results CSV (a
  -- failure discards the summary), then the units and outcomes are let go
  -- and their memory freed now rather than when the program ends.
  local sopts = { meanwhile = function()
    if csv then
      local ok, err = results_csv.write(csv, plan, outcomes)
      if not ok then return nil, err end
    end
    result = run_summary(plan, data, outcomes)
    outcomes, data.units = nil, nil
    collectgarbage()
    return true
  end }
  if csv then written[#written + 1] = "Kết quả dạng CSV: " .. csv end
  -- Writing makes little garbage (rows are refilled, texts repeat) but a
  -- collection would walk every unit and outcome again, for each few
  -- megabytes allocated: the collector waits while writing, as while
  -- reading and assessing
  local ok, err
  if data.evidence_given then
    -- the evidence policy may change outcomes: the rows wait for it
    local rerr
    outcomes, rerr = assess.run(plan, data, prog.units)
    prog.done()
    if not outcomes then cli.fail(EXIT.PLAN, "%s", rerr) end
    check_evidence(plan, data, outcomes)
    local report = data.evidence_report
    sopts.evidence = function(o) return evidence.column_text(report, o) end
    sopts.extra_sheets = function(wb, F) evidence.write_sheet(wb, F, plan, report) end
    ok, err = input.with_collector_paused(summary.write, xlsx, plan, outcomes, data.problems, sopts)
  else
    -- each unit's row goes to the summary as soon as the unit is
    -- assessed: the row writer thread turns it into XML meanwhile
    local w, werr = summary.open(xlsx, plan, sopts)
    if not w then prog.done() cli.fail(EXIT.OUTPUT, "%s", werr) end
    local rerr, stage
    outcomes, rerr, stage = assess.run(plan, data, prog.units, function(i, o) return w:unit(i, o) end)
    prog.done()
    if not outcomes then
      w:discard()
      cli.fail(stage == "each" and EXIT.OUTPUT or EXIT.PLAN, "%s", rerr)
    end
    -- (no argument list holds the outcomes: they are let go while zipping)
    ok, err = input.with_collector_paused(function() return w:finish(outcomes, data.problems) end)
  end
  if not ok then cli.fail(EXIT.OUTPUT, "%s", tostring(err)) end
  written[#written + 1] = "Bảng tổng hợp: " .. xlsx
  if not quiet then
    table.move(written, 1, #written, #result.lines + 1, result.lines)
    io.stdout:write(table.concat(result.lines, "\n"), "\n")
  end
  return result.errors > 0 and EXIT.DATA_ERRORS or EXIT.OK
end

return M
