-- sensitive-victims-children: records about victims (犯罪により害を被った事実: abuse, DV, crime
-- victims; 個人情報保護法 第2条第3項) or children and families in need (貧困, いじめ, 要保護児童).
-- The council on the child consultation system: 「虐待や貧困、いじめなど、さまざまな相談がある」
-- 「特に被害者からの相談の場合には、配慮していただきたい」 (議題(2)).  high for victims or
-- children; medium for adults in need; one step down (not below low) when access restriction and
-- logging are stated; quiet once the plan states everything the follow-up asks: access restricted
-- and logged, what goes to partner agencies and on what basis (or that nothing is shared), and how
-- enquiries from the other party are handled (住所等の秘匿, 支援措置).  A recipient named in the
-- prose (捜査機関, 警察) is not a data category.
-- Where no victim is concerned -- いじめ or 不調 in a daily mood check, 不登校, 貧困 -- there is no
-- other party whose enquiries to refuse: the finding asks instead who sees the answers, that other
-- pupils cannot, and how signs reach those who act (いじめ防止対策推進法 第22条・第23条), and is
-- quiet once access is restricted and logged and that path is stated.
local CLASSES = { victim = true, in_need = true }

-- enquiries from the other party: the address kept secret
local SECRECY = [[秘匿|支援措置|閲覧制限|交付制限|加害者[^。]{0,16}(?:照会|請求|問い合わせ|問合せ|開示)|住所[^。]{0,12}(?:伏せ|非開示|開示しない|知らせない|教えない)]]
-- what partner agencies get rests on a stated basis
local SHARE_BASIS = [[(?:共有|提供)[^。]{0,30}(?:[^\s、。「」]{1,14}法(?:第|に基づ|による)|要綱|協定|協議会|同意)|(?:[^\s、。「」]{1,14}法(?:第[0-9一二三四五六七八九十]+条)?|要綱|協定|同意)[^。]{0,20}(?:に基づ|により|による)[^。]{0,20}(?:共有|提供)]]

local function prose_says(plan, re)
  for _, f in ipairs(gov.prose(plan)) do
    if gov.claim(f.text, re) == "claimed" then return true end
  end
  return false
end

-- signs of bullying or distress passed to those who act on them: who is told, and how
local ESCALATE = [[(?:対応|連絡|共有|報告|引き継ぎ|引継ぎ)(?:の)?(?:手順|流れ|体制|ルール)|(?:担任|養護教諭|スクールカウンセラー|SC|管理職|学年主任|教頭|校長|相談員)[^。]{0,24}(?:確認|対応|連絡|報告|面談|声をかけ|声かけ|声掛け)|いじめ(?:防止)?対策(?:組織|委員会)|いじめ防止基本方針|学校いじめ対策組織]]

-- victims: the address kept from the other party is part of the answer; children and families
-- in need (いじめ in a mood check, 不登校, 貧困): how signs reach those who act is, and there is
-- no address to hide
local function all_answered(plan, victim)
  if not common.access_safeguarded(plan) then return false end
  if victim and not prose_says(plan, SECRECY) then return false end
  if not victim and not prose_says(plan, ESCALATE) then return false end
  local shared = common.list(common.get(plan, "access", "shared_with"))
  local inside = #shared > 0
  for _, w in ipairs(shared) do inside = inside and type(w) == "string" and common.is_role(w) end
  return #shared == 0 or inside or prose_says(plan, SHARE_BASIS)
end

-- what is asked when no victim is concerned (いじめ, 不登校, 貧困, 要支援児童)
local IN_NEED = {
  message = { ja = "{what}を取り扱う計画です（{kinds}）。情報が漏れたり、他の児童生徒や関係のない人に知られたりすると、本人の安全や生活に重大な影響があります。",
              en = "The plan handles {what_en} ({kinds_en}). A leak, or its becoming known to other pupils or people with no part in it, can harm the person." },
  follow_up = { ja = "回答や記録を見られる職員の限定とアクセス記録（「{label:access.restriction}」・「{label:access.logging}」欄）、他の児童生徒から見えないこと、いじめ・不調などの兆しがあったときに誰に伝わり誰がどう対応するか（学校いじめ対策組織への報告など）、本人・保護者への説明と回答が任意か、関係機関へ提供する場合の範囲と根拠を示してください。",
                en = "State which staff may see the answers and records and that access is logged (access.restriction, access.logging), that other pupils cannot see them, who is told and who acts when signs of bullying or distress appear (e.g. the school's anti-bullying organisation), what pupils and parents are told and whether answering is optional, and what goes to partner agencies and on what basis." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(2)「虐待や貧困、いじめなど、さまざまな相談があると思うが」; いじめ防止対策推進法 第22条（学校におけるいじめの防止等の対策のための組織）・第23条（いじめに対する措置：通報を受けたときの事実確認と報告。国の法令）",
}

return {
  id        = "sensitive-victims-children",
  topic     = "data.sensitive",
  severity  = "high",
  title     = { ja = "被害者・支援を要する児童等の情報を取り扱う",
                en = "Records about victims or children in need" },
  message   = { ja = "{what}を取り扱う計画です（{kinds}）。情報が漏れたり加害者側に知られたりすると、本人の安全や生活に重大な影響があります。",
                en = "The plan handles {what_en} ({kinds_en}). A leak, or disclosure to the other party, can endanger the person." },
  follow_up = { ja = "被害者や相談者に配慮した聴取・記録の方法、閲覧できる職員の限定とアクセス記録（「{label:access.restriction}」欄・「{label:access.logging}」欄）、関係機関へ提供する範囲と根拠（「{label:access.shared_with}」欄と法令・要綱）、加害者等からの照会への対応（住所等の秘匿）を示してください。",
                en = "State how interviews and records take the victim or client into account, which staff may see the records and that access is logged (access.restriction, access.logging), what goes to partner agencies and on what basis (access.shared_with and the law or rules), and how enquiries from the other party are handled (address kept secret)." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(2)「虐待や貧困、いじめなど、さまざまな相談があると思うが」「特に被害者からの相談の場合には、配慮していただきたい」; 個人情報保護法 第2条第3項（犯罪により害を被った事実）",

  -- needs: check() reports only a hit of class victim or in_need (common.sensitive_items): a
  -- subject of kind victim, or a match of those two classes' patterns (common.SENSITIVE_TERMS),
  -- each alternative of which holds one of these (犯罪被害, 被害者, 被害届, 性被害: 被害;
  -- 配偶者からの暴力, 性暴力: 暴力; 要保護児童: 要保護)
  needs = { words = { "victim", "被害", "虐待", "ネグレクト", "dv", "ドメスティック", "暴力", "性犯罪", "ストーカー", "つきまとい",
                      "要保護", "要支援児童", "特定妊婦", "一時保護", "貧困", "生活困窮", "生活保護", "いじめ", "不登校",
                      "ヤングケアラー", "児童相談", "家庭環境", "里親", "児童養護" } },

  check = function(plan, ctx)
    local hits, victim = {}, false
    for _, h in ipairs(common.sensitive_items(plan)) do
      if CLASSES[h.class] then
        hits[#hits + 1] = h
        if h.class == "victim" then victim = true end
      end
    end
    if #hits == 0 or all_answered(plan, victim) then return end
    local at = common.first_place(hits)
    local children = common.involves_children(plan)
    local sev = (victim or children) and "high" or "medium"
    if common.access_safeguarded(plan) then sev = common.sev_max("low", common.sev_shift(sev, -1)) end
    local what, what_en
    if victim and children then what, what_en = "被害を受けた方や児童に関する情報", "records about victims and children"
    elseif victim then what, what_en = "被害者に関する情報", "records about victims"
    elseif children then what, what_en = "支援を要する児童に関する情報", "records about children in need"
    else what, what_en = "支援を要する方に関する情報", "records about people in need" end
    ctx.report(at.node, at.key, { severity = sev,
      message = not victim and IN_NEED.message or nil, follow_up = not victim and IN_NEED.follow_up or nil,
      precedent = not victim and IN_NEED.precedent or nil, vars = {
      what = what, what_en = what_en,
      kinds = common.uniq_join(hits, "ja"), kinds_en = common.uniq_join(hits, "en", "; ") } })
  end,
}
