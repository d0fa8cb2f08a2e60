-- outsourcing-not-stated: the plan is about outsourcing (委託) -- put to the council as such, an
-- outsourcing contract, or prose saying work is outsourced -- but the outsourcing section is
-- missing or empty ([]), so nothing can be said about the contractor, the special terms or
-- re-subcontracting.  Who handles the data is a core fact: `incomplete` (記載不足).  low: a
-- question to answer before the session.  `"outsourcing": null` on such a plan contradicts it:
-- consistency-null-contradicted asks.

-- An outsourcing entry that says anything at all ([] and {} read as one entry saying nothing).
local KEYS = { "contractor", "scope", "special_specifications", "responsibility_structure",
               "subcontracting", "bidders", "audit", "results_to" }
local function said_something(o)
  for _, k in ipairs(KEYS) do
    if o[k] ~= nil then return true end
  end
  return false
end

return {
  id        = "outsourcing-not-stated",
  topic     = "outsourcing.responsibility",
  severity  = "low",
  title     = { ja = "委託の内容が記載されていない",
                en = "Outsourcing details not stated" },
  message   = { ja = "{why}が、委託先・委託内容・特記事項などの委託の内容が記載されていません（記載不足）。",
                en = "{why_en}, but the outsourcing (contractor, scope, special terms) is not described (incomplete)." },
  follow_up = { ja = "受託者、委託する業務の範囲、個人情報取扱特記事項の有無、責任体制、再委託の可否を「{label:outsourcing}」欄に記載してください。委託しない場合は「{label:outsourcing}」欄を「該当しない」（null）とし、「{label:consultation.kind}」欄と本文もそれに合わせてください。",
                en = "State the contractor, the scope, whether special terms are attached, the responsibility structure and whether re-subcontracting is allowed (outsourcing). If nothing is outsourced, set outsourcing to null and make consultation.kind and the text say so too." },
  precedent = "個人情報の保護に関する法律 第66条第2項（委託を受けた者の安全管理措置）; 志木市 令和2年度第3回 議題(1)〜(4)（委託の諮問。2023年4月の法施行前の審議）",

  -- needs words: it reports only when common.outsourcing_claimed answers: consultation.kind or
  -- contract.kind outsourcing, or a title, purpose or description matching its OUTSOURCED pattern,
  -- every alternative of which holds 委託
  needs = { words = { "outsourcing", "委託" } },

  check = function(plan, ctx)
    if hogo.is_null(plan.outsourcing) then return end           -- consistency-null-contradicted
    for _, o in ipairs(common.outsourcings(plan)) do
      if said_something(o) then return end
    end
    local why = common.outsourcing_claimed(plan)
    if not why then return end
    ctx.report(plan, "outsourcing", { incomplete = common.personal_data(plan),
      vars = { why = why.ja, why_en = why.en } })
  end,
}
