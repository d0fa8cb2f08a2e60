-- minimize-statistics-would-do: names go to another body, or are reused, for a purpose that counts
-- or analyses (統計, 集計, 分析, ニーズ把握, 計画策定) and needs no identities.  宮崎県の委員:
-- 「貸出希望のあった蔵書のリストを市町村立図書館に渡すことで、市町村立図書館が利用者の個人情報を把握
-- する必要はなくなるのではないか」.  medium.  Quiet when only aggregates or de-identified data go
-- (集計値のみ, 個人を特定できない形, 氏名を除く), or the purpose needs to reach each person (送付, 通知).

local STATS = [[統計|集計|分析|傾向|ニーズ(?:の|を)?把握|実態(?:の|を)?把握|計画(?:の|を)?策定|調査研究|効果(?:の)?検証]]
local REACH = [[送付|発送|通知|案内|訪問|連絡|勧奨|支給|給付|本人(?:に|へ)]]
local AGG = [[(?:集計|統計)(?:値|結果|表|データ|情報)?(?:のみ|だけ)|個人(?:を|が)(?:特定|識別)(?:でき|され)ない|匿名(?:化|加工)|仮名加工|(?:氏名|住所)[^。]{0,10}(?:を|は)(?:除|削除|含めない|提供しない|渡さない)|(?:蔵書|資料|件数)(?:の)?(?:リスト|一覧)(?:のみ|だけ|を渡)|個人情報を含まない]]

local function passes_names(plan)
  if tech.provision(plan) then return true end
  for _, t in ipairs(common.list(plan.transfers)) do
    if type(t.to) == "string" and not common.is_city(t.to, plan) and not common.is_contractor(t.to, plan) then return true end
  end
  return false
end

return {
  id        = "minimize-statistics-would-do",
  topic     = "data.minimization",
  severity  = "medium",
  title     = { ja = "集計・リストで足りるのに個人が特定できる形で渡す",
                en = "Identities passed on where counts or a list would do" },
  message   = { ja = "「{quote}」という目的のために、氏名など個人を特定できる情報を渡す（目的外に利用する）計画です。集計値や個人を特定しない一覧で足りないかが示されていません。",
                en = "For the purpose \"{quote}\", data that identifies people (names…) is passed on or reused. The plan does not show why counts or a list without identities would not do." },
  follow_up = { ja = "集計値や個人を特定できない形（氏名・住所を除いた一覧、統計表）で渡すことを記載してください。個人を特定できる情報が必要な場合は、その理由を氏名の項目の「{label:data.items.need}」に示してください。",
                en = "State that only counts or de-identified data (a list without names and addresses, tables) are passed on; if identities are needed, say why (the name item's \"{label:data.items.need}\")." },
  precedent = "宮崎県個人情報保護審議会 第37回（令和2年5月22日）諮問第63号: 委員「県立図書館から、貸出希望のあった蔵書のリストを市町村立図書館に渡すことで、市町村立図書館が利用者の個人情報を把握する必要はなくなるのではないか」",

  -- needs: check() reports nothing without plan.data
  -- needs words: purpose, description or title claims STATS
  -- (ニーズ・実態の把握: 把握; 計画の策定: 策定; 効果の検証: 効果)
  needs = { stated = { "data" }, prose = { "統計", "集計", "分析", "傾向", "把握", "策定", "調査研究", "効果" } },

  check = function(plan, ctx)
    if #common.items_of(plan, "identity") == 0 then return end
    if not passes_names(plan) then return end
    local f
    for _, field in ipairs({ "purpose", "description", "title" }) do
      if type(plan[field]) == "string" and gov.claim(plan[field], STATS) == "claimed" then
        f = { node = plan, key = field, text = common.text(plan[field]) }; break
      end
    end
    if not f then return end
    if tech.mentions(plan, REACH) or tech.mentions(plan, AGG) then return end
    -- the reason identities are needed, written where the follow-up asks it (data.items[].need)
    for _, it in ipairs(common.items_of(plan, "identity")) do
      if common.answer(it.need) then return end
    end
    ctx.report(f.node, f.key, { vars = { quote = gov.excerpt(gov.sentence(f.text, STATS), 40) } })
  end,
}
