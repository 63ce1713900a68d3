plan { id = "p", results = { { id = "r", label = "R" } }, levels = { { id = "l", label = "L" } } }
for i = 1, 1e12 do end
