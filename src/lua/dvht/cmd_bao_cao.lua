-- cmd_bao_cao.lua - "dvht bao-cao": each unit's self-assessment report,
-- following the outline of the official form (layout_bao_cao.lua).
local doc_command = require "dvht.doc_command"

local M = {}

function M.run(args)
  return doc_command.run(args, {
    name = "bao-cao", layout = "layout_bao_cao", what = "báo cáo",
    title = "Báo cáo tự đánh giá, công nhận “Đơn vị học tập” năm %s",
  })
end

return M
