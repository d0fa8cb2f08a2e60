-- minimize-item-types: many kinds of personal information may be collected, and the plan does not
-- say whether all are taken every time.  The council on the child consultation system (33 kinds):
-- 「様々な情報を取得し、庁内で共有するようだが、財産状況等すべての事柄を毎回取得するのか」 (議題(2)).
--   20+ kinds (data.item_types, else the number of items listed; 15+ listed items) and
--   collected_always not stated → low (the council's question); collected_always true → low (medium for
--   sensitive data); collected_always false → quiet (collection is already limited).
--   When collected_always is not stated, prose that says only the items a case needs are taken
--   (「相談内容に応じて必要な項目のみ聴取する」, 議題(2)'s own answer) answers it.
local MANY_TYPES, MANY_LISTED = 20, 15
local NEED_ONLY = [[必要な(?:項目|情報|事項|範囲|もの)(?:のみ|だけ|に限)|(?:すべて|全て)(?:の(?:項目|事柄))?を(?:毎回)?(?:取得|聴取|収集)するわけではない|(?:相談|申請|ケース)(?:の)?(?:内容|状況)?に(?:応じ|よっ)て[^。]{0,20}(?:聴取|取得|収集|異なる)]]

-- An item that is a whole form or record (「心身の状況（認定調査票）」「相談記録」): how many kinds
-- of information it holds is what the listed count cannot say.
local BUNDLE = [[調査票|意見書|記録|台帳|一式|カルテ|相談内容|聴取内容|アセスメント]]
local function bundled(plan)
  for _, it in ipairs(common.items(plan)) do
    if hogo.test(common.text(it.name), BUNDLE) then return true end
  end
  return false
end

return {
  id        = "minimize-item-types",
  topic     = "data.minimization",
  severity  = "info",
  title     = { ja = "取得する個人情報の種類が多い",
                en = "Many kinds of personal information are collected" },
  message   = { ja = "取得する可能性のある個人情報が{n}種類あります。すべての項目を毎回取得するのかが記載されていません。",
                en = "Up to {n} kinds of personal information may be collected; whether all are taken every time is not stated." },
  follow_up = { ja = "相談・申請の内容に応じて必要な項目だけを取得すること（「{label:data.collected_always}」欄）と、特に財産状況・家族関係など踏み込んだ項目を取得する場面を示してください。",
                en = "State that only the items each case needs are collected (data.collected_always), and when intrusive items such as assets or family relations are taken." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(2)「財産状況等すべての事柄を毎回取得するのか」「相談内容によってヒアリングする内容が異なるため、想定しているすべての項目を聴取するわけではない」; 武雄市個人情報保護審議会 平成24年7月6日 答申「Tポイント付与に必要な最低限の情報（T会員番号、利用年月日、利用時刻、ポイント数）に限って」; 宮崎県個人情報保護審議会 第37回（令和2年5月22日）: 委員「市町村立図書館が利用者の個人情報を把握する必要があるのか」",

  -- needs: check() returns at once without plan.data
  needs = { stated = { "data" } },

  check = function(plan, ctx)
    local data = common.obj(plan.data)
    if not data then return end
    local types = common.num(data.item_types)
    local listed = #common.items(plan)
    local always = situation.value(data.collected_always)
    local sev_always = common.has_sensitive(plan) and "medium" or "low"
    if not ((types and types >= MANY_TYPES) or listed >= MANY_LISTED) then
      -- every item every time, an item that is a whole form, and how many kinds it holds left
      -- out: the count decides the question, so leaving it out is asked as the question it
      -- would draw (never better)
      if always == true and types == nil and bundled(plan) then
        ctx.report(data, "item_types", { severity = sev_always, vars = { n = tostring(listed) },
          message = { ja = "個人情報を毎回すべて取得する計画ですが、取得する可能性のある項目の種類の数（「{label:data.item_types}」欄）が記載されていません。",
                      en = "Every item is to be collected every time, but how many kinds may be collected (data.item_types) is not stated." } })
      end
      return
    end
    local n = math.max(types or 0, listed)
    if always == false then return end
    local key = types and "item_types" or "items"
    if always == true then
      local sev = common.has_sensitive(plan) and "medium" or "low"
      ctx.report(data, "collected_always", { severity = sev, vars = { n = tostring(n) },
        message = { ja = "取得する可能性のある個人情報{n}種類を毎回すべて取得する計画です。利用目的に必要な範囲を超えて取得するおそれがあります。",
                    en = "All {n} kinds of personal information are to be collected every time, which may exceed what the purpose needs." } })
    elseif always == nil and not gov.find_claim(plan, NEED_ONLY) then
      -- not stated draws the severity that stating "every time" would (a plan never does better
      -- by leaving collected_always out)
      ctx.report(data, key, { severity = sev_always, vars = { n = tostring(n) } })
    end
  end,
}
