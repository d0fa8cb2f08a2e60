-- platform-not-listed: the plan relies on a third-party service residents use (LINE, SNS, a
-- messaging app) — in its text or in a hand-over by third_party_app — but lists no platform, so
-- its operator and data location cannot be checked.  medium: as severe as what the listing would
-- be asked (platform-data-region: where it keeps data not stated, medium), so leaving the platform
-- out never does better than listing it.  Cleared by listing it (platforms).
-- platforms: null or [] ("none") says less, not more: the same question when the plan's own
-- text or hand-overs name such a service (a plan never does better by saying less).

local SERVICES = [[(?<![A-Za-z])(?:LINE|Twitter|Facebook|Instagram|YouTube|TikTok|Zoom|Slack)(?![A-Za-z])|SNS|ソーシャルメディア|ソーシャル・ネットワーキング|LINE公式アカウント|ライン公式]]

return {
  id        = "platform-not-listed",
  topic     = "platform.third_party",
  severity  = "medium",
  title     = { ja = "利用する外部プラットフォームが記載されていない",
                en = "Third-party platform used but not listed" },
  message   = { ja = "{why}が、利用する外部プラットフォーム（運営事業者・データの保存国）が記載されていません。",
                en = "{why_en}, but the platform (operator, where it stores data) is not listed." },
  follow_up = { ja = "サービス名、運営事業者、データの保存国、添付できるもの（写真・書類）を「{label:platforms}」欄に記載してください。",
                en = "List the service, its operator, where it stores data and what can be attached (platforms)." },
  precedent = "志木市 令和2年度第3回 議題(5)（LINEを活用した電子申請）" .. situation.PRE_ACT .. "; 内閣官房・個人情報保護委員会・金融庁・総務省「政府機関・地方公共団体等における業務でのLINE利用状況調査を踏まえた今後のLINEサービス等の利用の際の考え方（ガイドライン）」（2021年4月30日）",

  -- needs: check() reports only on a transfer by third_party_app or prose that says SERVICES
  -- (LINE公式アカウント: line; ソーシャルメディア, ソーシャル・ネットワーキング: ソーシャル)
  needs = { words = { "third_party_app", "line", "twitter", "facebook", "instagram", "youtube", "tiktok", "zoom", "slack",
                      "sns", "ソーシャル", "ライン公式" } },

  check = function(plan, ctx)
    if #common.list(plan.platforms) > 0 then return end
    for _, t in ipairs(common.list(plan.transfers)) do
      if t.method == "third_party_app" then
        ctx.report(plan, "platforms", { vars = { why = "外部のアプリを使った受け渡しがあります", why_en = "Data moves through a third-party app" } })
        return
      end
    end
    local f = situation.says(plan, SERVICES)
    if f then
      local m = hogo.match(f.text, SERVICES, "i") or "SNS"
      ctx.report(plan, "platforms", { vars = { why = "「" .. m .. "」を利用する計画です", why_en = "The plan uses " .. m } })
    end
  end,
}
