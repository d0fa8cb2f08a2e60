-- operations-incident-response: the plan states there is no procedure for a leak or loss
-- (事故時の対応), or — for 要配慮 data or data reachable from the internet — does not say whether
-- there is one.  Under 個人情報保護法 第68条 a leak of 要配慮 data must be reported to the 個人情報
-- 保護委員会 and the people concerned told; someone must know how.
--   false: low; medium for 要配慮 data or internet exposure
--   not stated (the field, or the whole operations section) with 要配慮 data or internet exposure:
--   low question — a plan must not do better by leaving the section out than by saying false
-- The field comes first.  When it is absent, a procedure described in the prose or in a
-- contractor's responsibility_structure (「事故時は受託者が直ちに担当課に報告する」) answers.

local PROCEDURE = [[(?:漏えい|漏洩|紛失|盗難|流出|事故|インシデント)(?:等)?(?:が)?(?:発生|起き|生じ)?[^。]{0,30}(?:報告|連絡|通知|通報)|(?:事故|インシデント)(?:時|発生時)(?:の)?(?:対応|報告|連絡)|(?:事故|インシデント)対応(?:手順|マニュアル|要領|計画)]]

local function described(plan)
  if gov.find_claim(plan, PROCEDURE) then return true end
  for _, o in ipairs(common.outsourcings(plan)) do
    local t = common.answer(o.responsibility_structure)
    if t and gov.claim(t, PROCEDURE) == "claimed" then return true end
  end
  return false
end


return {
  id        = "operations-incident-response",
  topic     = "operations.rules",
  severity  = "low",
  title     = { ja = "漏えい等の事故時の対応が定まっていない",
                en = "No incident response procedure" },
  message   = { ja = "漏えい・紛失などの事故が起きた場合の対応手順が{state}。",
                en = "The procedure for a leak or loss {state_en}." },
  follow_up = { ja = "事故発生時の報告経路（受託者→担当課→個人情報保護担当）、本人への通知、個人情報保護委員会への報告（法第68条）を含む対応手順（「{label:operations.incident_response}」欄）を示してください。",
                en = "Show the incident procedure: the reporting line (contractor → department → privacy office), notice to the people concerned and the report to the Personal Information Protection Commission (Art. 68) (operations.incident_response)." },
  precedent = "個人情報保護法 第68条（漏えい等の報告等）; 志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(6)「情報漏洩を避けるためには、常に情報に関するアンテナを高くすることが求められる」",

  check = function(plan, ctx)
    local op = common.obj(plan.operations)
    local lv = gov.level(plan)
    local exposed = gov.exposure(plan)
    local ir = op and op.incident_response
    if ir == false then
      ctx.report(op, "incident_response", { severity = (lv >= 2 or exposed) and "medium" or "low",
        vars = { state = "ありません", state_en = "does not exist" } })
    elseif ir ~= true and (lv >= 2 or exposed) and common.personal_data(plan) and not described(plan) then
      ctx.report(op or plan, op and "incident_response" or "operations", { severity = "low",
        vars = { state = "記載されていません", state_en = "is not stated" } })
    end
  end,
}
