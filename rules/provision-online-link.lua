-- provision-online-link: an オンライン結合 (the city's system linked to another body's) without the
-- link described: which systems, which items, which way, and whether access is logged.  Since 2023
-- the Act no longer restricts online links as such, but the councils asked what each link carries
-- (宮崎県 第37回 諮問第63号 遠隔貸出返却; 新座市 防犯カメラの外部電子計算組織との結合; 狛江市 図書館
-- 情報システムと電子図書館の結合).  low.  Quiet when a transfer states what, from, to and method, and
-- access.logging is true.

return {
  id        = "provision-online-link",
  topic     = "transfer.method",
  severity  = "low",
  title     = { ja = "オンライン結合で送受信する項目と記録",
                en = "What an online link carries, and its logs" },
  message   = { ja = "オンライン結合の計画ですが、{missing}",
                en = "The plan links systems online, but {missing_en}" },
  follow_up = { ja = "結合する相手のシステム、送受信する項目、方向と方法を「{label:transfers}」欄に記載し、接続と参照の記録を取ること（「{label:access.logging}」欄）を示してください。",
                en = "Describe the link in transfers (what, from, to, method: the other system, the items, the direction) and state that connections and look-ups are logged (access.logging: true)." },
  precedent = "宮崎県個人情報保護審議会 第37回（令和2年5月22日）諮問第63号「個人情報の取扱い原則（オンライン結合による提供の制限）の例外事項について」（県立図書館における遠隔貸出返却事務）; 新座市情報公開・個人情報保護審議会 令和元年8月5日 諮問「…防犯カメラ設置に伴う外部電子計算組織との結合による個人情報の処理について」; 狛江市個人情報保護審議会 令和2年10月19日 諮問「狛江市立図書館情報システム及び電子図書館の電子計算機処理による結合について」; 大阪府個人情報保護審議会 令和4年5月26日 全体会議（「ネットワーク利用による個人情報保護に係る部会」の指名、防潮鉄扉情報提供システム整備事業の新規諮問）",

  -- needs: check() returns at once unless consultation.kind holds online_link (common.kinds)
  needs = { stated = { "consultation" }, words = { "online_link" } },

  check = function(plan, ctx)
    if not common.kinds(plan).online_link then return end
    local described = false
    for _, t in ipairs(common.list(plan.transfers)) do
      if common.answer(t.what) and common.answer(t.from) and common.answer(t.to) and t.method ~= nil then described = true end
    end
    local a = common.obj(plan.access)
    local logged = a and a.logging == true
    if described and logged then return end
    local missing, missing_en = {}, {}
    if not described then missing[#missing + 1] = "結合先・送受信する項目・方法"; missing_en[#missing_en + 1] = "the linked system, items and method" end
    if not logged then missing[#missing + 1] = "アクセスログを取るかどうか"; missing_en[#missing_en + 1] = "whether access is logged" end
    local node, key = plan, "transfers"
    if described then node, key = a or plan, a and "logging" or "access" end
    ctx.report(node, key, { vars = {
      missing = table.concat(missing, "と") .. "が記載されていません。",
      missing_en = table.concat(missing_en, " and ") .. " is not stated." } })
  end,
}
