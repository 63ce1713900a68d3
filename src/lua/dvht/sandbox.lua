-- sandbox.lua - the environment plan files run in.
--
-- Plans are untrusted input. They see only the allow-listed names below
-- (copies, so a plan cannot patch what the engine uses), reading or creating
-- an undeclared global is an error at the plan's file:line, and every call
-- into plan code goes through core.guarded_call (instruction budget and
-- memory cap). Not offered: io, os beyond time/date, lfs, load, dofile,
-- require outside the plan, debug, rawset, setmetatable, getmetatable.
local core = require "dvht.core"

local M = {}

local function copy(t, only)
  local c = {}
  for k, v in pairs(t) do
    if not only or only[k] then c[k] = v end
  end
  return c
end

local BASE = {
  "assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget",
  "rawlen", "select", "tonumber", "tostring", "type",
}

-- xpcall for plans: the handler runs once the failed call has unwound, as
-- plain code under the budget. Lua's own xpcall runs the handler with the
-- hooks off when the error comes from the budget hook, so a handler that
-- loops was never stopped. (No traceback is lost: plans have no debug.)
local pack, unpack, raw_pcall = table.pack, table.unpack, pcall
local function plan_xpcall(f, handler, ...)
  if type(handler) ~= "function" then
    error(("bad argument #2 to 'xpcall' (function expected, got %s)"):format(type(handler)), 2)
  end
  local res = pack(raw_pcall(f, ...))
  if res[1] then return unpack(res, 1, res.n) end
  return false, handler(res[2])
end

-- The table behind each read-only view (M.readonly). rawget, rawlen and
-- next given to plans look through a view, so plan code reads a view (unit
-- values, roll-up items) exactly as it would read the table itself.
local behind = setmetatable({}, { __mode = "k" })
local raw_rawget, raw_rawlen, raw_next = rawget, rawlen, next
local THROUGH_VIEWS = {
  rawget = function(t, k) return raw_rawget(behind[t] or t, k) end,
  rawlen = function(t) return raw_rawlen(behind[t] or t) end,
  next = function(t, k) return raw_next(behind[t] or t, k) end,
}

-- Builds a fresh environment; `api` holds the plan language (plan{},
-- indicator{}, include ...), installed as globals of the plan.
function M.environment(api)
  local env = {}
  for _, name in ipairs(BASE) do env[name] = THROUGH_VIEWS[name] or _G[name] end
  env.xpcall = plan_xpcall
  env.string = copy(string)
  env.string.dump = nil -- bytecode is the way out of a Lua sandbox; keep none around
  env.table = copy(table)
  env.math = copy(math)
  env.utf8 = copy(utf8)
  env.os = copy(os, { time = true, date = true, clock = true })
  env.print = function(...)
    local parts = table.pack(...)
    for i = 1, parts.n do parts[i] = tostring(parts[i]) end
    io.stderr:write(core.where(2), " ", table.concat(parts, "\t"), "\n")
  end
  for name, fn in pairs(api) do env[name] = fn end
  env._G = env
  return setmetatable(env, {
    __index = function(_, name)
      error(("biến toàn cục chưa khai báo '%s'"):format(tostring(name)), 2)
    end,
    __newindex = function(_, name)
      error(("không được tạo biến toàn cục '%s' trong bộ tiêu chí; hãy dùng 'local %s = ...'")
        :format(tostring(name), tostring(name)), 2)
    end,
    __metatable = false,
  })
end

-- "file:line" of the plan code `level` frames above the caller (for the
-- declarations of the plan language and their error messages).
function M.here(level)
  local w = core.where(level + 1)
  return (w:gsub(":%s*$", ""))
end

-- Raises "file:line: message" (plain message when `at` is empty).
function M.fail(at, fmt, ...)
  local msg = fmt:format(...)
  error((at and at ~= "") and (at .. ": " .. msg) or msg, 0)
end

-- Calls plan code under the limits; returns ok, results... or false, msg.
M.call = core.guarded_call

-- A read-only view of `t` handed to plan functions, so a rule cannot change
-- data that other rules or units see.
local function readonly_mt(t)
  return {
    __index = t,
    __newindex = function(_, k)
      error(("dữ liệu chỉ được đọc, không được gán '%s'"):format(tostring(k)), 2)
    end,
    __pairs = function() return next, t, nil end,
    __len = function() return #t end,
    __metatable = false,
  }
end

function M.readonly(t)
  local view = setmetatable({}, readonly_mt(t))
  behind[view] = t
  return view
end

return M
