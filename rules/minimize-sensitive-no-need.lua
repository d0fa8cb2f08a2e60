-- minimize-sensitive-no-need: a sensitive item (要配慮個人情報, health, welfare) is collected but
-- nothing in the plan says what it is needed for.  柏市 puts the collection of 思想・信条 and other
-- sensitive information to its council case by case (令和2年1月31日 議題2「思想・信条等の個人情報の
-- 収集について（諮問）」); the council's first question is what the item is for.  low.  Quiet for an
-- item when data.items[].need says why, or the purpose or description speaks of that kind of data.

-- Whether the purpose/description speak of the item: its name, or a two-character word of its
-- stem (「検診受診歴」 is explained by 「検診の未受診者」, 「障害の程度」 by 「障害福祉」).
local SUFFIX = [[(?:の)?(?:歴|情報|結果|記録|有無|データ|状況|内容|等)$]]
local function spoken_of(joined, name)
  if name == "" then return false end
  if joined:find(name, 1, true) then return true end
  local stem = hogo.gsub(hogo.gsub(name, SUFFIX, ""), SUFFIX, "")
  local cps = {}
  for _, c in utf8.codes(stem) do cps[#cps + 1] = utf8.char(c) end
  for i = 1, #cps - 1 do
    local w = cps[i] .. cps[i + 1]
    if hogo.test(w, [[^[\p{Han}A-Za-z]{2}$]]) and joined:find(w, 1, true) then return true end
  end
  return false
end

return {
  id        = "minimize-sensitive-no-need",
  topic     = "data.minimization",
  severity  = "low",
  title     = { ja = "必要性が示されていない要配慮個人情報",
                en = "A sensitive item with no stated need" },
  message   = { ja = "「{item}」（{what}）を取得する計画ですが、事業のどこでこの情報が必要かが記載されていません。",
                en = "The plan collects \"{item}\" ({what_en}), but does not say where the work needs it." },
  follow_up = { ja = "この項目を何に使うのか（例: 「アレルギー情報は給食の除去食の提供に用いる」）を「{label:data.items.need}」欄に記載してください。必要でなければ項目から外してください。",
                en = "State what the item is used for (e.g. 'allergies: to serve special meals') in data.items[].need, or drop the item if it is not needed." },
  precedent = "柏市行政不服及び情報公開・個人情報保護審議会 令和2年1月31日 議題2「思想・信条等の個人情報の収集について（諮問）」; 同 平成29年7月14日 議題2「思想、信条等の個人情報の収集について（諮問）」; 個人情報の保護に関する法律 第61条（保有の制限: 利用目的の達成に必要な範囲）",

  check = function(plan, ctx)
    local prose = {}
    for _, k in ipairs({ "purpose", "description" }) do
      if type(plan[k]) == "string" then prose[#prose + 1] = common.text(plan[k]) end
    end
    local joined = table.concat(prose, "\n")
    for _, it in ipairs(common.items(plan)) do
      local name = common.text(it.name)
      local term = common.sensitive_term(name)
      local sensitive = it.sensitive == true or it.category == "health" or it.category == "welfare" or term ~= nil
      if sensitive and not common.answer(it.need) then
        local explained = spoken_of(joined, name) or (term ~= nil and hogo.test(joined, term.re))
        if not explained then
          ctx.report(it, "name", { vars = { item = name,
            what = term and term.ja or "要配慮個人情報", what_en = term and term.en or "sensitive data" } })
        end
      end
    end
  end,
}
