-- provision-items-limited: data given to another body or used beyond its purpose, including items
-- that go past an address list (birth dates, family, income, health, numbers), with nothing saying
-- the items are limited to what the recipient needs.  武雄市の答申 allowed passing only 「必要な最低
-- 限の情報」; 宮崎県の委員: 「市町村立図書館が利用者の個人情報を把握する必要があるのか」.  medium.
-- Quiet when the prose says only the needed items go (必要最小限, 必要な項目のみ, 「氏名と住所のみ」).

local WIDE = { birthdate = true, family = true, financial = true, health = true, welfare = true,
               my_number = true, id_number = true, education = true, location = true, usage_history = true }
local LIMITED = [[必要(?:な|最小限の?)(?:項目|範囲|情報)|必要最小限|最低限の(?:項目|情報)|(?:項目|情報)(?:は|を)[^。]{0,24}(?:のみ|に限る|に限定)|(?:のみ|だけ)(?:を|が)?提供|(?:のみ|だけ)(?:を)?(?:利用|使用)する]]

return {
  id        = "provision-items-limited",
  topic     = "data.minimization",
  severity  = "medium",
  title     = { ja = "提供・目的外利用する項目が必要な範囲に限られているか",
                en = "Are the items given or reused limited to what is needed?" },
  message   = { ja = "{kind}する項目に「{items}」が含まれますが、提供先・利用先が必要とする項目に限っていることが記載されていません。",
                en = "The items {kind_en} include \"{items}\", but the plan does not say they are limited to what the recipient needs." },
  follow_up = { ja = "提供（利用）する項目を、提供先の事務に必要なものに限ることを記載し、その項目を列挙してください（例: 「提供する項目は氏名・住所・対象区分のみとする」）。",
                en = "State that only the items the recipient's task needs are given, and list them (e.g. 'only name, address and category are given')." },
  precedent = "武雄市個人情報保護審議会 平成24年7月6日 答申「必要な最低限の情報（T会員番号、利用年月日、利用時刻、ポイント数）に限って」; 宮崎県個人情報保護審議会 第37回（令和2年5月22日）諮問第63号: 委員「市町村立図書館が利用者の個人情報を把握する必要があるのか」",

  -- needs: check() returns unless tech.provision(plan): consultation.kind holds one of these
  needs = { stated = { "consultation" }, words = { "external_provision", "purpose_external_use" } },

  check = function(plan, ctx)
    local yes, kind = tech.provision(plan)
    if not yes then return end
    local wide = {}
    for _, it in ipairs(common.items(plan)) do
      if WIDE[it.category] or it.sensitive == true then wide[#wide + 1] = it end
    end
    if #wide == 0 then return end
    if tech.mentions(plan, LIMITED) then return end
    local names = {}
    for i = 1, math.min(#wide, 4) do names[#names + 1] = common.text(wide[i].name) end
    ctx.report(wide[1], "name", { vars = { items = table.concat(names, "・"),
      kind = kind == "external_provision" and "外部提供" or "目的外利用",
      kind_en = kind == "external_provision" and "given to others" or "used beyond their purpose" } })
  end,
}
