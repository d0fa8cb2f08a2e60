-- subcontracting-approval-terms: re-subcontracting is allowed with the body's approval.  That is
-- the usual arrangement; for 要配慮・児童・被害者の情報 the council still wants to know what the
-- approval checks and that the special terms bind the subcontractor (a question: low).
-- docs/plan-guide.md 3.7 tells the writer to put those terms in outsourcing.responsibility_structure
-- or description: both are read (and the rest of the prose: scope, contract.includes), and the rule
-- is quiet once they say what is checked and that the subcontractor is bound.  A deferral
-- (「別途協議」) is no answer (common.answer).

-- what the approval checks: the subcontractor's name, the work, its safeguards
local CHECKS = [[名称|商号|事業者名|業務(?:の)?(?:範囲|内容)|委託(?:する)?(?:内容|範囲)|作業内容|安全管理|管理体制|セキュリティ|取扱(?:い)?(?:の)?(?:方法|状況)|審査|書面]]
-- that the subcontractor is bound as the contractor is
local BINDS = [[特記(?:事項|仕様)|同等|同様|同一|同じ|準用|適用|遵守|守らせ|義務を負わせ|義務を課|責任を負]]

-- true when one text speaks of re-subcontracting and says both
local function states_terms(t)
  return hogo.test(t, [[再委託|再々委託|下請]]) and hogo.test(t, CHECKS) and hogo.test(t, BINDS)
end

local function terms_stated(plan, o)
  local t = common.answer(o.responsibility_structure)
  if t and states_terms(t) then return true end
  for _, f in ipairs(gov.prose(plan)) do
    if common.answer(f.text) and states_terms(f.text) then return true end
  end
  return false
end


return {
  id        = "subcontracting-approval-terms",
  topic     = "outsourcing.subcontracting",
  severity  = "low",
  title     = { ja = "承認による再委託の条件",
                en = "Conditions for approved re-subcontracting" },
  message   = { ja = "{data}の取扱いについて、{body}の承認を条件に再委託を認める計画ですが、承認の際に確認することと、再委託先にも特記事項を守らせることが記載されていません。",
                en = "Re-subcontracting of work on {data_en} is allowed with {body_en}'s approval, but the plan does not say what the approval checks or that the subcontractor is bound by the special terms." },
  follow_up = { ja = "承認の際に確認する事項（再委託先の名称・業務範囲・安全管理措置）と、特記事項を再委託先にも適用することを示してください（「{label:outsourcing.responsibility_structure}」欄か「{label:description}」欄）。",
                en = "State what the approval checks (the subcontractor's name, scope and safeguards) and that the special terms bind the subcontractor too (outsourcing.responsibility_structure or description)." },
  precedent = "個人情報保護法 第66条第2項; 個人情報保護委員会「個人情報の保護に関する法律についての事務対応ガイド（行政機関等向け）」（再委託）",

  check = function(plan, ctx)
    local lv, st
    for _, o in ipairs(common.outsourcings(plan)) do
      if o.subcontracting == "with_approval" then
        if not lv then lv, st = gov.level(plan) end
        if lv < 2 then return end
        if not terms_stated(plan, o) then
          ctx.report(o, "subcontracting", { vars = common.with_body(plan, { data = st.label_ja, data_en = st.label_en }) })
        end
      end
    end
  end,
}
