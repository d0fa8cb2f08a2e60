-- outsourcing-special-specifications: the contract for outsourced personal data must carry the
-- 個人情報取扱特記事項 (special terms: purpose limit, no copying, re-subcontracting, return and
-- disposal, audits, incident reporting).  The council asked what they are (議題(1)).
--   false  → high (nothing binds the contractor)
--   absent → a question: low, medium for 要配慮・児童の情報
--   null   → stated "not applicable" while data is outsourced: treated like false but medium
-- Every contractor is read.  When the field is absent, a plan that says in its prose that the
-- terms are attached (「個人情報取扱特記事項を契約に付す」 in description, contract.includes or
-- responsibility_structure) has answered; the field, when stated, wins over the prose.

local TERMS = [[個人情報(?:の)?取扱(?:い)?特記事項|特記事項|特記仕様書|個人情報(?:の)?(?:取扱い|取り扱い|保護)に関する(?:特記|仕様|条項)]]

-- the prose says the terms are attached (not denied, not only hypothetical)
local function prose_attaches(plan, o)
  if gov.claim(common.answer(o.responsibility_structure) or "", TERMS) == "claimed" then return true end
  return gov.find_claim(plan, TERMS) ~= nil
end

return {
  id        = "outsourcing-special-specifications",
  topic     = "outsourcing.responsibility",
  severity  = "high",
  title     = { ja = "個人情報取扱特記事項が契約に付されていない",
                en = "No special terms for personal data in the outsourcing contract" },
  message   = { ja = "{contractor}への委託契約に個人情報取扱特記事項を{state}。",
                en = "The outsourcing contract with {contractor_en} {state_en} special terms for handling personal data." },
  follow_up = { ja = "目的外利用・複製の禁止、再委託の制限、返還・廃棄と証明、立入検査、事故時の報告を定めた特記事項（特記仕様書）を契約に付し、業務内容に応じて変更した点があれば示してください。",
                en = "Attach special terms to the contract (no use beyond the purpose, no copying, limits on re-subcontracting, return/disposal with certificate, inspections, incident reporting) and show any changes made for this work." },
  precedent = "志木市 令和2年度第3回 議題(1)（2021年2月17日、2023年4月の法施行前の審議）「個人情報の取扱いに関する特記仕様書とはどのようなものか」「参考として行政管理課で定めているもの。実際の業務内容に応じて一部変更を加えている」; 個人情報保護法 第66条第2項",

  -- needs: check() reads only common.outsourcings(plan): plan.outsourcing
  needs = { stated = { "outsourcing" } },

  check = function(plan, ctx)
    for _, o in ipairs(common.outsourcings(plan)) do
      local ss = o.special_specifications
      local sev, state, state_en
      if ss == false then
        sev, state, state_en = "high", "付さない計画です", "does not carry"
      elseif hogo.is_null(ss) then
        sev, state, state_en = "medium", "「該当なし」としています", "is stated as not needing"
      elseif ss == nil and not prose_attaches(plan, o) then
        local lv = gov.level(plan)
        sev, state, state_en = (lv >= 1 and "medium" or "low"), "付すかどうかが記載されていません", "does not say whether it carries"
      end
      if sev then
        ctx.report(o, "special_specifications", { severity = sev, vars = {
          contractor = common.answer(o.contractor) or "受託者",   -- (a placeholder name is no name)
          contractor_en = common.answer(o.contractor) or "the contractor",
          state = state, state_en = state_en } })
      end
    end
  end,
}
