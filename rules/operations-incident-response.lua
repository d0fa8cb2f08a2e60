-- operations-incident-response: the plan states there is no procedure for a leak or loss
-- (事故時の対応).  Under 個人情報保護法 第68条 a leak of 要配慮 data must be reported to the 個人情報保護
-- 委員会 and the people concerned told; someone must know how.
--   false: low; medium for 要配慮 data or internet exposure

return {
  id        = "operations-incident-response",
  topic     = "operations.rules",
  severity  = "low",
  title     = { ja = "漏えい等の事故時の対応が定まっていない",
                en = "No incident response procedure" },
  message   = { ja = "漏えい・紛失などの事故が起きた場合の対応手順が{state}。",
                en = "The procedure for a leak or loss {state_en}." },
  follow_up = { ja = "事故発生時の報告経路（受託者→担当課→個人情報保護担当）、本人への通知、個人情報保護委員会への報告（法第68条）を含む対応手順を示してください。",
                en = "Show the incident procedure: the reporting line (contractor → department → privacy office), notice to the people concerned and the report to the Personal Information Protection Commission (Art. 68)." },
  precedent = "個人情報保護法 第68条（漏えい等の報告等）; 志木市 令和2年度第3回 議題(6)「情報漏洩を避けるためには、常に情報に関するアンテナを高くすることが求められる」",

  check = function(plan, ctx)
    local op = common.obj(plan.operations)
    if not op then return end
    local lv = gov.level(plan)
    local exposed = gov.exposure(plan)
    if op.incident_response == false then
      ctx.report(op, "incident_response", { severity = (lv >= 2 or exposed) and "medium" or "low",
        vars = { state = "ありません", state_en = "does not exist" } })
    end
    -- Not stated: no question here, so that adding an operations section to answer another
    -- rule (review, rules) never creates a new finding.
  end,
}
