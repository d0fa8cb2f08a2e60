-- sensitive-special-care: the plan handles 要配慮個人情報 (個人情報保護法 第2条第3項: 人種, 信条,
-- 社会的身分, 病歴, 犯罪の経歴; 同施行令 第2条: 障害, 健康診断等の結果, 医師等による指導・診療・調剤,
-- 刑事事件・少年の保護事件の手続).  Found from item names, subject kinds and the purpose as well as
-- the `sensitive` flag (common.sensitive_items).  Victims and children in need are the concern of
-- sensitive-victims-children.  medium; high when the data is about children; one step down
-- (not below low) when access restriction and logging are stated; quiet once the plan states
-- everything the follow-up asks: the legal basis or consent (a named law, 同意), access restricted
-- and logged, and — when outsourced — every contractor bound by the special terms without free
-- re-subcontracting.  A recipient named in the prose (捜査機関, 警察) is not a data category.

-- a basis names a law or the person's consent (「法令に基づき」 alone is a deferral: common.answer)
local BASIS = [[同意|[^\s、。「」（）]{1,14}(?:法|法律)(?:第[0-9一二三四五六七八九十百]+条|に基づ|による|の規定)|施行令|施行規則|条例第|要綱に基づ]]

local function basis_stated(plan)
  for _, key in ipairs({ "purpose", "description" }) do
    local t = common.answer(plan[key])
    if t and hogo.test(t, BASIS) then return true end
  end
  return false
end

local function contractors_bound(plan)
  for _, o in ipairs(common.outsourcings(plan)) do
    if o.special_specifications ~= true or o.subcontracting == "allowed" or o.subcontracting == nil then return false end
  end
  return true
end

-- every part of the follow-up is answered
local function all_answered(plan)
  return common.access_safeguarded(plan) and basis_stated(plan) and contractors_bound(plan)
end

return {
  id        = "sensitive-special-care",
  topic     = "data.sensitive",
  severity  = "medium",
  title     = { ja = "要配慮個人情報を取り扱う",
                en = "Special care-required personal information is handled" },
  message   = { ja = "{names}は{kinds}に当たる要配慮個人情報（{basis}）です。{who}",
                en = "{names_en} is special care-required personal information ({kinds_en}; {basis}).{who_en}" },
  follow_up = { ja = "取得・提供の根拠（法令の条項または本人の同意）を「{label:purpose}」欄か「{label:description}」欄に、必要な項目に限っていること、閲覧できる職員の限定とアクセス記録（「{label:access.restriction}」欄・「{label:access.logging}」欄）、委託先での取扱い（特記事項による目的外利用の禁止、再委託の制限）を示してください。",
                en = "State the legal basis (the provision) or consent in purpose or description, that only the items needed are taken, which staff may see it and that access is logged (access.restriction, access.logging), and how the contractor must handle it (special terms: no other use, limits on subcontracting)." },
  precedent = "個人情報保護法 第2条第3項・同施行令第2条; 志木市 令和2年度第3回 （2021年2月17日、2023年4月の法施行前の審議）議題(3)（HPV検査結果の送付・管理）; 柏市行政不服及び情報公開・個人情報保護審議会 令和2年1月31日 議題2「思想・信条等の個人情報の収集について（諮問）」; 同 平成29年7月14日 議題2「思想、信条等の個人情報の収集について（諮問）」",

  check = function(plan, ctx)
    local all = common.sensitive_items(plan)
    -- in a plan about victims or people in need, items merely flagged sensitive are those
    -- records: sensitive-victims-children speaks for them
    local about_victims = false
    for _, h in ipairs(all) do
      if h.class == "victim" or h.class == "in_need" then about_victims = true end
    end
    local hits, legal = {}, false
    for _, h in ipairs(all) do
      if h.class == "legal" or (h.class == "flag" and not about_victims) then
        hits[#hits + 1] = h
        if h.class == "legal" then legal = true end
      end
    end
    if #hits == 0 or all_answered(plan) then return end
    local at = common.first_place(hits)
    local named = {}
    for _, h in ipairs(hits) do
      if h.where ~= "text" then
        named[#named + 1] = { q = "「" .. tostring(h.name) .. "」", q_en = "\"" .. tostring(h.name) .. "\"" }
      end
    end
    local children = common.involves_children(plan)
    local sev = children and "high" or "medium"
    if common.access_safeguarded(plan) then sev = common.sev_max("low", common.sev_shift(sev, -1)) end
    local message = nil
    if not legal then   -- only the plan's own sensitive flags: no category to name
      message = { ja = "{names}は要配慮個人情報として指定されています。{who}",
                  en = "{names_en} is marked as special care-required personal information.{who_en}" }
    end
    -- name the statutory categories found; the plan's own flags add names, not categories
    local kinds = hits
    if legal then
      kinds = {}
      for _, h in ipairs(hits) do
        if h.class == "legal" then kinds[#kinds + 1] = h end
      end
    end
    ctx.report(at.node, at.key, { severity = sev, message = message, vars = {
      names = #named > 0 and common.uniq_join(named, "q") or "計画の目的に記載された情報",
      names_en = #named > 0 and common.uniq_join(named, "q_en", ", ") or "Information named in the purpose",
      kinds = common.uniq_join(kinds, "ja"), kinds_en = common.uniq_join(kinds, "en", "; "),
      basis = common.uniq_join(kinds, "basis", "、"),
      who = children and "児童に関する情報であり、特に慎重な取扱いが必要です。" or "",
      who_en = children and " It concerns children and needs particular care." or "" } })
  end,
}
