-- test_sandbox.lua - plans are untrusted: every escape attempt, endless
-- loop and memory bomb ends in a clear error at the plan's file:line, with
-- no side effect, and the host keeps working afterwards.
local T = dofile("tests/lua/tap.lua")
local planlib = require "dvht.plan"
local core = require "dvht.core"

local P = dofile("tests/lua/plan_dirs.lua")

local root = T.tmpdir()

-- Makes a plan folder: the bundled plan with `edit` applied to its files.
local function make_plan(name, edit) return P.copy(root .. "/" .. name, edit) end

local function append(code) return { ["rollup.lua"] = function(t) return t .. "\n" .. code .. "\n" end } end

local marker = root .. "/side-effect"

-- name, code appended at the end of rollup.lua, expected message parts
local cases = {
  { "os.execute", ("os.execute('touch %s')"):format(marker), { "rollup.lua:", "execute" } },
  { "io.open", ("local f = io.open('%s', 'w')"):format(marker), { "rollup.lua:", "'io'" } },
  { "require lfs", "local lfs = require 'lfs'", { "rollup.lua:", "'require'" } },
  { "load", "load('return 1')()", { "rollup.lua:", "'load'" } },
  { "dofile", "dofile('/etc/passwd')", { "rollup.lua:", "'dofile'" } },
  { "debug", "debug.sethook()", { "rollup.lua:", "'debug'" } },
  { "rawset", "rawset(_G, 'x', 1)", { "rollup.lua:", "'rawset'" } },
  { "setmetatable", "setmetatable(string, {})", { "rollup.lua:", "'setmetatable'" } },
  { "string metatable", "local mt = getmetatable('')", { "rollup.lua:", "'getmetatable'" } },
  { "undefined global", "local x = undefined_name + 1", { "rollup.lua:", "undefined_name" } },
  { "new global", "created_global = 1", { "rollup.lua:", "created_global", "local" } },
  { "endless loop", "while true do end", { "rollup.lua:", "bước lệnh" } },
  { "endless loop swallowed by pcall", "for i = 1, 1e12 do pcall(function() while true do end end) end",
    { "rollup.lua:", "bước lệnh" } },
  { "memory bomb", "local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(1024) .. i end",
    { "MiB bộ nhớ" } },
  { "memory bomb swallowed by pcall",
    "local t = {} for i = 1, 1e9 do pcall(function() t[#t + 1] = ('y'):rep(4096) .. i end) end",
    { "MiB bộ nhớ" } },
  { "string.rep bomb", "local s = ('x'):rep(1 << 40)", { "rollup.lua:" } },
  -- the matchers run in C, where the hook cannot stop them: refused
  -- before they run, whichever way they are called
  { "backtracking pattern (find)", "local i = ('a'):rep(60):find('.-.-.-.-.-.-.-.-.-.-.-.-x')",
    { "rollup.lua:", "tìm kiếm theo mẫu", "bước lệnh" } },
  { "backtracking pattern (string.match)", "local m = string.match(('ab'):rep(40), '(.*)(.*)(.*)(.*)(.*)(.*)(.*)c')",
    { "rollup.lua:", "tìm kiếm theo mẫu" } },
  { "backtracking pattern (gsub)", "local r = ('a'):rep(300):gsub('a*a*a*a*a*b', '')",
    { "rollup.lua:", "tìm kiếm theo mẫu" } },
  { "backtracking pattern (gmatch)", "for w in ('x'):rep(200):gmatch('.-.-.-.-y') do end",
    { "rollup.lua:", "tìm kiếm theo mẫu" } },
  { "backtracking pattern swallowed by pcall",
    "local s = ('a'):rep(60) for i = 1, 1e9 do pcall(s.find, s, '.-.-.-.-.-.-.-.-x') end",
    { "rollup.lua:", "tìm kiếm theo mẫu" } },
  -- other C loops the hook cannot stop: priced the same way
  { "string.rep of an empty string", "local s = ('').rep('', 1e15)", { "rollup.lua:", "string.rep", "bước lệnh" } },
  { "table.move over a huge range", "table.move({}, 1, math.maxinteger - 1, 2)", { "rollup.lua:", "table.move" } },
  { "table.sort of long strings", "local s = ('x'):rep(1e6) local t = {} for i = 1, 2e5 do t[i] = s end table.sort(t)",
    { "rollup.lua:", "table.sort" } },
  { "plain find over a huge subject, again and again",
    "local s = ('a'):rep(1 << 22) for i = 1, 1e9 do s:find(('a'):rep(4096) .. 'b', 1, true) end",
    { "rollup.lua:", "tìm kiếm theo mẫu" } },
  { "include outside the plan", "include '../../etc/passwd.lua'", { "rollup.lua:", "include" } },
}

core.set_limits { rule_steps = 2000000, rule_mib = 32 }
for i, c in ipairs(cases) do
  local dir = make_plan("p" .. i, append(c[2]))
  local t0 = core.clock()
  local plan, err = planlib.load(dir)
  T.ok(plan == nil, c[1] .. ": the plan is refused")
  T.contains(err, c[3], c[1] .. ": clear error at file:line")
  T.ok(core.clock() - t0 < 30, c[1] .. ": stopped promptly")
end
T.ok(io.open(marker, "r") == nil, "no side effect reached the file system")

-- A loop of instructions that each take long (shifting a long array,
-- comparing long strings) stays under the step budget: the clock stops it.
for _, c in ipairs {
  { "shifting a long array", "local t = {} for i = 1, 1.5e6 do t[i] = i end\n"
    .. "while true do table.insert(t, 1, 0) table.remove(t, 1) end" },
  { "comparing long strings", "local a = ('x'):rep(1 << 20) for i = 1, 3 do a = a .. a end\n"
    .. "local b = a:sub(1, -2) .. 'y' local n = 0 while true do if a == b then n = n + 1 end end" },
  -- Lua runs an xpcall handler with the hooks off when the budget hook
  -- raised: the plans' xpcall runs it afterwards, as plain code
  { "an xpcall handler that loops", "local ok = xpcall(error, function(e) while true do end end)",
    "quy tắc" },
  { "a loop of os.date with a long format", "local f = ('%c'):rep(2e5) while true do os.date(f) end",
    "quy tắc" },
} do
  core.set_limits { rule_steps = 1000000000, rule_mib = 64, rule_seconds = 1 }
  local dir = make_plan("slow-" .. c[1]:gsub("%W", "-"), append(c[2]))
  local t0 = core.clock()
  local plan, err = planlib.load(dir)
  local took = core.clock() - t0
  T.ok(plan == nil, c[1] .. ": stopped")
  T.contains(err, { "rollup.lua:", c[3] or "quá 1 giây" }, c[1] .. ": names the file:line and the limit")
  T.ok(took < 20, ("%s: stopped promptly (%.1f s)"):format(c[1], took))
end
core.set_limits { rule_steps = 2000000, rule_mib = 32 }

-- string.dump is also the strings' method: refused there too.
do
  local plan, err = planlib.load(make_plan("dump-method", append("local b = ('').dump(function() end)")))
  T.ok(plan == nil, "('').dump: refused")
  T.contains(err, { "rollup.lua:", "string.dump" }, "('').dump: names the file:line")
end

-- What a rule raises becomes a plain message of reasonable length.
for _, c in ipairs {
  { "error({})", "error({})", "kiểu table" },
  { "error(nil)", "error(nil)", "kiểu nil" },
  { "a 10 MB error message", "error(('x'):rep(1e7))", "đã cắt bớt" },
} do
  local plan, err = planlib.load(make_plan("raise-" .. c[1]:gsub("%W", "-"), append(c[2])))
  T.ok(plan == nil, c[1] .. ": the plan is refused")
  T.contains(err, { c[3] }, c[1] .. ": said plainly")
  T.ok(#tostring(err) < 3000, ("%s: a message of reasonable length (%d bytes)"):format(c[1], #tostring(err)))
end

-- A binary chunk is refused, even under a .lua name.
do
  local dir = make_plan("binary", {})
  T.write(dir .. "/compiled.lua", string.dump(function() return 1 end))
  T.write(dir .. "/plan.lua", io.open(dir .. "/plan.lua"):read("a") .. '\ninclude "compiled.lua"\n')
  local plan, err = planlib.load(dir)
  T.ok(plan == nil, "binary chunk: refused")
  T.contains(err, { "compiled.lua", "văn bản" }, "binary chunk: says only text chunks are accepted")
end

-- A rule (measure function) that loops, evaluated per unit: the error names
-- the indicator and the plan file.
do
  local dir = make_plan("rule-loop", {
    ["criterion_2.lua"] = function(t)
      return (t:gsub('measure = percent { "ngoai_ngu"[^}]*}',
        'measure = function(u) while true do end end', 1))
    end,
  })
  local plan, err = planlib.load(dir)
  T.ok(plan ~= nil, "rule-loop plan loads", err)
  if plan then
    local csv = root .. "/units.csv"
    T.write(csv, "ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien\nA1,Đơn vị A,khac,10\n")
    local data = dvht.read(plan, { csv })
    local ok, e = pcall(dvht.assess, plan, data)
    T.ok(not ok, "rule-loop: assessment stops")
    T.contains(e, { "TC2.4", "criterion_2.lua:", "bước lệnh", "A1" }, "rule-loop: names indicator, file:line and unit")
    -- the host works again after a killed rule
    local plan2 = dvht.load_plan("hanoi-2025")
    local out = dvht.assess(plan2, dvht.read(plan2, { csv }))
    T.eq(#out, 1, "the engine keeps working after a killed rule")
  end
end

-- The roll-up functions are plan code too: a loop or a memory bomb in them
-- is stopped and named, whichever evaluation path the plan takes.
for _, c in ipairs {
  { "loop in rollup.unit", "unit = function(u)\n    while true do end", "bước lệnh" },
  { "memory bomb in rollup.criterion", "criterion = function(c)\n    local t = {} for i = 1, 1e9 do t[i] = ('z'):rep(512) .. i end",
    "MiB bộ nhớ" },
} do
  local dir = make_plan("rollup-" .. c[1]:gsub("%W", "-"), {
    ["rollup.lua"] = function(t)
      local key = c[2]:match("^(%w+) =")
      return (t:gsub(key .. " = function%((%w)%)", c[2], 1))
    end,
  })
  local plan, err = planlib.load(dir)
  T.ok(plan ~= nil, c[1] .. ": plan loads", err)
  if plan then
    local csv = root .. "/units-rollup.csv"
    T.write(csv, "ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien\nR1,Đơn vị R,khac,10\n")
    local ok, e = pcall(dvht.assess, plan, dvht.read(plan, { csv }))
    T.ok(not ok, c[1] .. ": assessment stops")
    T.contains(e, { "rollup.lua:", c[3], "R1" }, c[1] .. ": names rollup.lua:line, the limit and the unit")
  end
end

-- A rule cannot change the unit data other rules see.
do
  local dir = make_plan("rule-write", {
    ["criterion_1.lua"] = function(t)
      return (t:gsub('measure = yes_no "ke_hoach_hoc_tap"',
        'measure = function(u) u.tong_thanh_vien = 1 return true end', 1))
    end,
  })
  local plan = planlib.load(dir)
  local csv = root .. "/units2.csv"
  T.write(csv, "ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien\nA1,Đơn vị A,khac,10\n")
  local ok, e = pcall(dvht.assess, plan, dvht.read(plan, { csv }))
  T.ok(not ok, "writing unit data from a rule is refused")
  T.contains(e, { "chỉ được đọc", "criterion_1.lua:" }, "read-only error names the rule's file:line")
end

-- Nor what the roll-up functions are given: indicator and criterion
-- entries are shared by every unit with the same levels.
for _, c in ipairs {
  { "indicator entry", "criterion = function(c)\n    for _, ind in ipairs(c.indicators) do ind.level = 2 end" },
  { "criterion entry", "unit = function(u)\n    for _, cr in ipairs(u.criteria) do cr.met = true end" },
} do
  local dir = make_plan("rollup-write-" .. c[1]:gsub("%W", "-"), {
    ["rollup.lua"] = function(t)
      local key = c[2]:match("^(%w+) =")
      return (t:gsub(key .. " = function%((%w)%)", c[2], 1))
    end,
  })
  local plan, err = planlib.load(dir)
  T.ok(plan ~= nil, c[1] .. ": plan loads", err)
  if plan then
    local csv = root .. "/units-rollup-write.csv"
    T.write(csv, "ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien\nW1,Đơn vị W,khac,10\n")
    local ok, e = pcall(dvht.assess, plan, dvht.read(plan, { csv }))
    T.ok(not ok, "writing a roll-up " .. c[1] .. " is refused")
    T.contains(e, { "chỉ được đọc", "rollup.lua:", "W1" }, c[1] .. ": read-only error names rollup.lua:line and the unit")
  end
end

-- Roll-up functions that read their items with rawget and next get the
-- same results as with plain field reads.
do
  local dir = make_plan("rollup-rawget", {
    ["rollup.lua"] = function(t)
      return (t:gsub("if lowest == nil or ind%.level < lowest then\n%s*lowest = ind%.level",
        "local n = 0 for _ in next, ind do n = n + 1 end\n        if n < 5 then error('item fields') end\n"
          .. "        if lowest == nil or rawget(ind, 'level') < lowest then\n          lowest = rawget(ind, 'level')", 1))
    end,
  })
  local plan, err = planlib.load(dir)
  T.ok(plan ~= nil, "rawget plan loads", err)
  if plan then
    local src = "examples/quan-mau/don-vi.csv"
    local function tally(p)
      local t = dvht.tally(dvht.assess(p, dvht.read(p, { src })))
      local keys = {}
      for k, v in pairs(t) do keys[#keys + 1] = k .. "=" .. v end
      table.sort(keys)
      return table.concat(keys, " ")
    end
    local bundled = dvht.load_plan("hanoi-2025")
    T.eq(tally(plan), tally(bundled), "rawget and next on roll-up items give the bundled results")
  end
end

-- Patterns of ordinary rules are cheap under the bound and give the same
-- results as outside plan code; the engine's own calls are not charged.
do
  local dir = make_plan("patterns-ok", append([[
local name = "  Trường  THCS   Phúc Lợi  "
local trimmed = name:match("^%s*(.-)%s*$")
local squeezed = trimmed:gsub("%s+", " ")
local n, d = ("12/34"):match("^(%d+)/(%d+)$")
local words = 0
for _ in squeezed:gmatch("%S+") do words = words + 1 end
assert(squeezed == "Trường THCS Phúc Lợi" and n == "12" and d == "34" and words == 4)
assert(("HN-000123"):find("^HN%-%d+$") == 1 and ("mầm non"):find("non", 1, true) == 7)
assert(("x"):rep(20000):find("y") == nil)
]]))
  core.set_limits { rule_steps = 200000, rule_mib = 32 }
  local plan, err = planlib.load(dir)
  T.ok(plan ~= nil, "ordinary patterns in a plan run under a 200,000-step budget", err)
  -- outside plan code nothing is charged: the same backtracking pattern
  -- on a subject short enough to end runs in full
  T.eq(("a"):rep(12):find(".-.-.-.-.-.-x"), nil, "the engine's own pattern calls are not refused")
  core.set_limits { rule_steps = 2000000, rule_mib = 32 }
end

-- The plan's copies of libraries do not leak into the engine.
do
  local dir = make_plan("patch-lib", append("string.format = nil\ntable.concat = nil"))
  local plan, err = planlib.load(dir)
  T.ok(plan ~= nil, "a plan may change its own copy of a library", err)
  T.ok(type(string.format) == "function" and type(table.concat) == "function", "the engine's libraries are untouched")
end

os.execute("rm -rf '" .. root .. "'")
return T.done()
