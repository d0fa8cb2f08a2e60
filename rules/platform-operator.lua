-- platform-operator: a third-party platform is used but its operator is not named, so the
-- city cannot say whose terms govern residents' data.  low.

return {
  id        = "platform-operator",
  topic     = "platform.third_party",
  severity  = "low",
  title     = { ja = "外部プラットフォームの運営事業者が記載されていない",
                en = "Operator of the third-party platform not stated" },
  message   = { ja = "{name}の運営事業者が記載されていません。",
                en = "The operator of {name} is not stated." },
  follow_up = { ja = "運営事業者と、市が契約する連携事業者（ある場合）を記載し、利用規約・契約で定める個人情報の取扱いを示してください。",
                en = "Name the operator and any integrator the city contracts with, and show how the terms and contracts treat personal data." },
  precedent = "志木市 令和2年度第3回 議題(5)（LINEを活用した電子申請）; 総務省「LINE株式会社の事案を踏まえた地方公共団体におけるLINEサービス等の利用の際の考え方（ガイドライン）」（令和3年4月30日）",

  check = function(plan, ctx)
    for _, p in ipairs(common.list(plan.platforms)) do
      if p.operator == nil or gov.blank(p.operator) and not hogo.is_null(p.operator) then
        ctx.report(p, "operator", { vars = { name = type(p.name) == "string" and p.name or "外部プラットフォーム" } })
      end
    end
  end,
}
