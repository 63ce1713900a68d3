-- plan_dirs.lua - plan folders for the Lua tests (loaded with dofile):
--   P.copy(dir, edit)             the bundled hanoi-2025 files, each passed
--                                 through edit[file](text) when given
--   P.inheriting(dir, code, id)   a plan.lua inheriting hanoi-2025, then `code`
-- Both create `dir` and return it.
local P = {}

local BASE = "rules/hanoi-2025"

local function write(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end
P.write = write

function P.copy(dir, edit)
  assert(dvht.lfs.mkdir(dir))
  for file in dvht.lfs.dir(BASE) do
    if file:match("%.lua$") then
      local f = assert(io.open(BASE .. "/" .. file, "rb"))
      local text = f:read("a")
      f:close()
      if edit and edit[file] then text = edit[file](text) end
      write(dir .. "/" .. file, text)
    end
  end
  return dir
end

-- plan.lua is: line 1 inherit, line 2 plan { id }, from line 3 `code`.
function P.inheriting(dir, code, id)
  assert(dvht.lfs.mkdir(dir))
  write(dir .. "/plan.lua", ('inherit "hanoi-2025"\nplan { id = "%s" }\n%s\n'):format(id or "thu", code))
  return dir
end

return P
