-- subcontracting-approval-terms: re-subcontracting is allowed with the body's approval.  That is
-- the usual arrangement; for 要配慮・児童・被害者の情報 the council still wants to know what the
-- approval checks and that the special terms bind the subcontractor (a question: low).
-- docs/plan-guide.md 3.7 tells the writer to put those terms in outsourcing.responsibility_structure
-- or description: both are read (and the rest of the prose: scope, contract.includes), and the rule
-- is quiet once they say what is checked and that the subcontractor is bound.  A deferral
-- (「別途協議」) is no answer (common.answer).
-- Papers or data holding 個人番号 (common.my_number) are asked whatever else the plan holds: 番号法
-- 第10条 allows re-entrustment of that work only with the entrusting body's permission (許諾); the
-- plan must say the body permits each re-entrustment in writing and supervises the subcontractor.

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


-- 個人番号関係事務・個人番号利用事務: the body's permission (許諾) for each re-entrustment, and the
-- subcontractor bound as the contractor is (番号法 第10条・第11条)
local MN_PERMISSION = [[(?:番号法|番号利用法)(?:第)?10条|(?:再委託|再々委託)[^。]{0,30}?許諾|許諾[^。]{0,20}?(?:再委託|再々委託)]]
local MN_MESSAGE = { ja = "個人番号を含む書類・データの取扱いについて、{body}の承認を条件に再委託を認める計画ですが、番号法に基づく{body}の許諾と、再委託先の監督が記載されていません。",
                     en = "Re-subcontracting of work on papers or data holding Individual Numbers is allowed with {body_en}'s approval, but the plan does not state {body_en}'s permission under the My Number Act or how the subcontractor is supervised." }
local MN_FOLLOW_UP = { ja = "個人番号を扱う事務の再委託は、番号法第10条により委託元である{body}の許諾を得た場合に限られます。再委託（再々委託を含む）の都度、書面で許諾すること、許諾の際に再委託先の名称・業務範囲・安全管理措置を確認すること、再委託先にも同等の安全管理措置と監督（同法第11条）を及ぼすことを示してください（「{label:outsourcing.responsibility_structure}」欄か「{label:description}」欄）。",
                       en = "Under the My Number Act (Article 10), work on Individual Numbers may be re-entrusted only with the permission of the body that entrusted it ({body_en}). State that each re-entrustment (and any further one) is permitted in writing, what is checked before permitting it (the subcontractor's name, scope and safeguards), and that the subcontractor is held to the same safeguards and supervision (Article 11) (outsourcing.responsibility_structure or description)." }
local MN_PRECEDENT = "行政手続における特定の個人を識別するための番号の利用等に関する法律（番号法）第10条（再委託: 委託をした者の許諾を得た場合に限る）・第11条（委託先の監督）; 個人情報保護委員会「特定個人情報の適正な取扱いに関するガイドライン（行政機関等編）」（委託の取扱い）（国の法令・指針。審議会の議事録は見当たらず）"

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

  -- needs: check() reports only a contractor whose subcontracting is with_approval
  needs = { stated = { "outsourcing" }, words = { "with_approval" } },

  check = function(plan, ctx)
    local lv, st
    for _, o in ipairs(common.outsourcings(plan)) do
      if o.subcontracting == "with_approval" then
        if not lv then lv, st = gov.level(plan) end
        -- papers or data holding 個人番号: 番号法 第10条 makes re-entrustment conditional on the
        -- permission of the body that entrusted the work, whatever else the plan holds
        local mn = common.my_number(plan)
        if mn and not hogo.test(situation.words(o.responsibility_structure) .. " " .. table.concat(common.plan_texts(plan), " "), MN_PERMISSION) then
          ctx.report(o, "subcontracting", { vars = common.with_body(plan, { data = "個人番号を含む情報", data_en = "data holding Individual Numbers" }),
            message = MN_MESSAGE, follow_up = MN_FOLLOW_UP, precedent = MN_PRECEDENT })
        elseif lv >= 2 and not terms_stated(plan, o) then
          ctx.report(o, "subcontracting", { vars = common.with_body(plan, { data = st.label_ja, data_en = st.label_en }) })
        end
      end
    end
  end,
}
