-- cli.lua - command line: parse options, dispatch to a command module
-- (cmd_<name>.lua), map failures to the exit codes of src/exit_codes.h.
local core = require "dvht.core"

local M = {}
local EXIT = core.exit

M.VERSION = "0.1.0"

-- Commands and their one-line help (Vietnamese, shown by `dvht help`).
M.COMMANDS = {
  { "assess", "Đánh giá, xếp loại các đơn vị và ghi bảng tổng hợp" },
  { "explain", "Giải thích kết quả của một đơn vị, từng chỉ tiêu" },
  { "template", "Tạo tệp Excel mẫu nhập liệu từ bộ tiêu chí" },
  { "bien-ban", "In biên bản tự đánh giá, xếp loại của đơn vị" },
  { "bao-cao", "In báo cáo tự đánh giá của đơn vị" },
  { "huong-dan-minh-chung", "In hướng dẫn thu thập và sắp xếp minh chứng" },
  { "check", "Kiểm tra một bộ tiêu chí (lỗi, cảnh báo)" },
  { "test", "Chạy các ca kiểm thử đi kèm bộ tiêu chí" },
  { "diff", "So sánh kết quả giữa hai bộ tiêu chí (giả định)" },
  { "run", "Chạy một kịch bản Lua (xem docs/)" },
}

local USAGE = [[
Cách dùng: dvht <lệnh> [tùy chọn] ...

Lệnh:
%s
Tùy chọn chung:
  --plan THƯ_MỤC|TÊN    bộ tiêu chí (mặc định: $DVHT_PLAN hoặc hanoi-2025)
  --nam NĂM             bộ tiêu chí có hiệu lực trong năm đó (ví dụ --nam 2026)
  --rule-steps N        số bước lệnh tối đa cho mỗi lần chạy quy tắc (mặc định 10000000)
  --rule-mem MiB        bộ nhớ tối đa một lần chạy quy tắc được dùng thêm (mặc định 64)
  --rule-time GIÂY      thời gian tối đa cho mỗi lần chạy quy tắc (mặc định 10)
  --lua-mem MiB         bộ nhớ tối đa của bộ máy Lua (mặc định 2048)
  --threads N           số luồng đọc trước các tệp dữ liệu (mặc định: số nhân CPU; 0: không dùng)
  -h, --help            hướng dẫn này
  --version             phiên bản

Ví dụ:
  dvht assess -o tong-hop.xlsx --csv ket-qua.csv don-vi.csv
  dvht explain THCS-01 don-vi.csv

Mã thoát: 0 thành công; 1 xong nhưng có đơn vị lỗi dữ liệu; 2 sai cú pháp lệnh;
3 lỗi bộ tiêu chí; 4 không đọc được dữ liệu đầu vào; 5 không ghi được kết quả; 6 lỗi nội bộ.
]]

function M.usage()
  local lines = {}
  for _, c in ipairs(M.COMMANDS) do lines[#lines + 1] = ("  %-21s %s"):format(c[1], c[2]) end
  return USAGE:format(table.concat(lines, "\n") .. "\n")
end

-- A failure that carries its exit code up to main().
local Failure = {}
Failure.__index = Failure
Failure.__tostring = function(f) return f.message end

function M.fail(code, fmt, ...)
  error(setmetatable({ code = code, message = select("#", ...) > 0 and fmt:format(...) or fmt }, Failure), 0)
end

-- Parses argv with a spec { ["--plan"] = "value", ["-o"] = "value", ["--all"] = "flag", ... }.
-- Returns options, positional arguments.
function M.parse(args, spec)
  local opts, pos = {}, {}
  local i = 1
  while i <= #args do
    local a = args[i]
    local name, inline = a:match("^(%-%-[%w%-]+)=(.*)$")
    name = name or a
    local kind = spec[name]
    if a == "--" then
      for j = i + 1, #args do pos[#pos + 1] = args[j] end
      break
    elseif kind == "flag" then
      opts[name] = true
    elseif kind == "value" or kind == "list" then
      local v = inline
      if not v then
        i = i + 1
        v = args[i]
      end
      if v == nil then M.fail(EXIT.USAGE, "tùy chọn %s cần một giá trị", name) end
      if kind == "list" then
        opts[name] = opts[name] or {}
        table.insert(opts[name], v)
      else
        opts[name] = v
      end
    elseif a:sub(1, 1) == "-" and #a > 1 then
      M.fail(EXIT.USAGE, "không biết tùy chọn \"%s\" (xem dvht --help)", a)
    else
      pos[#pos + 1] = a
    end
    i = i + 1
  end
  return opts, pos
end

-- Options every command that loads a plan understands.
M.PLAN_OPTIONS = { ["--plan"] = "value", ["--nam"] = "value", ["--rule-steps"] = "value",
  ["--rule-mem"] = "value", ["--rule-time"] = "value", ["--lua-mem"] = "value", ["--threads"] = "value" }

function M.with_plan_options(spec)
  for k, v in pairs(M.PLAN_OPTIONS) do spec[k] = spec[k] or v end
  return spec
end

local function positive(opts, name)
  local v = opts[name]
  if v == nil then return nil end
  local n = math.tointeger(tonumber(v))
  if not n or n <= 0 then M.fail(EXIT.USAGE, "%s cần một số nguyên dương (nhận được \"%s\")", name, v) end
  return n
end

-- Applies the limit options and --threads, then loads the plan. Fails
-- with EXIT.PLAN.
function M.load_plan(opts)
  local threads = opts["--threads"]
  if threads ~= nil then
    local input = require "dvht.input"
    local n = math.tointeger(tonumber(threads))
    if not n or n < 0 or n > input.MAX_THREADS then
      M.fail(EXIT.USAGE, "--threads cần một số nguyên từ 0 đến %d (nhận được \"%s\")", input.MAX_THREADS, threads)
    end
    input.threads = n
  end
  core.set_limits { rule_steps = positive(opts, "--rule-steps"), rule_mib = positive(opts, "--rule-mem"),
    rule_seconds = positive(opts, "--rule-time"), heap_mib = positive(opts, "--lua-mem") }
  local planlib = require "dvht.plan"
  -- --plan, then --nam, then $DVHT_PLAN: what is typed wins over the environment
  local spec = opts["--plan"]
  if not spec and opts["--nam"] and planlib.for_year then
    local found, err = planlib.for_year(opts["--nam"])
    if not found then M.fail(EXIT.PLAN, "%s", err) end
    spec = found
  end
  local plan, err = planlib.load(spec or os.getenv("DVHT_PLAN") or "hanoi-2025")
  if not plan then M.fail(EXIT.PLAN, "Lỗi bộ tiêu chí: %s", err) end
  return plan
end

function M.main(args)
  local name = args[1]
  if name == nil or name == "-h" or name == "--help" or name == "help" then
    io.stdout:write(M.usage())
    return name == nil and EXIT.USAGE or EXIT.OK
  end
  if name == "--version" or name == "version" then
    io.stdout:write("dvht ", M.VERSION, "\n")
    return EXIT.OK
  end
  local known = false
  for _, c in ipairs(M.COMMANDS) do known = known or c[1] == name end
  if not known then
    io.stderr:write(("dvht: không có lệnh \"%s\"\n\n"):format(name), M.usage())
    return EXIT.USAGE
  end
  local rest = table.move(args, 2, #args, 1, {})
  local ok, res = xpcall(function() return require("dvht.cmd_" .. name:gsub("%-", "_")).run(rest) end,
    function(e)
      if getmetatable(e) == Failure then return e end
      return core.traceback(tostring(e), 2)
    end)
  if ok then return res or EXIT.OK end
  if getmetatable(res) == Failure then
    io.stderr:write("dvht: ", res.message, "\n")
    return res.code
  end
  local msg = tostring(res)
  if msg:find("not enough memory", 1, true) then
    io.stderr:write("dvht: không đủ bộ nhớ (giới hạn bộ máy Lua: --lua-mem)\n")
  else
    io.stderr:write("dvht: lỗi nội bộ: ", msg, "\n")
  end
  return EXIT.INTERNAL
end

return M
