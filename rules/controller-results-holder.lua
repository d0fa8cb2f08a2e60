-- controller-results-holder: who holds and manages the results the contractor produces.  The
-- council on the HPV plan: 「業者が検査結果を送付するとのことだが、結果の管理は誰がするのか」
-- → 「市でデータを管理する」 (議題(3)).
--   results_to "contractor"                → low; medium for sensitive results
--   results_to "subject" (sent by the contractor straight to the person), with no transfer of the
--   results back to the city              → info; low for sensitive results
--   results_to not stated, the work produces results (結果の送付・通知・報告), none flow to the city → info
-- Quiet when results_to is "city" or a transfer brings the results (「…結果」) back to the city.
local RESULTS_RE = [[結果|成績|判定]]
local RESULT_WORK_RE = [[結果(の)?(送付|通知|発送|返送|報告|連絡|管理|作成)|判定|成績]]

local function results_reach_city(plan)
  for _, t in ipairs(common.list(plan.transfers)) do
    if hogo.test(common.text(t.what), RESULTS_RE) and common.is_city(t.to, plan) then return true end
  end
  return false
end

return {
  id        = "controller-results-holder",
  topic     = "data.controller",
  severity  = "low",
  title     = { ja = "結果を誰が管理するかが不明確",
                en = "Unclear who holds the results" },
  message   = { ja = "{situation}結果の管理は誰がするのか（市が保有・管理するのか）が示されていません。",
                en = "{situation_en} Who holds and manages the results (does the city keep them?) is not stated." },
  follow_up = { ja = "結果の原本を市が保有・管理すること、受託者から市への報告の方法と頻度、受託者の手元に残る結果の返却・消去を示してください。",
                en = "State that the city holds and manages the results, how and how often the contractor reports them to the city, and how copies left with the contractor are returned or erased." },
  precedent = "志木市 令和2年度第3回 議題(3)「業者が検査結果を送付するとのことだが、結果の管理は誰がするのか」「市でデータを管理する」",

  check = function(plan, ctx)
    local o = common.outsourced(plan)
    if not o then return end
    local sensitive = common.has_sensitive(plan)
    local rt = o.results_to
    local sev, sit, sit_en
    if rt == "contractor" then
      sev = sensitive and "medium" or "low"
      sit, sit_en = "業務の結果を受託者が保有する計画です。", "The contractor keeps the results of the work."
    elseif rt == "subject" then
      if results_reach_city(plan) then return end
      sev = sensitive and "low" or "info"
      sit, sit_en = "受託者が結果を本人に直接送付する計画で、市への結果の報告が記載されていません。",
                    "The contractor sends the results straight to the person, and no report to the city is described."
    elseif rt == nil then
      local work = false
      for _, s in ipairs(common.list(o.scope)) do
        if hogo.test(common.text(s), RESULT_WORK_RE) then work = true end
      end
      if not work or results_reach_city(plan) then return end
      sev = "info"
      sit, sit_en = "受託者が結果を扱う業務ですが、結果の送付先（results_to）が記載されていません。",
                    "The contractor handles results, but where they go (results_to) is not stated."
    else
      return
    end
    ctx.report(o, "results_to", { severity = sev, vars = { situation = sit, situation_en = sit_en } })
  end,
}
