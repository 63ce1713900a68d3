-- results_csv.lua - the machine-readable results of DATA.md: one row per
-- unit, columns ma_don_vi, ket_qua, one per indicator id, then the counts.
local core = require "dvht.core"

local M = {}

local function quote(s)
  s = tostring(s)
  if s:find('[,"\r\n]') then return '"' .. s:gsub('"', '""') .. '"' end
  return s
end

-- The columns before and after those of the indicators (whose ids plan.lua
-- keeps apart from these).
M.FIRST = { "ma_don_vi", "ket_qua" }
M.LAST = { "chi_tieu_dat", "chi_tieu_ap_dung", "tieu_chi_dat", "tieu_chi_ap_dung" }

function M.header(plan)
  local h = { table.unpack(M.FIRST) }
  for _, ind in ipairs(plan.indicators) do h[#h + 1] = ind.id end
  for _, k in ipairs(M.LAST) do h[#h + 1] = k end
  return h
end

function M.row(plan, o)
  local r = { o.rec.code, o.result }
  for _, ind in ipairs(plan.indicators) do
    r[#r + 1] = o.indicators and o.indicators[ind.id].value or ""
  end
  local n = o.counts
  for _, v in ipairs(n and { n.ind_met, n.ind_app, n.crit_met, n.crit_app } or { "", "", "", "" }) do
    r[#r + 1] = v
  end
  return r
end

-- The lines of the file (the header, one per unit, then "": joined with
-- "\n" it ends with a newline), the same as M.row gives, built without a
-- table per row. All but the code is the same for the units that share an
-- outcome (the engine shares the indicator and count tables of a
-- signature), so that part is built once per outcome.
function M.lines(plan, outcomes)
  local head = M.header(plan)
  for i, c in ipairs(head) do head[i] = quote(c) end
  local lines = { table.concat(head, ",") }
  local quoted = setmetatable({}, { __index = function(t, v)
    local q = quote(v)
    t[v] = q
    return q
  end })
  local ids = {}
  for i, ind in ipairs(plan.indicators) do ids[i] = ind.id end
  local n = #ids
  local cells = {}
  local tails = setmetatable({}, { __mode = "k" }) -- by counts table
  local plain = {}                                 -- by result, without counts
  local function tail_of(o)
    local c = o.counts
    local hit = c and tails[c] or plain[o.result]
    if hit and hit.inds == o.indicators and hit.result == o.result then return hit.text end
    cells[1] = quoted[o.result]
    local inds = o.indicators
    for i = 1, n do cells[1 + i] = inds and quoted[inds[ids[i]].value] or "" end
    if c then
      cells[n + 2], cells[n + 3], cells[n + 4], cells[n + 5] = c.ind_met, c.ind_app, c.crit_met, c.crit_app
    else
      cells[n + 2], cells[n + 3], cells[n + 4], cells[n + 5] = "", "", "", ""
    end
    local text = table.concat(cells, ",", 1, n + 5)
    hit = { inds = inds, result = o.result, text = text }
    if c then tails[c] = hit else plain[o.result] = hit end
    return text
  end
  for _, o in ipairs(outcomes) do
    lines[#lines + 1] = quote(o.rec.code) .. "," .. tail_of(o)
  end
  lines[#lines + 1] = ""
  return lines
end

function M.text(plan, outcomes)
  return table.concat(M.lines(plan, outcomes), "\n")
end

-- Writes atomically (the lines are not joined in memory first). Returns
-- true or nil, message.
function M.write(path, plan, outcomes)
  return core.write_file(path, M.lines(plan, outcomes), "\n")
end

return M
