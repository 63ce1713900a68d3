-- tap.lua - a tiny TAP producer for Lua tests run with `dvht run`.
local T = { passed = 0, failed = 0 }

function T.ok(cond, what, detail)
  if cond then
    T.passed = T.passed + 1
    print("ok - " .. what)
  else
    T.failed = T.failed + 1
    print("not ok - " .. what)
    if detail then print("#   " .. tostring(detail):gsub("\n", "\n#   ")) end
  end
  return cond
end

function T.eq(got, want, what)
  return T.ok(got == want, what, ("got %s, want %s"):format(tostring(got), tostring(want)))
end

-- Passes when s contains every needle (plain find).
function T.contains(s, needles, what)
  s = tostring(s)
  for _, n in ipairs(type(needles) == "table" and needles or { needles }) do
    if not s:find(n, 1, true) then return T.ok(false, what, ("missing %q in:\n%s"):format(n, s)) end
  end
  return T.ok(true, what)
end

function T.tmpdir()
  local p = os.tmpname()
  os.remove(p)
  assert(dvht.lfs.mkdir(p))
  return p
end

function T.write(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

function T.done()
  print(("%d passed, %d failed"):format(T.passed, T.failed))
  return T.failed == 0 and 0 or 1
end

return T
