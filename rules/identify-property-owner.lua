-- identify-property-owner: the plan holds where a property is (土地・建物の所在地, 地番, 家屋番号) and
-- treats it as if it were not about a person, or publishes it.  The address of a house identifies
-- its owner: 柏市の建築指導課 reported building addresses because 「個人が所有している建物の所在地が
-- 分かると個人の特定が可能であり、保有個人情報にあたる」.  low when the owners are not listed as the
-- data's subjects; medium when the locations are published or given to others un-aggregated.
-- Quiet when the owners are listed (a subject labelled 所有者) and nothing is published, or when what
-- is published is aggregated (町丁目単位, 件数のみ, 集計).

local PROPERTY = [[(?:土地|建物|家屋|空き?家|空家|住宅|物件|所有地|農地|工場|店舗)(?:の)?(?:所在地|所在|住所|地番)|地番|家屋番号|所在地番]]
local OWNER = [[所有者|管理者|権利者|占有者|相続人|納税義務者]]
local PUBLISH = [[公開|公表|オープンデータ|ホームページ(?:に|で)掲載|地図(?:上)?(?:に|で)(?:表示|掲載)|マップ|提供]]
local AGGREGATED = [[町丁目単位|丁目単位|大字単位|地区(?:ごと|単位)|件数(?:のみ|だけ)|集計(?:値|結果|して)|統計|個人(?:を|が)(?:特定|識別)できない]]

return {
  id        = "identify-property-owner",
  topic     = "data.identifiability",
  severity  = "low",
  title     = { ja = "物件の所在地は所有者を特定する",
                en = "A property's address identifies its owner" },
  message   = { ja = "「{item}」を扱う計画です。個人が所有する土地・建物の所在地は、所有者を特定できる個人情報です。{problem}",
                en = "The plan handles \"{item}\". The address of a privately owned property identifies its owner. {problem_en}" },
  follow_up = { ja = "所在地を所有者の個人情報として扱い、所有者を「{label:data.subjects}」欄（例: 「空き家の所有者」）に記載してください。公開・提供する場合は、町丁目単位の件数など所有者を特定できない形に集計してください。",
                en = "Treat the addresses as the owners' personal data and list the owners as data subjects (data.subjects, e.g. 'owners of vacant houses'). If published or given out, aggregate them (counts by district) so no owner can be identified." },
  precedent = "柏市行政不服及び情報公開・個人情報保護審議会 令和2年1月31日 議題1: 大野委員「所有者情報と紐づけされていないと個人情報といえないのではないか」、回答「個人が所有している建物の所在地が分かると個人の特定が可能であり、保有個人情報にあたるため報告した」; 長岡京市 答申29-2「…固定資産税の所有者の個人情報の目的外利用について」",

  -- needs: check() returns unless an item name or the prose says PROPERTY, whose every alternative holds
  -- one of these (空き?家: 空家 / 空き家; 家屋番号: 家屋; 所在地番: 地番)
  needs = { prose = { "土地", "建物", "家屋", "空家", "空き家", "住宅", "物件", "所有地", "農地", "工場", "店舗", "地番" } },

  check = function(plan, ctx)
    local item
    for _, it in ipairs(common.items(plan)) do
      if hogo.test(common.text(it.name), PROPERTY) then item = it; break end
    end
    local at, at_key, name = item, "name", item and common.text(item.name)
    if not item then
      local f = tech.says(plan, PROPERTY)
      if not f then return end
      at, at_key, name = f.node, f.key, hogo.match(f.text, PROPERTY)
    end
    local owners = false
    for _, s in ipairs(common.subjects(plan)) do
      if hogo.test(common.text(s.label), OWNER) then owners = true end
    end
    local published = tech.says(plan, PUBLISH) ~= nil or tech.provision(plan)
    if published and not tech.mentions(plan, AGGREGATED) then
      ctx.report(at, at_key, { severity = "medium", vars = { item = name,
        problem = "所在地を所有者が特定できる形で公開・提供することになっています。",
        problem_en = "The addresses are published or given out in a form that identifies the owners." } })
      return
    end
    if owners then return end
    if published then return end
    ctx.report(at, at_key, { vars = { item = name,
      problem = "所有者が本人の範囲として記載されていません。",
      problem_en = "The owners are not listed as the data's subjects." } })
  end,
}
