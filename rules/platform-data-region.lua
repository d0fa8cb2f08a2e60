-- platform-data-region: residents reach the city through a third-party platform (LINE, SNS) and
-- the plan does not say where that platform keeps their data, or says it is abroad.  In March
-- 2021 it came out that LINE kept users' images and files on servers in Korea and let a
-- contractor in China access personal data; 総務省 then asked municipalities to check where
-- data sits before using such services.
--   region overseas: high;  unknown or not stated: medium;  domestic: nothing
-- With no region field, the plan's words count (「国内のサーバーに保存」 = domestic, 「海外の
-- サーバー」 = overseas).  What the follow-up asks, once done, clears an overseas platform for
-- data that is not 要配慮: access from abroad confirmed and residents told (「海外からのアクセスが
-- ないことを確認」「利用者に保存国を周知」); for 要配慮 data it stays a condition (high).
local DOMESTIC = [[国内(?:の)?(?:サーバ|データセンター|データセンタ|リージョン|拠点)|日本国内(?:に|で)(?:保存|保管|管理)]]
local OVERSEAS = [[海外(?:の)?(?:サーバ|データセンター|リージョン|拠点)|国外(?:に|で)(?:保存|保管)]]
local ABROAD_CHECKED = [[(?:海外|国外)(?:の委託先)?(?:から)?の?アクセス|(?:海外|国外)(?:の)?委託先]]
local TOLD = [[(?:利用者|住民|市民|県民|町民|村民|区民|申請者)(?:に|へ)(?:対して|対し)?.{0,20}?(?:周知|案内|明示|明記|説明|通知|知らせ)|(?:周知|案内|明示|明記)(?:する|し)?.{0,8}?(?:利用者|住民|申請者)]]

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
  precedent = "志木市 令和2年度第3回 議題(5)（LINEを活用した電子申請）" .. situation.PRE_ACT .. "; 内閣官房・個人情報保護委員会・金融庁・総務省「政府機関・地方公共団体等における業務でのLINE利用状況調査を踏まえた今後のLINEサービス等の利用の際の考え方（ガイドライン）」（2021年4月30日）; 個人情報保護委員会 LINE株式会社に対する指導（令和3年4月23日）; 長岡京市情報公開・個人情報保護運営審議会 平成26年12月1日: 担当「事前調査の対象とした数社においては、データセンターをすべて国内に置いています」",

  -- needs: check() reports nothing without plan.platforms
  needs = { stated = { "platforms" } },

  check = function(plan, ctx)
    local lv, st = gov.level(plan)
    local settled = situation.mentions(plan, ABROAD_CHECKED) and situation.mentions(plan, TOLD)
    for _, p in ipairs(common.list(plan.platforms)) do
      local name = common.answer(p.name) or "外部プラットフォーム"
      local vars = { name = name, data = st.label_ja, data_en = st.label_en }
      local region = p.region
      if region == nil or hogo.is_null(region) then
        if situation.says(plan, OVERSEAS) then region = "overseas"
        elseif situation.says(plan, DOMESTIC) then region = "domestic" end
      end
      if region == "overseas" and settled and lv < 2 then
        -- the follow-up done: where it sits and who reaches it confirmed, residents told
      elseif region == "overseas" then
        vars.state, vars.state_en = "データが海外に保存されます", "the data is stored abroad"
        ctx.report(p, "region", { severity = "high", vars = vars })
      elseif region == "unknown" then
        vars.state, vars.state_en = "データの保存国が不明です", "where it is stored is unknown"
        ctx.report(p, "region", { severity = "medium", vars = vars })
      elseif region == nil or hogo.is_null(region) then
        vars.state, vars.state_en = "データの保存国が記載されていません", "the plan does not say where it is stored"
        ctx.report(p, "region", { severity = "medium", vars = vars })
      end
    end
  end,
}
