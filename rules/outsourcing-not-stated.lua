-- outsourcing-not-stated: the plan is put to the council as outsourcing (委託) — or its contract
-- is an outsourcing contract — but the outsourcing section is missing, so nothing can be said
-- about the contractor, the special terms or re-subcontracting.  `"outsourcing": null` (stated:
-- nothing is outsourced) is an answer and stays quiet.

return {
  id        = "outsourcing-not-stated",
  topic     = "outsourcing.responsibility",
  severity  = "low",
  title     = { ja = "委託の内容が記載されていない",
                en = "Outsourcing details not stated" },
  message   = { ja = "{why}ですが、委託先・委託内容・特記事項などの委託の内容が記載されていません。",
                en = "{why_en}, but the outsourcing (contractor, scope, special terms) is not described." },
  follow_up = { ja = "受託者、委託する業務の範囲、個人情報取扱特記事項の有無、責任体制、再委託の可否を記載してください。委託しない場合は outsourcing を null としてください。",
                en = "State the contractor, the scope, whether special terms are attached, the responsibility structure and whether re-subcontracting is allowed; if nothing is outsourced, set outsourcing to null." },
  precedent = "志木市 令和2年度第3回 議題(1)〜(4)（個人情報保護条例第16条の規定による諮問：委託）; 個人情報保護法 第66条第2項",

  check = function(plan, ctx)
    if plan.outsourcing ~= nil then return end   -- stated (an object or null)
    local contract = common.obj(plan.contract)
    if gov.kind(plan) == "outsourcing" then
      ctx.report(plan, "outsourcing", { vars = { why = "委託として諮問されています", why_en = "The plan is put to the council as outsourcing" } })
    elseif contract and contract.kind == "outsourcing" then
      ctx.report(plan, "outsourcing", { vars = { why = "契約の種別が委託です", why_en = "The contract is an outsourcing contract" } })
    end
  end,
}
