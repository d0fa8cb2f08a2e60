-- sensitive-victims-children: records about victims (犯罪により害を被った事実: abuse, DV, crime
-- victims; 個人情報保護法 第2条第3項) or children and families in need (貧困, いじめ, 要保護児童).
-- The council on the child consultation system: 「虐待や貧困、いじめなど、さまざまな相談がある」
-- 「特に被害者からの相談の場合には、配慮していただきたい」 (議題(2)).  high for victims or
-- children; medium for adults in need; one step down (not below low) when access restriction and
-- logging are stated.
local CLASSES = { victim = true, in_need = true }

return {
  id        = "sensitive-victims-children",
  topic     = "data.sensitive",
  severity  = "high",
  title     = { ja = "被害者・支援を要する児童等の情報を取り扱う",
                en = "Records about victims or children in need" },
  message   = { ja = "{what}を取り扱う計画です（{kinds}）。情報が漏れたり加害者側に知られたりすると、本人の安全や生活に重大な影響があります。",
                en = "The plan handles {what_en} ({kinds_en}). A leak, or disclosure to the other party, can endanger the person." },
  follow_up = { ja = "被害者や相談者に配慮した聴取・記録の方法、閲覧できる職員の限定とアクセス記録、関係機関へ提供する範囲と根拠、加害者等からの照会への対応（住所等の秘匿）を示してください。",
                en = "State how interviews and records take the victim or client into account, which staff may see the records and that access is logged, what goes to partner agencies and on what basis, and how enquiries from the other party are handled (address kept secret)." },
  precedent = "志木市 令和2年度第3回 議題(2)「虐待や貧困、いじめなど、さまざまな相談があると思うが」「特に被害者からの相談の場合には、配慮していただきたい」; 個人情報保護法 第2条第3項（犯罪により害を被った事実）",

  check = function(plan, ctx)
    local hits, victim = {}, false
    for _, h in ipairs(common.sensitive_items(plan)) do
      if CLASSES[h.class] then
        hits[#hits + 1] = h
        if h.class == "victim" then victim = true end
      end
    end
    if #hits == 0 then return end
    local at = common.first_place(hits)
    local children = common.involves_children(plan)
    local sev = (victim or children) and "high" or "medium"
    if common.access_safeguarded(plan) then sev = common.sev_max("low", common.sev_shift(sev, -1)) end
    local what, what_en
    if victim and children then what, what_en = "被害を受けた方や児童に関する情報", "records about victims and children"
    elseif victim then what, what_en = "被害者に関する情報", "records about victims"
    elseif children then what, what_en = "支援を要する児童に関する情報", "records about children in need"
    else what, what_en = "支援を要する方に関する情報", "records about people in need" end
    ctx.report(at.node, at.key, { severity = sev, vars = {
      what = what, what_en = what_en,
      kinds = common.uniq_join(hits, "ja"), kinds_en = common.uniq_join(hits, "en", "; ") } })
  end,
}
