-- provision-private-operator: data given to a private operator that is not the city's contractor
-- (a private 保育所, a 指定管理者, a 社会福祉法人, a clinic) with nothing on what binds it: use only for
-- the purpose, safekeeping, return or erasure.  柏市の会長 asked of a doctor receiving data: 「委託
-- 関係があるのか」 — without a contract, only an undertaking binds the recipient.  medium.  Quiet when
-- the plan names an instrument (誓約書, 覚書, 協定, 契約) or the recipient's duties (目的外利用の禁止).

local PRIVATE = [[私立(?:の)?(?:保育所|保育園|幼稚園)|保育所|保育園|認定こども園|幼稚園|指定管理者|社会福祉法人|NPO|特定非営利活動法人|民間(?:事業者|団体|企業)|医療機関|病院|診療所|事業所|自治会|町内会|民生委員]]
local BOUND = [[誓約書|覚書|協定|契約|目的外(?:の)?(?:利用|使用)(?:を|の)?禁止|(?:返却|消去|廃棄)(?:させる|を求める|を義務)|取扱(?:い)?(?:に関する)?(?:約定|特記事項|要領)|守秘義務|秘密保持]]

local function recipient(plan)
  for _, t in ipairs(common.list(plan.transfers)) do
    if type(t.to) == "string" and hogo.test(common.text(t.to), PRIVATE) and not common.is_contractor(t.to, plan) then
      return t, "to"
    end
  end
  local f = tech.says(plan, "(?:" .. PRIVATE .. [[)[^。]{0,12}(?:に|へ)[^。]{0,20}提供|提供先[^。]{0,6}(?:は|：|:)?[^。]{0,10}(?:]] .. PRIVATE .. ")")
  if f then return f.node, f.key end
  return nil
end

return {
  id        = "provision-private-operator",
  topic     = "data.controller",
  severity  = "medium",
  title     = { ja = "民間事業者（保育所・指定管理者など）への提供",
                en = "Data given to a private operator (a nursery, a designated manager…)" },
  message   = { ja = "個人情報を{who}に提供する計画ですが、提供先に目的外利用の禁止、安全管理、返却・消去を約束させる方法（誓約書・覚書・協定など）が記載されていません。",
                en = "Personal data is given to {who}, but the plan does not say how the recipient is bound to use it only for the purpose, keep it safe and return or erase it (an undertaking, memorandum or agreement)." },
  follow_up = { ja = "提供先との間で誓約書・覚書・協定を取り交わし、目的外利用と第三者提供の禁止、安全管理、用済み後の返却・消去を約束させることを記載してください。",
                en = "State that an undertaking, memorandum or agreement binds the recipient: no other use, no onward provision, safekeeping, and return or erasure when done." },
  precedent = "柏市行政不服及び情報公開・個人情報保護審議会 平成31年4月26日 議題2「実施機関以外の者への保有個人情報の提供について（諮問）」: 神谷会長「サポート医は北柏リハビリ総合病院に所属している医師なのか。また、サポート医とは委託関係があるのか。」",

  -- needs: check() returns unless tech.provision(plan): consultation.kind holds one of these
  needs = { stated = { "consultation" }, words = { "external_provision", "purpose_external_use" } },

  check = function(plan, ctx)
    if not tech.provision(plan) then return end
    local node, key = recipient(plan)
    if not node then return end
    if tech.mentions(plan, BOUND) then return end
    local who = key == "to" and node.to or "民間の事業者"
    ctx.report(node, key, { vars = { who = who } })
  end,
}
