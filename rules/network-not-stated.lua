-- network-not-stated: electronic data kept on a server (庁舎内, data centre, contractor) with no
-- word on the network it sits on.  The council's first question on the child consultation
-- system was where the server is, answered 「インターネットから分離された庁内ネットワーク」.
-- info; low for children's or sensitive data.
local SERVER_SITES = { on_premise = true, government_data_center = true, contractor = true }

return {
  id        = "network-not-stated",
  topic     = "network.separation",
  severity  = "info",
  title     = { ja = "接続するネットワークが記載されていない",
                en = "The network is not stated" },
  message   = { ja = "「{what}」を電子データで保管しますが、インターネットから分離されたネットワーク（庁内ネットワーク、LGWAN）か、インターネットに接続するかが記載されていません。",
                en = "\"{what}\" is kept electronically, but the plan does not say whether it is on a network separated from the internet (internal network, LGWAN) or on the internet." },
  follow_up = { ja = "保管するシステムが接続するネットワーク（閉域、LGWAN、インターネット、スタンドアロン）を示してください。",
                en = "State the network the system is on (closed, LGWAN, internet, standalone)." },
  precedent = "志木市 令和2年度第3回 議題(2)「サーバー及びデータの保管場所はどこか」「インターネットから分離された庁内ネットワークを利用し、データを保管する」",

  check = function(plan, ctx)
    local st = common.stakes(plan)
    for _, s in ipairs(common.list(plan.storage)) do
      if s.medium == "electronic" and SERVER_SITES[s.location] and s.network == nil then
        ctx.report(s, "network", { severity = st.high and "low" or "info",
                                   vars = { what = s.what or "データ" } })
      end
    end
  end,
}
