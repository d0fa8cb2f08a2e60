-- operations-rules-not-in-force: the operating rules (要綱・運用規程) that tell staff how to run
-- the process are still being drafted, or there are none.  The council: 「市の職員が運用する部分
-- についてもセキュリティ管理が求められる。庁内の運用体制を次回審議会時に報告してほしい」,
-- answered 「要綱を作成していく」(議題(2)).
--   drafting: medium;  none: medium, high for 要配慮・被害者の情報
-- Drafting rules are quiet once the plan does what the council asked and docs/plan-guide.md 4
-- says: the report to the next session is recorded as a council condition (council.conditions,
-- not done, about the rules or the operating arrangements), or the prose gives when the rules
-- take effect and that the arrangements will be reported to the council.

local ABOUT = [[要綱|規程|規定|要領|マニュアル|運用|体制]]
local IN_FORCE_WHEN = [[(?:要綱|規程|要領|マニュアル)[^。]{0,30}(?:施行|制定|策定|定め)[^。]{0,20}|(?:\d+年|\d+月|年度|までに|時期)[^。]{0,20}(?:要綱|規程|要領)[^。]{0,20}(?:施行|制定|策定)]]
local REPORT = [[(?:次回|次の)[^。]{0,12}(?:審議会)?[^。]{0,8}報告|審議会(?:に|へ)[^。]{0,10}報告]]

local function report_condition(plan)
  for _, c in ipairs(common.list(common.get(plan, "council", "conditions"))) do
    local t = common.answer(c.text)
    if t and c.status ~= "done" and hogo.test(t, ABOUT) and (c.due == "next_session" or type(c.due) == "string") then
      return true
    end
  end
  return false
end

local function drafting_answered(plan)
  if report_condition(plan) then return true end
  return gov.find_claim(plan, IN_FORCE_WHEN) ~= nil and gov.find_claim(plan, REPORT) ~= nil
end

return {
  id        = "operations-rules-not-in-force",
  topic     = "operations.rules",
  severity  = "medium",
  title     = { ja = "運用ルール（要綱）が定まっていない",
                en = "Operating rules not yet in force" },
  message   = { ja = "職員が{data}を日々扱うための要綱・運用規程が{state}。",
                en = "The rules under which staff handle {data_en} day to day {state_en}." },
  follow_up = { ja = "要綱・運用規程の案（取り扱う職員、閲覧・入力・持出しの手順、点検）と制定の時期を示し、制定後の庁内の運用体制を次回の審議会に報告してください（「{label:council.conditions}」欄に、期限を「次回の審議会」として記載）。",
                en = "Show the draft rules (who handles the data, how it is viewed, entered and taken out, how compliance is checked) and when they take effect, and report the operating arrangements to the next council session (a council.conditions entry due next_session)." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(2)「市の職員が運用する部分についてもセキュリティ管理が求められる。庁内の運用体制を次回審議会時に報告してほしい」「児童福祉法等に基づいて要綱を作成していく」",

  -- needs: check() returns at once without plan.operations
  -- needs words: operations.rules drafting or none
  needs = { stated = { "operations" }, words = { "drafting", "none" } },

  check = function(plan, ctx)
    local op = common.obj(plan.operations)
    if not op then return end
    local lv, st = gov.level(plan)
    local vars = { data = st.label_ja, data_en = st.label_en }
    if op.rules == "drafting" and not drafting_answered(plan) then
      vars.state, vars.state_en = "作成中で、まだ定まっていません", "are still being drafted"
      ctx.report(op, "rules", { severity = "medium", vars = vars })
    elseif op.rules == "none" then
      vars.state, vars.state_en = "ありません", "do not exist"
      ctx.report(op, "rules", { severity = lv >= 2 and "high" or "medium", vars = vars })
    end
  end,
}
