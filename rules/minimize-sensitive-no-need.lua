-- minimize-sensitive-no-need: a sensitive item (要配慮個人情報, health, welfare) is collected but
-- nothing in the plan says what it is needed for.  柏市 puts the collection of 思想・信条 and other
-- sensitive information to its council case by case (令和2年1月31日 議題2「思想・信条等の個人情報の
-- 収集について（諮問）」); the council's first question is what the item is for.  low.  Quiet for an
-- item when data.items[].need says why, or a sentence of the purpose or description names that kind
-- of data and says what the work does with it (issue 19: named only as collected is not a need).

-- Whether the purpose/description speak of the item: its name, or a two-character word of its
-- stem (「検診受診歴」 is explained by 「検診の未受診者」, 「障害の程度」 by 「障害福祉」).
local SUFFIX = [[(?:の)?(?:歴|情報|結果|記録|有無|データ|状況|内容|等)$]]

-- What the work does with an item, said in the sentence that names it: 「既往歴に応じて強度を調整す
-- る」「検診の未受診者に案内を送る」.  Naming it with a word of collection alone (「健康診断の結果を
-- 提出していただく」「既往歴を収集する」) says what is taken, not where the work needs it.
local USE = [[に応じ|に基づ|をもとに|を基に|に用い|に使|に利用|に活用|のため|ために|確認|判断|判定|審査|決定|配慮|選定|算定|抽出|調整|案内|勧奨|送付|通知|除去|指導|見守|安否]]

-- the words that name an item in prose: its name and the two-character words of its stem (as
-- the council reads them: 「検診受診歴」 is named by 「検診」)
local function name_words(name)
  local out = { name }
  local stem = hogo.gsub(hogo.gsub(name, SUFFIX, ""), SUFFIX, "")
  local cps = {}
  for _, c in utf8.codes(stem) do cps[#cps + 1] = utf8.char(c) end
  for i = 1, #cps - 1 do
    local w = cps[i] .. cps[i + 1]
    if hogo.test(w, [[^[\p{Han}A-Za-z]{2}$]]) then out[#out + 1] = w end
  end
  return out
end

-- words as one PCRE alternative, each quoted
local function quoted(words)
  local q = {}
  for i, w in ipairs(words) do q[i] = "\\Q" .. w .. "\\E" end
  return table.concat(q, "|")
end

-- whether text holds one of words as written: what \Q...\E matches (a word holding \E, which
-- would end the quote early, is taken to be held)
local function holds(text, words)
  for _, w in ipairs(words) do
    if text:find(w, 1, true) or w:find("\\E", 1, true) then return true end
  end
  return false
end

-- whether some sentence of the purpose/description names the item (or its kind) and says a use.
-- (The pattern is new for each item name, so compiled anew; a text it matches holds a USE and one
-- of its alternatives, which the fixed patterns and plain finds ask first: it is compiled only for
-- a text that may match.)
local function explained(texts, name, term)
  local words = name ~= "" and name_words(name) or nil
  if not words and not term then return false end
  local re
  for _, text in ipairs(texts) do
    if hogo.test(text, USE) and ((words and holds(text, words)) or (term and hogo.test(text, term.re))) then
      if not re then
        local w = words and quoted(words) or nil
        if term then w = w and (w .. "|" .. term.re) or term.re end
        re = "(?:" .. w .. ")[^。\\n]*(?:" .. USE .. ")|(?:" .. USE .. ")[^。\\n]*(?:" .. w .. ")"
      end
      if hogo.test(text, re) then return true end
    end
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

  -- needs: check() reads only the items of plan.data
  needs = { stated = { "data" } },

  check = function(plan, ctx)
    local prose = {}
    for _, k in ipairs({ "purpose", "description" }) do
      if type(plan[k]) == "string" then prose[#prose + 1] = common.text(plan[k]) end
    end
    for _, it in ipairs(common.items(plan)) do
      local name = common.text(it.name)
      local term = common.sensitive_term(name)
      local sensitive = it.sensitive == true or it.category == "health" or it.category == "welfare" or term ~= nil
      if sensitive and not common.answer(it.need) then
        if not explained(prose, name, term) then
          ctx.report(it, "name", { vars = { item = name,
            what = term and term.ja or "要配慮個人情報", what_en = term and term.en or "sensitive data" } })
        end
      end
    end
  end,
}
