-- platform-data-region: residents reach the city through a third-party platform (LINE, SNS) and
-- the plan does not say where that platform keeps their data, or says it is abroad.  In March
-- 2021 it came out that LINE kept users' images and files on servers in Korea and let a
-- contractor in China access personal data; 総務省 then asked municipalities to check where
-- data sits before using such services.
--   region overseas: high;  unknown or not stated: medium;  domestic: nothing

return {
  id        = "platform-data-region",
  topic     = "platform.third_party",
  severity  = "medium",
  title     = { ja = "外部プラットフォームのデータ保存国が不明・海外",
                en = "Third-party platform stores data abroad or in an unknown place" },
  message   = { ja = "{name}を通じて住民の{data}を受け付けますが、{state}。",
                en = "Residents send {data_en} through {name}, but {state_en}." },
  follow_up = { ja = "{name}の運営事業者がデータ（画像・添付ファイルを含む）を保存する国、海外の委託先からのアクセスの有無、事業者との契約・利用規約で定める取扱いを確認し、住民への案内に明記してください。",
                en = "Confirm where {name}'s operator stores the data (images and attachments included), whether anyone abroad can access it, and what the terms say; tell residents." },
  precedent = "志木市 令和2年度第3回 議題(5)（LINEを活用した電子申請）; 総務省「LINE株式会社の事案を踏まえた地方公共団体におけるLINEサービス等の利用の際の考え方（ガイドライン）」（令和3年4月30日）; 個人情報保護委員会 LINE株式会社に対する指導（令和3年4月23日）",

  check = function(plan, ctx)
    local _, st = gov.level(plan)
    for _, p in ipairs(common.list(plan.platforms)) do
      local name = type(p.name) == "string" and p.name or "外部プラットフォーム"
      local vars = { name = name, data = st.label_ja, data_en = st.label_en }
      if p.region == "overseas" then
        vars.state, vars.state_en = "データが海外に保存されます", "the data is stored abroad"
        ctx.report(p, "region", { severity = "high", vars = vars })
      elseif p.region == "unknown" then
        vars.state, vars.state_en = "データの保存国が不明です", "where it is stored is unknown"
        ctx.report(p, "region", { severity = "medium", vars = vars })
      elseif p.region == nil then
        vars.state, vars.state_en = "データの保存国が記載されていません", "the plan does not say where it is stored"
        ctx.report(p, "region", { severity = "medium", vars = vars })
      end
    end
  end,
}
