-- controller-results-holder: who holds and manages the results the contractor produces.  The
-- council on the HPV plan: 「業者が検査結果を送付するとのことだが、結果の管理は誰がするのか」
-- → 「市でデータを管理する」 (議題(3)).
--   results_to "contractor"                → low; medium for sensitive results
--   results_to "subject" (sent by the contractor straight to the person), with no transfer of the
--   results back to the body              → low (the council asked exactly this of the HPV plan)
--   results_to not stated, the work produces results (結果の送付・通知・報告), none flow to the body → low
-- Quiet when results_to is "city", a transfer brings the results (「…結果」) back to the body, or —
-- results_to not saying the contractor keeps them — the prose says the body holds them
-- (「市でデータを管理する」, the answer the council accepted; 「結果は受託者から毎月県に報告され、
-- 県が保管する」).  Every contractor is read.
local RESULTS_RE = [[結果|成績|判定]]
local RESULT_WORK_RE = [[結果(の)?(送付|通知|発送|返送|報告|連絡|管理|作成)|判定|成績]]
local BODY = [[(?:市|県|都|道|府|町|村|区|当課|担当課|本課|[^\s、。]{1,10}課|実施機関)]]
local HOLDS = [[(?:結果|データ|成績|判定)[^。]{0,30}?]] .. BODY .. [[(?:で|が|に|へ|において)[^。]{0,16}?(?:管理|保有|保管|報告|返却|提出|送付)|]]
  .. BODY .. [[(?:で|が|において)[^。]{0,10}?(?:データ|結果|原本)[^。]{0,8}?(?:管理|保有|保管)]]

local function results_reach_city(plan)
  for _, t in ipairs(common.list(plan.transfers)) do
    if hogo.test(common.text(t.what), RESULTS_RE) and common.is_city(t.to, plan) then return true end
  end
  return false
end

-- severity and situation for one contractor, or nil when the results are accounted for
local function judge(plan, o, body)
  local sensitive = common.has_sensitive(plan)
  local rt = o.results_to
  if rt == "contractor" then
    return sensitive and "medium" or "low",
           "業務の結果を受託者が保有する計画です。", "The contractor keeps the results of the work."
  end
  if rt ~= "subject" and rt ~= nil then return nil end
  if results_reach_city(plan) or gov.find_claim(plan, HOLDS) then return nil end
  if rt == "subject" then
    return "low",
           "受託者が結果を本人に直接送付する計画で、" .. body.ja .. "への結果の報告が記載されていません。",
           "The contractor sends the results straight to the person, and no report to " .. body.en .. " is described."
  end
  for _, s in ipairs(common.list(o.scope)) do
    if hogo.test(common.text(s), RESULT_WORK_RE) then
      return "low", "受託者が結果を扱う業務ですが、結果の送付先（「" .. hogo.label("outsourcing.results_to") .. "」欄）が記載されていません。",
             "The contractor handles results, but where they go (results_to) is not stated."
    end
  end
  return nil
end

return {
  id        = "controller-results-holder",
  topic     = "data.controller",
  severity  = "low",
  title     = { ja = "結果を誰が管理するかが不明確",
                en = "Unclear who holds the results" },
  message   = { ja = "{situation}結果の管理は誰がするのか（{body}が保有・管理するのか）が示されていません。",
                en = "{situation_en} Who holds and manages the results (does {body_en} keep them?) is not stated." },
  follow_up = { ja = "結果の原本を{body}が保有・管理すること（「{label:outsourcing.results_to}」欄）、受託者から{body}への報告の方法と頻度（「{label:transfers}」欄）、受託者の手元に残る結果の返却・消去を示してください。",
                en = "State that {body_en} holds and manages the results (results_to: city), how and how often the contractor reports them to {body_en} (transfers), and how copies left with the contractor are returned or erased." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(3)「業者が検査結果を送付するとのことだが、結果の管理は誰がするのか」「市でデータを管理する」",

  -- needs: check() reports nothing without plan.outsourcing, and then only on an entry with a
  -- results_to (contractor, subject) or, without one, a scope matching RESULT_WORK_RE (結果, 判定,
  -- 成績)
  needs = { stated = { "outsourcing" }, words = { "results_to", "結果", "判定", "成績" } },

  check = function(plan, ctx)
    local body = common.body(plan)
    for _, o in ipairs(common.outsourcings(plan)) do
      local sev, sit, sit_en = judge(plan, o, body)
      if sev then
        ctx.report(o, "results_to", { severity = sev,
          vars = common.with_body(plan, { situation = sit, situation_en = sit_en }) })
      end
    end
  end,
}
