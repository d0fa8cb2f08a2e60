-- network-not-stated: electronic data kept on a server (庁舎内, data centre, contractor) with no
-- word on the network it sits on.  The council's first question on the child consultation
-- system was where the server is, answered 「インターネットから分離された庁内ネットワーク」.
-- The council asked it first of all, so it is a question to answer before the session: low
-- (medium when the contractor keeps children's or 要配慮 data at its site: whether that site is
-- reachable from the internet is what the council would make a condition of).
local SERVER_SITES = { on_premise = true, government_data_center = true, contractor = true }

-- the network told in words (the storage's own text, or the plan's description)
local NETWORK_PROSE = [[閉域|LGWAN|行政専用ネットワーク|インターネット(?:から|と)(?:は)?(?:分離|切り離|遮断|接続しない|接続されていない)|インターネット(?:に|へ)(?:接続|つなが)|スタンドアロン|専用線|庁内(?:ネットワーク|LAN)|三層分離|(?:マイナンバー|個人番号)利用事務系]]

local function told(plan, s)
  if hogo.test(common.text(s.what), NETWORK_PROSE, "i") then return true end
  return gov.find_claim(plan, NETWORK_PROSE) ~= nil
end

return {
  id        = "network-not-stated",
  topic     = "network.separation",
  severity  = "low",
  title     = { ja = "接続するネットワークが記載されていない",
                en = "The network is not stated" },
  message   = { ja = "「{what}」を電子データで保管しますが、インターネットから分離されたネットワーク（庁内ネットワーク、LGWAN）か、インターネットに接続するかが記載されていません。",
                en = "\"{what}\" is kept electronically, but the plan does not say whether it is on a network separated from the internet (internal network, LGWAN) or on the internet." },
  follow_up = { ja = "保管するシステムが接続するネットワーク（「{label:storage.network}」欄：インターネットから分離された庁内ネットワーク、LGWAN、インターネット、単体の端末）を示してください。",
                en = "State the network the system is on (storage[].network: closed, lgwan, internet, standalone)." },
  precedent = "志木市 令和2年度第3回 議題(2)「サーバー及びデータの保管場所はどこか」「インターネットから分離された庁内ネットワークを利用し、データを保管する」（2023年4月の法施行前の審議）; 長岡京市情報公開・個人情報保護運営審議会 平成26年12月1日: 委員「データセンターでサーバを管理する人間による情報漏えいももちろんありますが、インターネットに接続…」",

  -- needs: check() reports nothing without plan.storage
  needs = { stated = { "storage" } },

  check = function(plan, ctx)
    local st = common.stakes(plan)
    for _, s in ipairs(common.list(plan.storage)) do
      if common.obj(s) and s.medium == "electronic" and SERVER_SITES[s.location] and s.network == nil
         and not told(plan, s) then
        ctx.report(s, "network", { severity = (st.high and s.location == "contractor") and "medium" or "low",
                                   vars = { what = s.what or "データ" } })
      end
    end
  end,
}
