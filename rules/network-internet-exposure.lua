-- network-internet-exposure: personal data kept where it is reached over the internet (network
-- "internet", or a cloud service with no network stated).  Under the 三層の対策 the city keeps
-- personal data in the 個人番号利用事務系 / LGWAN接続系, separated from the internet; the council
-- noted of GIGA 「LGWAN回線を利用しないため…情報漏洩リスクや懸念等が出てくる可能性がある」.
-- medium; high for children's or sensitive data; one step down when strong authentication and
-- access logging are both stated.
local STRONG_AUTH = { two_factor = true, ic_card = true, biometric = true }

return {
  id        = "network-internet-exposure",
  topic     = "network.separation",
  severity  = "medium",
  title     = { ja = "インターネットに接続された環境で個人情報を保管",
                en = "Personal data kept on an internet-facing system" },
  message   = { ja = "「{what}」（{data}）を{how}で保管する計画で、インターネットから分離されていません。",
                en = "\"{what}\" ({data_en}) is kept {how_en}, not separated from the internet." },
  follow_up = { ja = "インターネット分離（三層の対策）の例外とする理由、多要素認証、アクセス記録の取得と点検、通信の暗号化、情報漏えい時の対応を示してください。運用中に懸念が生じた場合は審議会に諮ってください。",
                en = "Explain why this is an exception to internet separation (the three-layer model), and state multi-factor authentication, access logging and review, encryption in transit and the response to a leak. Bring concerns that arise in operation back to the council." },
  precedent = "志木市 令和2年度第3回 議題(6)「LGWAN回線を利用しないため、運用していく中で情報漏洩リスクや懸念等が出てくる可能性がある」; 地方公共団体における情報セキュリティポリシーに関するガイドライン（総務省）三層の対策",

  check = function(plan, ctx)
    local st = common.stakes(plan)
    local access = common.obj(plan.access) or {}
    local mitigated = STRONG_AUTH[access.authentication] and access.logging == true
    for _, s in ipairs(common.list(plan.storage)) do
      local internet = s.network == "internet"
      local implied = s.network == nil and s.location == "cloud"
      if s.medium ~= "paper" and (internet or implied) then
        local sev = st.high and "high" or "medium"
        if mitigated then sev = common.sev_shift(sev, -1) end
        local how = implied and "クラウド（インターネット経由で利用）" or "インターネットに接続された環境"
        local how_en = implied and "in the cloud (reached over the internet)" or "on an internet-connected system"
        ctx.report(s, internet and "network" or "location", { severity = sev, vars = {
          what = s.what or "データ", data = st.label_ja, data_en = st.label_en, how = how, how_en = how_en } })
      end
    end
  end,
}
