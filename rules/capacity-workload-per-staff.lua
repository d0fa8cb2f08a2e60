-- capacity-workload-per-staff: the yearly cases (data.annual) set against the staff who handle
-- them (access.staff) come to more than about ten a working day per person — a load at which
-- checks get skipped.  The council: 「キャパを超えないのか」(議題(5)).
--   more than 2,400 a year per person: low (about 10 a working day)

--   quiet once the plan says how the load is carried (peak-time support, more staff, outsourcing,
--   automation) and when the arrangement is reviewed: the follow-up's answers, in
--   operations.review or the prose.

local PER_STAFF = 2400
local SUPPORT = [[繁忙期|応援|増員|会計年度任用|臨時職員|派遣|委託|自動化|RPA|システム(?:で|により)(?:自動|一括)|複数(?:の)?職員|交代|分担]]
local REVIEW = [[見直|超え|上回|点検|検証|件数[^。]{0,8}(?:把握|確認|集計|管理)]]

local function load_answered(plan)
  local texts = {}
  local r = common.answer(common.get(plan, "operations", "review"))
  if r then texts[#texts + 1] = r end
  for _, f in ipairs(gov.prose(plan)) do
    if f.field ~= "operations" and common.answer(f.text) then texts[#texts + 1] = f.text end
  end
  local support, review = false, false
  for _, t in ipairs(texts) do
    support = support or hogo.test(t, SUPPORT, "i")
    review = review or hogo.test(t, REVIEW)
  end
  return support and review
end

return {
  id        = "capacity-workload-per-staff",
  topic     = "operations.capacity",
  severity  = "low",
  title     = { ja = "取扱職員1人あたりの件数が多い",
                en = "Many cases per member of staff" },
  message   = { ja = "年間{annual}件を{staff}人で取り扱う計画で、1人あたり年間約{per}件（1日あたり約{daily}件）になります。",
                en = "{annual} cases a year are handled by {staff} staff: about {per} per person a year ({daily} a working day)." },
  follow_up = { ja = "処理体制（職員数・繁忙期の応援・委託の活用）と、確認作業を省略しないための手順を示してください。件数が見込みを超えた場合の見直しの基準も「{label:operations.review}」欄に記載してください。",
                en = "Show how the work is staffed (numbers, peak-time support, outsourcing) and how checks are kept up; state when the arrangement is reviewed if volume exceeds the estimate (operations.review)." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(5)「キャパを超えないのか」「業務負担が増えるようなら、運用方法を検討するべき」",

  -- needs: check() reports nothing without plan.data and plan.access
  -- needs words: data.annual stated (its key is in the text)
  needs = { stated = { "data", "access" }, words = { "annual" } },

  check = function(plan, ctx)
    local data = common.obj(plan.data)
    local a = common.obj(plan.access)
    if not data or not a then return end
    local annual = common.num(data.annual)
    local staff = common.num(a.staff)
    if not annual or not staff or staff <= 0 then return end
    local per = annual / staff
    if per <= PER_STAFF or load_answered(plan) then return end
    ctx.report(a, "staff", { vars = {
      annual = math.floor(annual), staff = math.floor(staff),
      per = math.floor(per + 0.5), daily = math.floor(per / 240 + 0.5) } })
  end,
}
