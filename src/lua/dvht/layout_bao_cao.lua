-- layout_bao_cao.lua - the self-assessment report ("Báo cáo tự đánh giá,
-- công nhận “Đơn vị học tập”"), following the outline of the official form:
-- I. Đặt vấn đề; II. Tự đánh giá (criterion by criterion, indicator by
-- indicator); III. Kết luận chung. What dvht computes is filled in (the
-- indicators' wording, the measured values, the evidence, the levels, the
-- counts); what the unit has to write is left as dotted lines.
--
-- An office may change this file without recompiling dvht: copy it, edit
-- the copy and print with  dvht bao-cao --layout bao-cao-sua.lua ...
-- Sizes: grid columns in mm (they add up to the printable width), fonts in
-- points, margins in mm (Nghị định 30/2020).
-- draw(doc, u, ctx) receives the document (doc_layout.lua), the unit's facts
-- (doc_facts.lua) and ctx = { plan, D = doc_layout, F = doc_facts }.

local L = {}

L.size = 13
L.title_size = 14

L.page = {
  paper = "A4", landscape = false,
  margins = { top = 20, bottom = 20, left = 30, right = 15 },
  header = "&C&\"Times New Roman,Regular\"&13&P",
}

-- 165 mm: the left block of the header, then the right block (header, date,
-- signature).
L.grid = { 58, 49, 58 }
L.spans = { left = { 1, 1 }, right = { 2, 3 } }

L.text = {
  governing = "CƠ QUAN CHỦ QUẢN",
  nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  motto = "Độc lập - Tự do - Hạnh phúc",
  title = "BÁO CÁO TỰ ĐÁNH GIÁ, CÔNG NHẬN “ĐƠN VỊ HỌC TẬP”",
  part1 = "I. ĐẶT VẤN ĐỀ",
  general = "1. Tình hình chung",
  -- code, type, members
  general_facts = "Đơn vị: %s (mã %s); loại đơn vị: %s; tổng số thành viên: %s%s.",
  learners = "; tổng số người học: %s",
  purpose = "2. Mục đích tự đánh giá",
  process = "3. Tóm tắt quá trình và những vấn đề nổi bật trong hoạt động tự đánh giá",
  part2 = "II. TỰ ĐÁNH GIÁ",
  criterion = "Tiêu chí %s: %s",
  indicator = "Chỉ tiêu %s: %s",
  indicator_levels = "Chỉ tiêu %s:",
  state = "1. Mô tả hiện trạng",
  evidence = "Minh chứng (mã %s):",
  evidence_missing = "Chưa có minh chứng. Gợi ý:\n%s",
  evidence_hint = "Gợi ý:\n%s",
  strengths = "2. Điểm mạnh:",
  weaknesses = "3. Tồn tại:",
  verdict = "4. Tự đánh giá: %s",
  criterion_end = "Kết luận về Tiêu chí %s: %s.",
  -- not met, then per level, applicable
  criterion_counts = "Số lượng chỉ tiêu không đạt: %d; %s (trên %d chỉ tiêu áp dụng đối với đơn vị%s).",
  level_count = "%s: %d",
  criterion_na = "; %d chỉ tiêu không áp dụng",
  yes_no_note = "Chỉ tiêu chỉ đánh giá Đạt/Không đạt, khi đạt được tính là %s.",
  criterion_notes = "Điểm mạnh nổi bật, điểm yếu cơ bản của Tiêu chí:",
  part3 = "III. KẾT LUẬN CHUNG",
  met_line = "- Số lượng các chỉ tiêu đạt %s (%s); số lượng các tiêu chí đạt %s (%s)",
  not_met_line = "- Số lượng các chỉ tiêu không đạt %s (%s); số lượng các tiêu chí không đạt %s (%s)",
  na_line = "(Không tính %d chỉ tiêu không áp dụng đối với đơn vị.)",
  level_line = "- Mức tự đánh giá Đơn vị học tập năm %s: %s",
  other = "- Các kết luận khác (nếu có)",
  head = "THỦ TRƯỞNG ĐƠN VỊ",
  head_note = "(Ký tên, đóng dấu)",
}

local CENTER = { align = "center" }
local BOLD_CENTER = { bold = true, align = "center" }
local ITALIC_CENTER = { italic = true, align = "center" }
local PARA = { align = "justify" }
local HEADING = { bold = true }
local SUB = { bold = true, italic = true }
local ITALIC = { italic = true, align = "justify" }

local function header(doc, u, ctx)
  local D = ctx.D
  local m = u.meeting
  -- the national motto stays right under the nation's name, however many
  -- lines the names on the left take
  doc:block(2, {
    { span = "left", row = 1, text = m.co_quan_chu_quan and D.upper(m.co_quan_chu_quan) or L.text.governing, style = CENTER },
    { span = "left", row = 2, text = D.upper(u.name), style = BOLD_CENTER },
    { span = "right", row = 1, rows = 2, text = L.text.nation .. "\n" .. L.text.motto, style = BOLD_CENTER },
  })
  doc:gap(8)
  doc:line(D.date_line(u.place, u.date), ITALIC_CENTER, "right")
  doc:gap(12)
  doc:line(L.text.title, { bold = true, align = "center", size = L.title_size })
  doc:gap(10)
end

-- A heading kept on the page of the line that follows it.
local function heading(doc, text, style)
  local r = doc:line(text, style or HEADING)
  return function() doc:group(r, r + 1) end
end

local function dotted(doc, n)
  for _ = 1, n or 1 do doc:line(doc:fill("")) end
end

local function part1(doc, u, ctx)
  local vi = ctx.vi
  doc:line(L.text.part1, HEADING)
  local keep = heading(doc, L.text.general, SUB)
  local v = u.values
  local learners = (v.tong_nguoi_hoc or 0) > 0 and L.text.learners:format(vi.int(v.tong_nguoi_hoc)) or ""
  doc:line(L.text.general_facts:format(u.name, u.code, u.type_label ~= "" and u.type_label or "…",
    v.tong_thanh_vien and vi.int(v.tong_thanh_vien) or "…", learners), PARA)
  keep()
  dotted(doc, 2)
  keep = heading(doc, L.text.purpose, SUB)
  dotted(doc, 2)
  keep()
  keep = heading(doc, L.text.process, SUB)
  dotted(doc, 2)
  keep()
end

-- The indicator's wording as the plan states it; rows of measure parts that
-- do not apply to the unit (the preschool rows for other units) are left out.
local function indicator_text(doc, fi)
  local first = fi.rows[1]
  local r
  if first.kind == "level" then
    r = doc:line(L.text.indicator_levels:format(tostring(fi.number)), HEADING)
    for _, row in ipairs(fi.rows) do
      if row.kind == "level" then doc:line(row.text, ITALIC) end
    end
  else
    r = doc:line(L.text.indicator:format(tostring(fi.number), first.text), HEADING)
  end
  for _, row in ipairs(fi.rows) do
    if row.kind == "part" and row.verdict ~= "Không áp dụng" then
      doc:line(row.text, ITALIC)
    end
  end
  return r
end

local function evidence(doc, u, fi)
  local r = doc:line(L.text.evidence:format(fi.code or "…"), SUB)
  if fi.evidence ~= "" then
    doc:line(fi.evidence, PARA)
  elseif u.tracked then
    local hints = { fi.rows[1].hint }
    for _, row in ipairs(fi.rows) do
      if row.kind == "part" and row.verdict ~= "Không áp dụng" and row.hint ~= "" then hints[#hints + 1] = row.hint end
    end
    doc:line(L.text.evidence_missing:format(table.concat(hints, "\n")), ITALIC)
  else
    doc:line(doc:fill(""))
    doc:line(L.text.evidence_hint:format(fi.rows[1].hint), ITALIC)
  end
  doc:group(r, r + 1)
end

local function indicator(doc, u, fi)
  local first = indicator_text(doc, fi)
  local r = doc:line(L.text.state, SUB)
  doc:group(first, r + 1)
  for _, line in ipairs(fi.measured) do doc:line(line, PARA) end
  if fi.applicable then
    dotted(doc, 1)
    evidence(doc, u, fi)
    local keep = heading(doc, L.text.strengths, SUB)
    dotted(doc, 1)
    keep()
    keep = heading(doc, L.text.weaknesses, SUB)
    dotted(doc, 1)
    keep()
  end
  doc:line(L.text.verdict:format(fi.level_verdict), HEADING)
  doc:gap(6)
end

local function criterion_end(doc, u, cf, ctx)
  local plan = ctx.plan
  local first = doc.row
  local verdict
  if not cf.applicable then
    verdict = "Không áp dụng"
  elseif not cf.met then
    verdict = "Không đạt"
  else
    verdict = "Đạt"
    if #plan.levels > 1 and plan.levels[cf.level] then
      verdict = verdict .. " " .. ctx.F.lower_first(plan.levels[cf.level].label)
    end
  end
  doc:line(L.text.criterion_end:format(tostring(cf.number), verdict), HEADING)
  if cf.applicable then
    local per = {}
    for i, lv in ipairs(plan.levels) do
      per[#per + 1] = L.text.level_count:format(ctx.F.level_phrase(lv.label), cf.by_level[i])
    end
    doc:line(L.text.criterion_counts:format(cf.n_not, table.concat(per, "; "), cf.n_app,
      cf.n_na > 0 and L.text.criterion_na:format(cf.n_na) or ""), PARA)
    if cf.yes_no_met > 0 and #plan.levels > 1 then
      doc:line(L.text.yes_no_note:format(ctx.F.level_phrase(plan.levels[#plan.levels].label)), ITALIC)
    end
  end
  doc:line(doc:fill(L.text.criterion_notes .. " "), PARA)
  dotted(doc, 1)
  doc:group(first, doc.row - 1)
  doc:gap(8)
end

local function part2(doc, u, ctx)
  doc:line(L.text.part2, HEADING)
  for _, cf in ipairs(u.criteria) do
    local r = doc:line(L.text.criterion:format(tostring(cf.number), cf.title), HEADING)
    doc:group(r, r + 2)
    for _, fi in ipairs(cf.indicators) do indicator(doc, u, fi) end
    criterion_end(doc, u, cf, ctx)
  end
end

local function part3(doc, u, ctx)
  local c, p = u.counts, u.pct
  doc:line(L.text.part3, HEADING)
  doc:line(L.text.met_line:format(("%d/%d"):format(c.ind_met, c.ind_app), p.ind_met,
    ("%d/%d"):format(c.crit_met, c.crit_app), p.crit_met), PARA)
  doc:line(L.text.not_met_line:format(("%d/%d"):format(c.ind_not, c.ind_app), p.ind_not,
    ("%d/%d"):format(c.crit_not, c.crit_app), p.crit_not), PARA)
  if c.ind_na > 0 then doc:line(L.text.na_line:format(c.ind_na), ITALIC) end
  doc:line(L.text.level_line:format(tostring(u.year), u.result_label), HEADING)
  doc:line(doc:fill(L.text.other), PARA)
end

local function signature(doc, u, ctx)
  doc:keep(function()
    doc:gap(10)
    doc:line(ctx.D.date_line(u.place, u.date), ITALIC_CENTER, "right")
    doc:line(L.text.head, BOLD_CENTER, "right")
    doc:line(L.text.head_note, ITALIC_CENTER, "right")
    doc:gap(72)
    doc:line(u.meeting.lanh_dao_don_vi or "", BOLD_CENTER, "right")
  end)
end

function L.draw(doc, u, ctx)
  header(doc, u, ctx)
  part1(doc, u, ctx)
  part2(doc, u, ctx)
  -- the general conclusion and the signature stay on one page
  doc:keep(function()
    part3(doc, u, ctx)
    signature(doc, u, ctx)
  end)
end

return L
