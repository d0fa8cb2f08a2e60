-- operations-rules-not-stated: the city's own staff run a system, devices, a platform or handle
-- 要配慮 data, and the plan does not say under which operating rules.  A question: low for
-- systems, devices and platforms the city runs; info when only the data is sensitive.
-- operations: null (stated: not applicable) stays quiet.

return {
  id        = "operations-rules-not-stated",
  topic     = "operations.rules",
  severity  = "low",
  title     = { ja = "運用ルール（要綱）の有無が記載されていない",
                en = "Operating rules not stated" },
  message   = { ja = "{why}が、職員がどのような要綱・運用規程のもとで運用するのかが記載されていません。",
                en = "{why_en}, but the plan does not say under which operating rules staff run it." },
  follow_up = { ja = "運用の根拠となる要綱・運用規程（制定済みか作成中か）と、取り扱う職員・手順・点検の方法を記載してください（operations.rules）。",
                en = "State the operating rules (in force or in draft) and who handles the data, how, and how it is checked (operations.rules)." },
  precedent = "志木市 令和2年度第3回 議題(2)「市の職員が運用する部分についてもセキュリティ管理が求められる」",

  check = function(plan, ctx)
    if hogo.is_null(plan.operations) then return end
    local op = common.obj(plan.operations)
    if op and op.rules ~= nil then return end
    local why, why_en
    local sev = "low"
    local kind = gov.kind(plan)
    if kind == "system" or kind == "online_link" then
      why, why_en = "市がシステムを運用します", "The city runs the system"
    elseif common.obj(plan.devices) then
      why, why_en = "端末を配布して運用します", "The city hands out and runs devices"
    elseif #common.list(plan.platforms) > 0 then
      why, why_en = "外部プラットフォームで住民からの申請等を受け付けます", "The city takes applications through a third-party platform"
    else
      local lv = gov.level(plan)
      if lv < 2 then return end
      -- only the data is sensitive (e.g. an outsourced service): a lighter question
      why, why_en, sev = "要配慮個人情報を扱います", "Sensitive personal data is handled", "info"
    end
    if op then
      ctx.report(op, "rules", { severity = sev, vars = { why = why, why_en = why_en } })
    else
      ctx.report(plan, "operations", { severity = sev, vars = { why = why, why_en = why_en } })
    end
  end,
}
