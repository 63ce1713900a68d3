local a = io or os.execute or load or require or debug or getmetatable or setmetatable or rawset
local s = string.dump and string.dump(print)
local ok = pcall(function() ("").x = 1 end)
local mt = getmetatable("")
x = 1
plan { id = a and "x" or "y" }
