-- provision-eligibility-reuse: a benefit or service picks its recipients by reusing another
-- department's data (課税・非課税, 所得, 住民記録, 世帯) with nothing saying that only the yes/no answer
-- is passed on.  狛江市 reported such reuses to its council (住民税非課税者の住民記録情報の目的外利用
-- for 商品券; 新生児世帯応援給付金の対象者抽出).  medium.  Quiet when the plan passes only whether a
-- person qualifies (該当の有無のみ, 対象者の一覧のみ) or asks the applicant's consent.

local SOURCE = [[(?:住民税|市民税|町民税|課税|非課税|所得|税情報|住民記録|住民基本台帳|世帯(?:情報|構成)|児童手当|国民健康保険|介護保険)]]
local REUSE = SOURCE .. [[[^。]{0,30}(?:抽出|突合|照合|判定|確認|参照|利用|活用|用いて|を使って)]]
local PURPOSE = [[給付|支給|助成|減免|対象者|該当者|案内|勧奨|商品券|クーポン|支援金]]
local ONLY_FLAG = [[(?:該当|対象)(?:の)?(?:有無|可否|区分)(?:のみ|だけ)|対象者(?:の)?(?:一覧|リスト|氏名と住所)(?:のみ|だけ)|(?:所得|税額|課税額)(?:の)?(?:額|金額)?(?:は|を)?[^。]{0,8}(?:提供しない|渡さない|含めない)|本人(?:の)?同意|申請者(?:の)?同意|同意書|同意を得]]

return {
  id        = "provision-eligibility-reuse",
  topic     = "data.minimization",
  severity  = "medium",
  title     = { ja = "他課の情報を使った対象者の判定",
                en = "Picking recipients with another department's data" },
  message   = { ja = "「{quote}」とあり、他の事務のために持っている情報（税・住民記録など）を対象者の判定に使う計画ですが、判定に必要な結果（該当の有無）だけを使うことが記載されていません。",
                en = "The plan says \"{quote}\": data held for another task (tax, the resident register…) is used to pick recipients, but it does not say only the yes/no result is used." },
  follow_up = { ja = "判定に使う情報の持ち主の課、根拠、受け取る項目を記載し、所得額などは渡さず「該当の有無のみ」を受け取ること（又は申請者の同意を得ること）を示してください。",
                en = "State which department's data is used, on what ground, and which items; pass only whether each person qualifies, not amounts such as income (or ask the applicant's consent)." },
  precedent = "狛江市個人情報保護審議会 令和3年8月2日 報告事項イ「生活応援プレミアム商品券配布事業における令和3年度分の住民税非課税者の住民記録情報の目的外利用…について」; 同 令和3年1月18日 報告事項「狛江市新生児世帯応援給付金給付事業の対象者抽出に伴う目的外利用…について」",

  -- needs: check() returns without personal data, or unless the prose says REUSE, which begins with
  -- SOURCE (非課税: 課税; 世帯情報, 世帯構成: 世帯)
  needs = { stated = { "data" }, prose = { "住民税", "市民税", "町民税", "課税", "所得", "税情報", "住民記録", "住民基本台帳", "世帯",
                                               "児童手当", "国民健康保険", "介護保険" } },

  check = function(plan, ctx)
    if not common.personal_data(plan) then return end
    local f = tech.says(plan, REUSE)
    if not f then return end
    if not tech.mentions(plan, PURPOSE) then return end
    if tech.mentions(plan, ONLY_FLAG) then return end
    local q = hogo.match(f.text, "[^。]{0,12}" .. REUSE) or f.text
    ctx.report(f.node, f.key, { vars = { quote = gov.excerpt(q, 50) } })
  end,
}
