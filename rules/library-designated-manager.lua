-- library-designated-manager: a library run by a 指定管理者 (or another contractor) that can reach
-- users' records, with nothing said about what the manager may do with them.  武雄市: the manager's
-- point card was allowed only with the user's consent and only the minimum items (T会員番号、利用年月日、
-- 利用時刻、ポイント数).  medium; high when the plan links the library to the manager's own services
-- (ポイント, 会員カード, レコメンド, マーケティング).  Quiet when the plan says the manager does not use
-- the data for its own business (目的外利用の禁止, 自社の事業に利用しない) or cannot see loan history.

local MANAGER = [[指定管理|運営(?:業務)?(?:を)?(?:委託|事業者)|窓口業務(?:を)?委託]]
local COMMERCIAL = [[ポイント|会員カード|Tカード|レコメンド|おすすめ|マーケティング|販促|広告]]
local LIMITED = [[目的外(?:の)?(?:利用|使用)(?:を|の)?禁止|(?:自社|自ら|独自)の?(?:事業|サービス|営業|目的)[^。]{0,10}(?:利用|使用)(?:しない|させない|を禁止|できない)|貸出履歴[^。]{0,16}(?:閲覧|アクセス|参照)(?:できない|させない|しない)|(?:第三者|他社|関連会社)[^。]{0,8}提供(?:しない|させない|を禁止)]]

local function manager_of(plan)
  for _, o in ipairs(common.outsourcings(plan)) do
    for _, t in ipairs({ o.contractor }) do
      if type(t) == "string" and hogo.test(common.text(t), [[指定管理]]) then return o, "contractor" end
    end
    for i, s in ipairs(common.list(o.scope)) do
      if type(s) == "string" and hogo.test(common.text(s), MANAGER) then return common.list(o.scope), i end
    end
  end
  local f = tech.says(plan, MANAGER)
  if f then return f.node, f.key end
  return nil
end

return {
  id        = "library-designated-manager",
  topic     = "outsourcing.scope",
  severity  = "medium",
  title     = { ja = "図書館の指定管理者による利用者情報の利用",
                en = "What the library's designated manager may do with users' records" },
  message   = { ja = "図書館の運営を指定管理者等に任せる計画ですが、指定管理者が利用者情報・貸出記録を自らの事業に使わないこと、閲覧できる範囲が記載されていません。{commercial}",
                en = "The library is run by a designated manager or contractor, but the plan does not say that it may not use users' records or loan data for its own business, or what it may see. {commercial_en}" },
  follow_up = { ja = "協定書・仕様書に、利用者情報と貸出記録の目的外利用の禁止（自社の事業・ポイント・販促に利用しない）、第三者提供の禁止、閲覧できる範囲（貸出履歴にはアクセスしない等）を定めることを記載してください。",
                en = "State that the agreement forbids the manager to use users' data and loan records for anything else (its own business, points, promotion) or to give them to others, and what it may see (e.g. no access to loan history)." },
  precedent = "武雄市個人情報保護審議会 平成24年7月6日 答申（指定管理者のポイントカード: 「Tポイント付与に必要な最低限の情報（T会員番号、利用年月日、利用時刻、ポイント数）に限って…利用者本人の同意があれば問題なし」）; 日本図書館協会「図書館の自由に関する宣言」主文第3",

  -- needs: every word of tech.LIBRARY holds one of these
  needs = { words = { "図書", "蔵書", "貸出" } },

  check = function(plan, ctx)
    if not tech.library(plan) then return end
    local node, key = manager_of(plan)
    if not node then return end
    if tech.mentions(plan, LIMITED) then return end
    local commercial = tech.says(plan, COMMERCIAL)
    local sev = commercial and "high" or "medium"
    ctx.report(node, key, { severity = sev, vars = {
      commercial = commercial and "利用者カードを事業者のポイント・会員サービスと結び付けることも記載されています。" or "",
      commercial_en = commercial and "The library card is also linked to the operator's own points or membership." or "" } })
  end,
}
