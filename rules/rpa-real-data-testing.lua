-- rpa-real-data-testing: RPA scenarios are built or tested, with nothing said on whether real
-- residents' data is used to build and test them.  狛江市の審議会 on a pilot that sent real
-- 粗大ごみ申請書 to an outside server: 「実験であっても…個人情報を外部提供したのではないか」.
-- medium, whoever builds the scenarios (the message says when a contractor does).  Quiet
-- when the plan says test or dummy data is used (テストデータ, ダミーデータ, 本番データは使用しない).

local TEST_DATA = [[テストデータ|ダミーデータ|架空(?:の)?(?:データ|人物)|疑似データ|模擬データ|サンプルデータ|本番データ(?:は|を)?(?:使用|利用)(?:しない|せず)|個人情報を含まない|マスキング]]

return {
  id        = "rpa-real-data-testing",
  topic     = "data.minimization",
  severity  = "medium",
  title     = { ja = "RPAシナリオの作成・テストに使うデータ",
                en = "The data used to build and test RPA scenarios" },
  message   = { ja = "RPAのシナリオ（ロボット）を作成・テストする計画ですが、作成やテストに実際の住民のデータを使うかどうかが記載されていません。{who}",
                en = "RPA scenarios are built and tested, but the plan does not say whether real residents' data is used to do so. {who_en}" },
  follow_up = { ja = "シナリオの作成・テストはテストデータ（ダミーデータ）で行い、本番データは使用しないことを記載してください。本番データを使う場合は、作業する者・場所・作業後の消去を示してください。",
                en = "State that scenarios are built and tested with test (dummy) data, not real data. If real data is used, state who works on it, where, and that it is erased afterwards." },
  precedent = "狛江市個人情報保護審議会 令和3年8月2日: 委員「実験であっても粗大ごみの処理申請書に記載された個人情報を外部提供したのではないか」「実証実験であっても事前に審議会に諮問すべきである」; RPAを扱った審議会の会議録は見当たらなかった",

  -- needs: every word of tech.RPA holds one of these; a transfer by method "rpa" holds "rpa"
  needs = { words = { "rpa", "ロボティック", "winactor", "ウィンアクター", "uipath", "bizrobo", "ソフトウェアロボット", "業務自動化ツール", "自動化シナリオ" } },

  check = function(plan, ctx)
    local node, key = tech.rpa(plan)
    if not node then return end
    if not common.personal_data(plan) then return end
    if tech.mentions(plan, TEST_DATA) then return end
    local vendor = #common.outsourcings(plan) > 0 or tech.says(plan, [[事業者が[^。]{0,10}(?:作成|開発|構築)|シナリオ(?:の)?(?:作成|開発)(?:を)?委託]]) ~= nil
    ctx.report(node, key, { vars = {
      who = vendor and "シナリオは事業者が作成します。" or "", who_en = vendor and "A contractor builds the scenarios." or "" } })
  end,
}
