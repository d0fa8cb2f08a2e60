-- consistency-my-number: the plan speaks of 個人番号 / マイナンバー, but no data item has the
-- category my_number — or an item named 個人番号 is filed under another category.  Individual
-- Numbers bring the plan under 番号法 (特定個人情報保護評価, 利用事務の制限), so the category
-- must be right.  Not claims: マイナンバーカード / 個人番号カード (the card as ID),
-- マイナポータル, マイナンバー制度, 個人番号利用事務系 (a network segment), negations.
--   item named 個人番号 under another category: medium
--   text mentions, items listed without my_number: medium;  no items listed: low

local MYNUM = [[(?:個人番号|マイナンバー)(?!カード|ポータル|制度|法|利用事務系|系)]]

return {
  id        = "consistency-my-number",
  topic     = "input.consistency",
  severity  = "medium",
  title     = { ja = "個人番号の記載と項目の分類が一致しない",
                en = "Individual Number mentioned but not classified as such" },
  message   = { ja = "{where}「{quote}」と個人番号（マイナンバー）の取扱いが読み取れますが、{state}。",
                en = "{where_en} (\"{quote}\") suggests Individual Numbers are handled, but {state_en}." },
  follow_up = { ja = "個人番号を扱う場合は「{label:data.items.category}」欄を「個人番号（マイナンバー）」とし、番号法に基づく利用事務であること、特定個人情報保護評価の実施状況を示してください。扱わない場合は記載を改めてください。",
                en = "If Individual Numbers are handled, give the item category my_number and show the legal basis under the My Number Act and the status of the specific personal information protection assessment; if not, correct the text." },
  precedent = "番号法（行政手続における特定の個人を識別するための番号の利用等に関する法律）第9条（利用範囲）・第28条（特定個人情報保護評価）; 特定個人情報保護評価に関する規則",

  -- needs: both findings quote MYNUM, which holds 個人番号 or マイナンバー
  needs = { prose = { "個人番号", "マイナンバー" } },

  check = function(plan, ctx)
    local items = common.items(plan)
    local has_cat = false
    for _, it in ipairs(items) do
      if it.category == "my_number" then has_cat = true end
    end
    -- an item named 個人番号 filed under another category
    for _, it in ipairs(items) do
      local name = common.text(it.name)
      if it.category ~= "my_number" and gov.claim(name, MYNUM) == "claimed" then
        ctx.report(it, "category", { vars = { where = "項目名", where_en = "The item name", quote = it.name,
          state = type(it.category) == "string" and ("「" .. hogo.label("data.items.category") .. "」欄が「" .. hogo.choice("data.items.category", it.category) .. "」になっています") or ("「" .. hogo.label("data.items.category") .. "」欄が記載されていません"),
          state_en = type(it.category) == "string" and ("its category is " .. it.category) or "it has no category" } })
        return
      end
    end
    if has_cat then return end
    local f = gov.find_claim(plan, MYNUM)
    if not f then return end
    local vars = { where = "本文に", where_en = "The text", quote = gov.quote(f, MYNUM) }
    if #items > 0 then
      vars.state, vars.state_en = "「" .. hogo.label("data.items.category") .. "」欄が「" .. hogo.choice("data.items.category", "my_number") .. "」の項目がありません", "no item has the category my_number"
      ctx.report(plan.data, "items", { vars = vars })
    else
      vars.state, vars.state_en = "扱う項目が記載されていません", "no data items are listed"
      ctx.report(plan, "data", { severity = "low", vars = vars })
    end
  end,
}
