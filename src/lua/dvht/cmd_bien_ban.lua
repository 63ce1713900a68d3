-- cmd_bien_ban.lua - "dvht bien-ban": the minutes of each unit's
-- self-assessment, laid out as the official form (layout_bien_ban.lua).
local doc_command = require "dvht.doc_command"

local M = {}

function M.run(args)
  return doc_command.run(args, {
    name = "bien-ban", layout = "layout_bien_ban", what = "biên bản",
    title = "Biên bản tự đánh giá, xếp loại Đơn vị học tập năm %s",
  })
end

return M
