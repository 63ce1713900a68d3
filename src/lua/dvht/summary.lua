-- summary.lua - the summary workbook: "Tổng hợp" (one row per unit),
-- "Thống kê" (units per result and per unit type, with a chart) and
-- "Lỗi dữ liệu" (every data problem with file, line and column).
local workbook = require "dvht.workbook"
local assess = require "dvht.assess"
local vi = require "dvht.vi"

local M = {}

local FONT = "Times New Roman"
local ERROR_LABEL = "Lỗi dữ liệu"
local SEVERITY = { loi = "Lỗi", canh_bao = "Cảnh báo", bo_qua = "Bỏ qua tệp" }

-- Fill colours by the rank of a result: lowest red, highest green.
local function result_colour(plan, id)
  if id == "loi" then return "#D9D9D9" end
  local r = plan.result_by_id[id].rank
  if r == 1 then return "#FFC7CE" end
  if r == #plan.results then return "#C6EFCE" end
  return "#FFEB9C"
end

local function formats(wb, plan)
  local base = { font = FONT, size = 11, border = 1, valign = "vcenter" }
  local function f(extra)
    local t = {}
    for k, v in pairs(base) do t[k] = v end
    for k, v in pairs(extra or {}) do t[k] = v end
    return wb:format(t)
  end
  local F = {
    head = f { bold = true, bg = "#DDEBF7", align = "center", wrap = true },
    text = f {}, wrap = f { wrap = true }, center = f { align = "center" },
    num = f { align = "right" }, pct = f { align = "right", num_format = "0.0%" },
    bold = f { bold = true }, result = {}, cell = {},
  }
  for _, r in ipairs(plan.results) do
    F.result[r.id] = f { bold = true, align = "center", bg = result_colour(plan, r.id) }
  end
  F.result.loi = f { bold = true, align = "center", bg = result_colour(plan, "loi") }
  F.na = f { align = "center", color = "#7F7F7F", italic = true }
  F.fail = f { align = "center", color = "#9C0006" }
  F.ok = f { align = "center" }
  return F
end

-- Bar colours of the chart by the rank of a result (the fills above are too
-- pale for bars on paper).
local function chart_colour(plan, id)
  if id == "loi" then return "#A5A5A5" end
  local r = plan.result_by_id[id].rank
  if r == 1 then return "#C0504D" end
  if r == #plan.results then return "#70AD47" end
  return "#F2B134"
end

local function print_setup(ws, title, last_col, no_repeat)
  ws:print_setup { paper = "A4", landscape = true, fit_width = 1, fit_height = 0,
    margins = { left = 15, right = 15, top = 20, bottom = 20 },
    header = "&C&\"Times New Roman,Bold\"" .. title:gsub("&", "&&"),
    footer = "&CTrang &P/&N", repeat_rows = not no_repeat and { 0, 0 } or nil }
  ws:set_column(last_col + 1, last_col + 1, 2)
end

-- The name of an outcome without percentages, kept per shared outcome.
local base_names = setmetatable({}, { __mode = "k" })

local function base_name(plan, ind, r)
  local name = base_names[r]
  if not name then
    if r.level == 0 then name = "Không đạt"
    elseif not ind.m.levelled then name = "Đạt"
    else name = plan.levels[r.level].label end
    base_names[r] = name
  end
  return name
end

-- vi.pct_floor(count, total), kept per tenth of a percent: the same few
-- hundred texts repeat over every unit.
local pct_texts = {}

local function pct_text(count, total)
  if not total or total <= 0 then return vi.pct_floor(count, total) end
  local tenths = count * 1000 // total
  local t = pct_texts[tenths]
  if not t then
    t = vi.pct_floor(count, total)
    pct_texts[tenths] = t
  end
  return t
end

-- How an indicator's text is made: for a measure of yes/no and percent
-- parts only (they cannot fail to measure but for a percent's total), the
-- percent parts; false for other measures (each part is evaluated).
local display_of = setmetatable({}, { __mode = "k" })

local function display_parts(ind)
  local d = display_of[ind]
  if d == nil then
    d = {}
    for _, part in ipairs(ind.m.parts or {}) do
      if part.kind == "percent" and part.column and part.of then d[#d + 1] = part
      elseif part.kind ~= "yes_no" then d = false break end
    end
    display_of[ind] = d
  end
  return d
end

-- name .. " (" .. percentages .. ")", kept per name: the same few thousand
-- texts repeat over every unit.
local with_pct = {}

local function named(name, text)
  local by = with_pct[name]
  if not by then
    by = {}
    with_pct[name] = by
  end
  local s = by[text]
  if not s then
    s = name .. " (" .. text .. ")"
    by[text] = s
  end
  return s
end

-- "Mức độ 2 (96,0%)", "Đạt", "Không áp dụng" ... The percentages are those
-- of the measure's percent parts that apply to the unit (assess.parts),
-- none when a part cannot be measured.
function M.indicator_text(plan, ind, r, values)
  if not r.applicable then return "Không áp dụng" end
  local name = base_name(plan, ind, r)
  if not values then return name end
  local pcts = display_parts(ind)
  if pcts then
    local type_id = values[plan.type_key]
    local text
    for k = 1, #pcts do
      local part = pcts[k]
      if not part.type_set or part.type_set[type_id] then
        local total = values[part.of]
        if total == nil or total <= 0 then return name end
        local t = pct_text(values[part.column], total)
        text = text and (text .. "; " .. t) or t
      end
    end
    return text and named(name, text) or name
  end
  local parts = ind.m.parts
  local type_id = values[plan.type_key]
  local text
  for k = 1, #parts do
    local part = parts[k]
    if not part.type_set or part.type_set[type_id] then
      local l, a, b = part.eval(values)
      if l == nil then return name end
      if part.kind == "percent" then
        local t = pct_text(a, b)
        text = text and (text .. "; " .. t) or t
      end
    end
  end
  return text and named(name, text) or name
end

function M.result_label(plan, id)
  if id == "loi" then return ERROR_LABEL end
  return plan.result_by_id[id].label
end

-- M.indicator_text for an applicable indicator whose text depends on the
-- unit's numbers, with what depends only on the outcome looked up once
-- (c: name, pcts, by = texts by percentages; see template_of).
local function own_text(plan, c, values)
  local pcts = c.pcts
  if not pcts then return M.indicator_text(plan, c.ind, c.r, values) end
  local type_id = values[plan.type_key]
  local text
  for k = 1, #pcts do
    local part = pcts[k]
    if not part.type_set or part.type_set[type_id] then
      local total = values[part.of]
      if total == nil or total <= 0 then return c.name end
      local t = pct_text(values[part.column], total)
      text = text and (text .. "; " .. t) or t
    end
  end
  if not text then return c.name end
  local s = c.by[text]
  if not s then
    s = c.name .. " (" .. text .. ")"
    c.by[text] = s
  end
  return s
end

-- The "Tổng hợp" sheet: its header row now; the returned state's row(i, o)
-- then writes the row of each unit in order, and finish_units_sheet the
-- rest once the number of units is known.
local function start_units_sheet(wb, F, plan, opts)
  local ws = wb:add_sheet("Tổng hợp")
  local head = { "STT", "Mã đơn vị", "Tên đơn vị", "Loại đơn vị" }
  for _, ind in ipairs(plan.indicators) do head[#head + 1] = assess.indicator_label(ind) end
  local extra = #head
  head[#head + 1] = "Tiêu chí đạt"
  head[#head + 1] = "Chỉ tiêu đạt"
  if opts.evidence then head[#head + 1] = "Minh chứng" end
  head[#head + 1] = "Kết quả"
  for c, h in ipairs(head) do ws:write(0, c - 1, h, F.head) end
  ws:set_row(0, 30)
  -- texts of the counts, per shared counts table (one per roll-up)
  local count_texts = setmetatable({}, { __mode = "k" })
  local inds = plan.indicators
  local ncols = #head
  -- one row array and one format array, refilled for every unit: a city
  -- summary is millions of cells, written one row per call
  local vals, fmts = {}, {}
  local first, last_ind = 5, 4 + #inds
  -- Per indicator table (the engine shares one per signature): the
  -- indicator cells' formats, their texts that do not depend on the unit's
  -- own numbers, and the indicators whose text does (percentages).
  local templates = setmetatable({}, { __mode = "k" })
  -- per shared indicator outcome: its cell's format, and its fixed text or
  -- what its per-unit text needs
  local cells = setmetatable({}, { __mode = "k" })
  local function cell_of(ind, col, r)
    local c = cells[r]
    if c then return c end
    c = { fmt = not r.applicable and F.na or (r.met and F.ok or F.fail) }
    local pcts = display_parts(ind)
    if r.applicable and (pcts == false or #pcts > 0) then
      local name = base_name(plan, ind, r)
      local by = with_pct[name] or {}
      with_pct[name] = by
      c.own = { col = col, ind = ind, r = r, pcts = pcts, name = name, by = by }
    else
      c.text = M.indicator_text(plan, ind, r)
    end
    cells[r] = c
    return c
  end
  local function template_of(results)
    local t = templates[results]
    if t then return t end
    t = { vals = {}, fmts = {}, own = {} }
    for k = 1, #inds do
      local ind, col = inds[k], 4 + k
      local r = results[ind.id]
      if r then
        local c = cell_of(ind, col, r)
        t.fmts[col], t.vals[col] = c.fmt, c.text
        if c.own then t.own[#t.own + 1] = c.own end
      else
        t.fmts[col] = F.text
      end
    end
    templates[results] = t
    return t
  end
  local blank = template_of({})
  local evidence = opts.evidence
  -- what is the same in every row, set once: the formats of the first
  -- columns and of the counts, the labels of types and results
  fmts[1], fmts[2], fmts[3], fmts[4] = F.center, F.text, F.text, F.text
  fmts[last_ind + 1], fmts[last_ind + 2] = F.center, F.center
  local type_key, unit_types = plan.type_key, plan.unit_types
  local type_labels = setmetatable({}, { __index = function(t, id)
    local u = unit_types[id]
    local label = u and u.label or ""
    t[id] = label
    return label
  end })
  local result_labels = setmetatable({}, { __index = function(t, id)
    local label = M.result_label(plan, id)
    t[id] = label
    return label
  end })
  local result_fmts = F.result
  local write_row = ws.write_row
  local function row(i, o)
    local rec = o.rec
    local results, values = o.indicators, rec.values
    vals[1], vals[2], vals[3], vals[4] = i, rec.code, rec.name, type_labels[values[type_key] or ""]
    local tpl = results and template_of(results) or blank
    table.move(tpl.vals, first, last_ind, first, vals)
    table.move(tpl.fmts, first, last_ind, first, fmts)
    local own = tpl.own
    for k = 1, #own do
      local c = own[k]
      vals[c.col] = own_text(plan, c, values)
    end
    local col = last_ind + 1
    local n = o.counts
    local t = n and count_texts[n]
    if n and not t then
      t = { ("%d/%d"):format(n.crit_met, n.crit_app),
        ("%d/%d (%s)"):format(n.ind_met, n.ind_app, vi.pct_round(n.ind_met, n.ind_app)) }
      count_texts[n] = t
    end
    vals[col], vals[col + 1] = t and t[1] or nil, t and t[2] or nil
    col = col + 2
    if evidence then
      vals[col], fmts[col] = evidence(o) or nil, F.text
      col = col + 1
    end
    local result = o.result
    vals[col], fmts[col] = result_labels[result], result_fmts[result]
    write_row(ws, i, 0, vals, ncols, fmts)
  end
  return { ws = ws, row = row, extra = extra, last = #head - 1 }
end

local function finish_units_sheet(sheet, count, opts)
  local ws, extra, last = sheet.ws, sheet.extra, sheet.last
  ws:set_column(0, 0, 5)
  ws:set_column(1, 1, 14)
  ws:set_column(2, 2, 40)
  ws:set_column(3, 3, 26)
  ws:set_column(4, extra - 1, 15)
  ws:set_column(extra, extra, 10)
  ws:set_column(extra + 1, extra + 1, 15)
  if opts.evidence then ws:set_column(last - 1, last - 1, 22) end
  ws:set_column(last, last, 16)
  ws:freeze(1, 3)
  ws:autofilter(0, 0, math.max(count, 1), last)
  print_setup(ws, opts.title, last)
end

local function write_stats_sheet(wb, F, plan, outcomes)
  local ws = wb:add_sheet("Thống kê")
  local ids = {}
  for _, r in ipairs(plan.results) do ids[#ids + 1] = r.id end
  ids[#ids + 1] = "loi"
  local total = #outcomes
  local tally = assess.tally(outcomes)
  ws:write(0, 0, "Kết quả", F.head)
  ws:write(0, 1, "Số đơn vị", F.head)
  ws:write(0, 2, "Tỷ lệ", F.head)
  for i, id in ipairs(ids) do
    ws:write(i, 0, M.result_label(plan, id), F.result[id])
    ws:write(i, 1, tally[id] or 0, F.num)
    ws:write(i, 2, total > 0 and (tally[id] or 0) / total or 0, F.pct)
  end
  local trow = #ids + 1
  ws:write(trow, 0, "Tổng cộng", F.bold)
  ws:write(trow, 1, total, F.num)
  ws:write(trow, 2, total > 0 and 1 or 0, F.pct)

  -- units per type and result
  local top = trow + 3
  ws:write(top - 1, 0, "Theo loại đơn vị", F.bold)
  ws:write(top, 0, "Loại đơn vị", F.head)
  for j, id in ipairs(ids) do
    ws:write(top, 2 * j - 1, M.result_label(plan, id), F.head)
    ws:write(top, 2 * j, "Tỷ lệ", F.head)
  end
  ws:write(top, 2 * #ids + 1, "Tổng", F.head)
  local per = {}
  for _, o in ipairs(outcomes) do
    local t = o.rec.values[plan.type_key] or "?"
    per[t] = per[t] or {}
    per[t][o.result] = (per[t][o.result] or 0) + 1
    per[t].total = (per[t].total or 0) + 1
  end
  local row = top
  local type_rows = {}
  for _, t in ipairs(plan.unit_type_list) do type_rows[#type_rows + 1] = { id = t.id, label = t.label } end
  if per["?"] then type_rows[#type_rows + 1] = { id = "?", label = "(Loại đơn vị không hợp lệ)" } end
  for _, t in ipairs(type_rows) do
    row = row + 1
    local p = per[t.id] or { total = 0 }
    ws:write(row, 0, t.label, F.text)
    for j, id in ipairs(ids) do
      ws:write(row, 2 * j - 1, p[id] or 0, F.num)
      ws:write(row, 2 * j, p.total > 0 and (p[id] or 0) / p.total or 0, F.pct)
    end
    ws:write(row, 2 * #ids + 1, p.total, F.num)
  end
  ws:set_column(0, 0, 44)
  ws:set_column(1, 2 * #ids + 1, 12)
  -- chart: units per result, by unit type
  local series = {}
  for j, id in ipairs(ids) do
    local colname = string.char(65 + 2 * j - 1)
    series[#series + 1] = {
      name = M.result_label(plan, id),
      categories = ("='Thống kê'!$A$%d:$A$%d"):format(top + 2, row + 1),
      values = ("='Thống kê'!$%s$%d:$%s$%d"):format(colname, top + 2, colname, row + 1),
      color = chart_colour(plan, id),
    }
  end
  local chart = wb:chart { type = "bar", title = "Số đơn vị theo kết quả và loại đơn vị",
    series = series, x_axis = "Số đơn vị" }
  ws:insert_chart(row + 2, 0, chart, { x_scale = 2, y_scale = 2 })
  -- the chart prints whole on a page of its own (a chart cut by a page
  -- break loses its axis); no repeated header row above it
  print_setup(ws, "Thống kê kết quả", 2 * #ids + 1, true)
  if ws.page_breaks then ws:page_breaks { row + 2 } end
end

local function write_problems_sheet(wb, F, problems)
  local ws = wb:add_sheet("Lỗi dữ liệu")
  local head = { "STT", "Tệp", "Dòng", "Cột", "Mã đơn vị", "Mức độ", "Nội dung" }
  for c, h in ipairs(head) do ws:write(0, c - 1, h, F.head) end
  for i, p in ipairs(problems) do
    ws:write(i, 0, i, F.center)
    ws:write(i, 1, p.file or "", F.text)
    ws:write(i, 2, p.line, F.center)
    ws:write(i, 3, p.column or "", F.text)
    ws:write(i, 4, p.unit or "", F.text)
    ws:write(i, 5, SEVERITY[p.severity] or p.severity, F.center)
    ws:write(i, 6, p.message, F.wrap)
  end
  ws:set_column(0, 0, 5)
  ws:set_column(1, 1, 30)
  ws:set_column(2, 2, 7)
  ws:set_column(3, 3, 30)
  ws:set_column(4, 4, 14)
  ws:set_column(5, 5, 11)
  ws:set_column(6, 6, 70)
  ws:freeze(1, 0)
  ws:autofilter(0, 0, math.max(#problems, 1), #head - 1)
  print_setup(ws, "Lỗi dữ liệu", #head - 1)
end

-- A file error ("Không ghi được tệp ...") without the Lua position: the
-- user needs none.
local function file_message(err)
  err = tostring(err)
  return (err:gsub("^[^\n]-%.lua:%d+: (Không %S+ được)", "%1"))
end

local Writer = {}
Writer.__index = Writer

-- Opens the summary workbook at path (written atomically: nothing is there
-- until w:finish succeeds). opts: title, evidence (fn(outcome) -> the
-- "Minh chứng" cell), extra_sheets (fn(wb, F)), meanwhile (fn() -> true or
-- nil, message: runs while the workbook is zipped on a thread of its own; a
-- failure there discards the workbook and is returned by w:finish).
-- Returns the writer, or nil and a message. Then:
--   w:unit(i, o)                  the row of unit i (1, 2, ... in order)
--   w:finish(outcomes, problems)  the other sheets, then the file
--   w:discard()                   drops the workbook, leaves no file
-- Each returns true, or nil and a message (the workbook is then dropped).
function M.open(path, plan, opts)
  opts = opts or {}
  opts.title = opts.title or ("Tổng hợp kết quả tự đánh giá, xếp loại “Đơn vị học tập” năm %s"):format(tostring(plan.year))
  local w = setmetatable({ plan = plan, opts = opts, units = 0 }, Writer)
  local ok, err = pcall(function()
    -- rows are written in order: constant memory keeps a city-sized
    -- summary out of RAM (cells go to a temp file, strings inline); a
    -- background thread writes the rows while the next ones are built
    -- (unless --threads 0)
    w.background = require("dvht.input").read_threads() ~= 0
    -- fit_text: a text Excel cannot take (a pasted page in a name cell,
    -- a file name that is not UTF-8) is made to fit instead of losing the
    -- whole summary
    w.wb = workbook.new(path, { constant_memory = true, background = w.background, fit_text = true })
    w.wb:set_properties { title = opts.title, subject = plan.name, company = plan.meta.issuer }
    w.F = formats(w.wb, plan)
    w.sheet = start_units_sheet(w.wb, w.F, plan, opts)
  end)
  if not ok then
    w:discard()
    return nil, file_message(err)
  end
  return w
end

function Writer:unit(i, o)
  local ok, err = pcall(self.sheet.row, i, o)
  if not ok then
    self:discard()
    return nil, file_message(err)
  end
  self.units = i
  return true
end

function Writer:finish(outcomes, problems)
  local wb, F, plan, opts = self.wb, self.F, self.plan, self.opts
  local ok, err = pcall(function()
    finish_units_sheet(self.sheet, self.units, opts)
    write_stats_sheet(wb, F, plan, outcomes)
    outcomes = nil -- the caller may let them go while the workbook is zipped
    write_problems_sheet(wb, F, problems)
    if opts.extra_sheets then opts.extra_sheets(wb, F) end
    if opts.meanwhile then
      if self.background then wb:start_close() end
      local done, why = opts.meanwhile()
      if not done then error(why, 0) end
    end
    wb:close()
  end)
  if not ok then
    self:discard()
    return nil, file_message(err)
  end
  return true
end

function Writer:discard()
  if self.wb then self.wb:discard() end
  self.wb = nil
end

-- Writes the summary workbook of finished outcomes atomically (opts as for
-- M.open). Returns true or nil, message.
function M.write(path, plan, outcomes, problems, opts)
  local w, err = M.open(path, plan, opts)
  if not w then return nil, err end
  for i = 1, #outcomes do
    local ok, uerr = w:unit(i, outcomes[i])
    if not ok then return nil, uerr end
  end
  return w:finish(outcomes, problems)
end

return M
