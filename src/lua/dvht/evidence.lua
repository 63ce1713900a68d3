-- evidence.lua - evidence ("minh chứng") of each unit: which codes it has,
-- from the "Minh chứng" table and from an evidence folder, which codes its
-- applicable indicators miss, and what happens to an indicator that is met
-- without evidence (the plan's evidence_policy).
--
-- Evidence folder: one sub-folder per unit code (or starting with the code
-- and a space), holding files or sub-folders whose names begin with an
-- evidence code: "TC1-01 Ke hoach.pdf", "TC2-04/bang-cap.pdf". Folders
-- whose names carry no code (e.g. "Tieu chi 1") are looked into.
local core = require "dvht.core"
local input = require "dvht.input"
local values = require "dvht.values"

local M = {}

-- What a met indicator without evidence becomes. Documented in
-- rules/hanoi-2025/plan.lua (evidence_policy).
M.POLICIES = {
  canh_bao = "chỉ cảnh báo, kết quả giữ nguyên",
  khong_dat = "chỉ tiêu tính là không đạt",
  loi = "đơn vị bị coi là lỗi dữ liệu",
}
M.DEFAULT_POLICY = "canh_bao"

-- The plan's policy, or nil and a message.
function M.policy(plan)
  local p = plan.meta.evidence_policy
  if p == nil then return M.DEFAULT_POLICY end
  if M.POLICIES[p] then return p end
  local names = {}
  for id, text in pairs(M.POLICIES) do names[#names + 1] = ("\"%s\" (%s)"):format(id, text) end
  table.sort(names)
  return nil, ("evidence_policy = \"%s\" không hợp lệ; dùng một trong: %s"):format(tostring(p), table.concat(names, ", "))
end

-- Codes --------------------------------------------------------------------------

-- Separators allowed between the parts of a code: spaces, - _ . and the
-- en/em dashes and minus sign the guide and word processors produce.
local DASHES = { "\226\128\144", "\226\128\145", "\226\128\146", "\226\128\147", "\226\128\148", "\226\136\146" }

local function skip_separators(s, pos)
  while true do
    local c = s:sub(pos, pos)
    if c ~= "" and c:match("[%s%-_%.]") then
      pos = pos + 1
    else
      local moved = false
      for _, d in ipairs(DASHES) do
        if s:sub(pos, pos + #d - 1) == d then pos, moved = pos + #d, true; break end
      end
      if not moved then return pos end
    end
  end
end

-- Letter and digit runs of a code: "TC1-01" -> { "tc", "1", "01" }.
local function tokens(code)
  local t = {}
  local s, pos = core.fold(code), 1
  while pos <= #s do
    local a = s:match("^%a+", pos) or s:match("^%d+", pos)
    if a then
      t[#t + 1] = a
      pos = pos + #a
    else
      pos = pos + 1
    end
  end
  return t
end

-- The plan's evidence codes: { { key = "TC1-01", tokens, indicators = { ind ... } } },
-- longest first so that a code never shadows a longer one it begins.
function M.codes(plan)
  if plan.evidence_codes then return plan.evidence_codes end
  local list, by_key = {}, {}
  for _, ind in ipairs(plan.indicators) do
    if type(ind.evidence) == "string" and ind.evidence ~= "" then
      local key = input.evidence_key(ind.evidence)
      local c = by_key[key]
      if not c then
        c = { key = key, tokens = tokens(ind.evidence), indicators = {} }
        by_key[key] = c
        list[#list + 1] = c
      end
      c.indicators[#c.indicators + 1] = ind
    end
  end
  table.sort(list, function(a, b)
    if #a.tokens ~= #b.tokens then return #a.tokens > #b.tokens end
    return a.key < b.key
  end)
  plan.evidence_codes, plan.evidence_code_by_key = list, by_key
  return list
end

-- Does the folded text s begin with the code's tokens? Digit runs compare
-- as numbers (TC1-1 = TC1-01) but must end where the code's run ends
-- (TC1-011 is not TC1-01).
local function begins_with(s, code)
  local pos = s:match("^%s*()")
  for i, tok in ipairs(code.tokens) do
    if i > 1 then pos = skip_separators(s, pos) end
    if tok:match("^%d") then
      local run = s:match("^%d+", pos)
      if not run or tonumber(run) ~= tonumber(tok) then return false end
      pos = pos + #run
    else
      local run = s:match("^%a+", pos)
      if run ~= tok then return false end
      pos = pos + #run
    end
  end
  return true
end

-- The plan code a name (file, folder or table cell) begins with, as its
-- key ("TC2-04"), or nil. Memoised: a table of evidence repeats the same
-- few spellings on every row.
local CACHE_MAX = 20000

function M.match(plan, name)
  local cache = plan.evidence_match_cache
  if not cache then
    cache = {}
    plan.evidence_match_cache, plan.evidence_match_count = cache, 0
  end
  local hit = cache[name]
  if hit ~= nil then return hit or nil end
  local found = false
  local ok, s = pcall(core.fold, name)
  if ok then
    for _, code in ipairs(M.codes(plan)) do
      if begins_with(s, code) then found = code.key; break end
    end
  end
  if plan.evidence_match_count < CACHE_MAX then
    cache[name], plan.evidence_match_count = found, plan.evidence_match_count + 1
  end
  return found or nil
end

-- Folder scan ----------------------------------------------------------------------

local MAX_DEPTH = 12
local MAX_ENTRIES = 200000

local function visible(name)
  return name:sub(1, 1) ~= "." and name:sub(1, 2) ~= "~$"
end

local function sorted_entries(lfs, dir)
  local names = {}
  local ok, err = pcall(function()
    for name in lfs.dir(dir) do
      if visible(name) then names[#names + 1] = name end
    end
  end)
  if not ok then return nil, err end
  table.sort(names)
  return names
end

-- Whether a folder holds at least one visible file (at any depth).
local function has_file(lfs, dir, depth)
  if depth > MAX_DEPTH then return false end
  for _, name in ipairs(sorted_entries(lfs, dir) or {}) do
    local p = dir .. "/" .. name
    local mode = lfs.attributes(p, "mode")
    if mode == "file" then return true end
    if mode == "directory" and lfs.symlinkattributes(p, "mode") ~= "link" and has_file(lfs, p, depth + 1) then
      return true
    end
  end
  return false
end

-- Walks one unit's folder; adds { code, name, file, source } entries.
local function scan_unit(plan, lfs, dir, rel, list, problems, budget, depth)
  local names, err = sorted_entries(lfs, dir)
  if not names then
    input.problem(problems, { file = dir, severity = "canh_bao",
      message = ("không đọc được thư mục minh chứng: %s"):format(tostring(err)) })
    return
  end
  for _, name in ipairs(names) do
    budget.n = budget.n + 1
    if budget.n > MAX_ENTRIES then return end
    local p, r = dir .. "/" .. name, rel == "" and name or (rel .. "/" .. name)
    local mode = lfs.attributes(p, "mode")
    local key = M.match(plan, name)
    if key and mode == "file" then
      list[#list + 1] = { code = key, name = name, file = r, source = p, kind = "tep" }
    elseif key and mode == "directory" then
      if has_file(lfs, p, depth + 1) then
        list[#list + 1] = { code = key, name = name, file = r .. "/", source = p, kind = "thu_muc" }
      else
        list.empty = list.empty or {}
        list.empty[#list.empty + 1] = { code = key, path = p }
      end
    elseif mode == "directory" and depth < MAX_DEPTH and lfs.symlinkattributes(p, "mode") ~= "link" then
      scan_unit(plan, lfs, p, r, list, problems, budget, depth + 1)
    end
  end
end

-- The unit code a folder name stands for: the code itself, or the code
-- followed by a space or "_" and anything (a unit's name).
local function folder_unit(name, by_fold)
  local ok, f = pcall(core.fold, name)
  if not ok then return nil end
  if by_fold[f] then return by_fold[f] end
  for i = #f, 1, -1 do
    local c = f:sub(i, i)
    if c == " " or c == "_" then
      local head = f:sub(1, i - 1):gsub("%s+$", "")
      if by_fold[head] then return by_fold[head] end
    end
  end
  return nil
end

-- Scans DIR for the units' folders. Returns { [unit code] = { entry ... } }
-- or nil and a message (DIR is not a readable folder). Problems (folders
-- that match no unit, empty code folders) are added to `problems`.
function M.scan(plan, dir, units, problems)
  local lfs = require "lfs"
  dir = dir:gsub("(.)/+$", "%1")
  if lfs.attributes(dir, "mode") ~= "directory" then
    return nil, ("thư mục minh chứng \"%s\" không tồn tại hoặc không phải thư mục"):format(dir)
  end
  local by_fold = {}
  for _, rec in ipairs(units) do
    if rec.code ~= "" then
      local ok, f = pcall(core.fold, rec.code)
      if ok and not by_fold[f] then by_fold[f] = rec.code end
    end
  end
  local names, err = sorted_entries(lfs, dir)
  if not names then return nil, ("không đọc được thư mục minh chứng \"%s\": %s"):format(dir, tostring(err)) end
  local found, budget = {}, { n = 0 }
  for _, name in ipairs(names) do
    local p = dir .. "/" .. name
    if lfs.attributes(p, "mode") == "directory" then
      local code = folder_unit(name, by_fold)
      if code then
        local list = found[code] or {}
        found[code] = list
        scan_unit(plan, lfs, p, name, list, problems, budget, 1)
        for _, e in ipairs(list.empty or {}) do
          input.problem(problems, { file = e.path, unit = code, severity = "canh_bao",
            message = ("thư mục minh chứng %s trống; không tính là có minh chứng"):format(e.code) })
        end
        list.empty = nil
      else
        input.problem(problems, { file = p, severity = "canh_bao",
          message = ("thư mục \"%s\" không trùng mã đơn vị nào trong dữ liệu; bỏ qua"):format(name) })
      end
    end
  end
  if budget.n > MAX_ENTRIES then
    input.problem(problems, { file = dir, severity = "canh_bao",
      message = ("thư mục minh chứng có hơn %d tệp/thư mục; chỉ xét %d mục đầu"):format(MAX_ENTRIES, MAX_ENTRIES) })
  end
  return found
end

-- How the policy changed the unit, appended to its problem.
local POLICY_TAIL = {
  canh_bao = "",
  khong_dat = "; tính là không đạt",
  loi = "; đơn vị chưa được xếp loại cho đến khi bổ sung minh chứng",
}

-- Check --------------------------------------------------------------------------

local function level_text(plan, ind, r)
  if r.level == 0 then return "Không đạt" end
  if not ind.m.levelled then return "Đạt" end
  return plan.levels[r.level].label
end

-- Checks every assessed unit against its evidence and applies the plan's
-- policy. Returns a report { units = { [outcome] = status }, missing = { row ... },
-- policy } and the (possibly changed) outcomes, or nil and a rule/plan message.
-- status = { present = n, needed = n, missing = { key ... }, flagged = { ... } }
function M.check(plan, data, outcomes)
  local policy, perr = M.policy(plan)
  if not policy then return nil, perr end
  local assess = require "dvht.assess"
  M.codes(plan)
  local by_key = plan.evidence_code_by_key
  local report = { units = {}, missing = {}, policy = policy }
  local unknown_seen, key_of = {}, {}
  for _, ind in ipairs(plan.indicators) do
    key_of[ind] = ind.evidence and input.evidence_key(ind.evidence) or false
  end
  for i, o in ipairs(outcomes) do
    local rec = o.rec
    local have = {}
    for _, e in ipairs(data.evidence[rec.code] or {}) do
      if by_key[e.code] then
        have[e.code] = true
      elseif not unknown_seen[rec.code .. "\0" .. e.code] then
        unknown_seen[rec.code .. "\0" .. e.code] = true
        input.problem(data.problems, { file = e.source, line = e.line, unit = rec.code, severity = "canh_bao",
          column = e.line and "Mã minh chứng" or nil,
          message = ("mã minh chứng \"%s\" không có trong bộ tiêu chí; bỏ qua"):format(values.shown(e.raw or e.code)) })
      end
    end
    if o.result ~= "loi" and o.indicators then
      local st = { present = 0, needed = 0, missing = {}, flagged = {} }
      local demote, rows = {}, {}
      for _, ind in ipairs(plan.indicators) do
        local r = o.indicators[ind.id]
        local key = key_of[ind]
        if r and r.applicable and key then
          st.needed = st.needed + 1
          if have[key] then
            st.present = st.present + 1
          else
            st.missing[#st.missing + 1] = key
            local row = { outcome = o, ind = ind, key = key, result = level_text(plan, ind, r), met = r.met }
            report.missing[#report.missing + 1] = row
            rows[#rows + 1] = row
            if r.met then
              st.flagged[#st.flagged + 1] = ind
              demote[#demote + 1] = ind.id
            end
          end
        end
      end
      if #demote > 0 then
        local names = {}
        for _, ind in ipairs(st.flagged) do
          names[#names + 1] = ("%s (%s)"):format(assess.indicator_label(ind), ind.evidence)
        end
        input.problem(data.problems, { file = rec.file, line = rec.line, unit = rec.code,
          column = "Minh chứng", severity = policy == "loi" and "loi" or "canh_bao",
          message = ("%s đạt nhưng không có minh chứng: %s%s"):format(
            #names == 1 and "chỉ tiêu" or ("%d chỉ tiêu"):format(#names), table.concat(names, ", "), POLICY_TAIL[policy]) })
      end
      if #demote > 0 and policy == "loi" then
        rec.errors[#rec.errors + 1] = data.problems[#data.problems]
        o = { rec = rec, result = "loi" }
        outcomes[i] = o
      elseif #demote > 0 and policy == "khong_dat" then
        local new, err = assess.demote(plan, o, demote)
        if not new then return nil, err end
        for _, row in ipairs(rows) do row.outcome = new end
        o = new
        outcomes[i] = o
      end
      report.units[o] = st
    end
  end
  return report, outcomes
end

-- "Minh chứng" column text of a unit: "Đủ (13/13)" or "Thiếu 2/13: TC1-03, TC2-04".
function M.column_text(report, o)
  local st = report.units[o]
  if not st then return nil end
  if #st.missing == 0 then return ("Đủ (%d/%d)"):format(st.present, st.needed) end
  return ("Thiếu %d/%d: %s"):format(#st.missing, st.needed, table.concat(st.missing, ", "))
end

-- Sheet "Thiếu minh chứng": one row per unit and missing code.
function M.write_sheet(wb, F, plan, report)
  local assess = require "dvht.assess"
  local ws = wb:add_sheet("Thiếu minh chứng")
  local head = { "STT", "Mã đơn vị", "Tên đơn vị", "Chỉ tiêu", "Mã minh chứng", "Kết quả chỉ tiêu", "Ghi chú" }
  for c, h in ipairs(head) do ws:write(0, c - 1, h, F.head) end
  local note = {
    canh_bao = "Chỉ tiêu đạt nhưng chưa có minh chứng",
    khong_dat = "Chưa có minh chứng nên tính là không đạt",
    loi = "Chỉ tiêu đạt nhưng chưa có minh chứng: đơn vị bị coi là lỗi dữ liệu",
  }
  for i, row in ipairs(report.missing) do
    local rec = row.outcome.rec
    ws:write(i, 0, i, F.center)
    ws:write(i, 1, rec.code, F.text)
    ws:write(i, 2, rec.name, F.text)
    ws:write(i, 3, assess.indicator_label(row.ind), F.center)
    ws:write(i, 4, row.ind.evidence, F.center)
    ws:write(i, 5, row.result, row.met and F.ok or F.fail)
    ws:write(i, 6, row.met and note[report.policy] or "", F.wrap)
  end
  ws:set_column(0, 0, 5)
  ws:set_column(1, 1, 14)
  ws:set_column(2, 2, 40)
  ws:set_column(3, 4, 14)
  ws:set_column(5, 5, 16)
  ws:set_column(6, 6, 50)
  ws:freeze(1, 0)
  ws:autofilter(0, 0, math.max(#report.missing, 1), #head - 1)
  return ws
end

return M
