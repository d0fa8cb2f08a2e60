-- storage-encryption-at-rest: electronic data kept outside the city's own building (at the
-- contractor, a data centre, an LGWAN-ASP service) with nothing said on encryption.  Data centres
-- are guarded, but 長岡京市の委員: 「データセンターでサーバを管理する人間による情報漏えいももちろん
-- あります」; 狛江市の委員: 「情報の保管先の安全性は確保されているか」.  low, medium for sensitive or
-- children's data, whether encryption is unstated or refused (the same severity: saying less must
-- never score better).  Cloud storage is asked by
-- storage-cloud and the government cloud by network-gov-cloud.  Quiet when encrypted is true.

local OUTSIDE = { contractor = true, government_data_center = true, lgwan_asp = true }

return {
  id        = "storage-encryption-at-rest",
  topic     = "storage.location",
  severity  = "low",
  title     = { ja = "庁舎外に保存するデータの暗号化",
                en = "Encryption of data kept outside the city's building" },
  message   = { ja = "「{what}」を{place}に電子データで保存する計画ですが、{problem}",
                en = "\"{what}\" is kept electronically at {place_en}, but {problem_en}" },
  follow_up = { ja = "保存するデータを暗号化するか（「{label:storage.encrypted}」欄）、暗号鍵を誰が管理するか、保管先の事業者の職員が平文のデータを見られるかを記載してください。",
                en = "State whether the stored data is encrypted (storage.encrypted), who holds the keys, and whether the provider's staff can read the data in clear." },
  precedent = "長岡京市情報公開・個人情報保護運営審議会 平成26年12月1日 諮問「図書館システムについて」: 委員「データセンターでサーバを管理する人間による情報漏えいももちろんありますが…」; 狛江市個人情報保護審議会 令和2年10月19日: 委員「情報の保管先の安全性は確保されているか」",

  -- needs: check() reports only a storage entry whose medium is electronic
  needs = { stated = { "storage" }, words = { "electronic" } },

  check = function(plan, ctx)
    local st = common.stakes(plan)
    local PLACE = { contractor = { "受託者の施設", "the contractor's site" },
                    government_data_center = { "データセンター", "a data centre" },
                    lgwan_asp = { "LGWAN-ASPサービス", "an LGWAN-ASP service" } }
    for _, s in ipairs(common.list(plan.storage)) do
      if s.medium == "electronic" and OUTSIDE[s.location] and s.encrypted ~= true then
        local p = PLACE[s.location]
        local sev, ja, en = st.high and "medium" or "low"
        if s.encrypted == false then
          ja, en = "暗号化しない計画です。", "it is not encrypted."
        else
          ja, en = "暗号化するかどうかが記載されていません。", "whether it is encrypted is not stated."
        end
        ctx.report(s, "encrypted", { severity = sev, vars = { what = s.what or "データ",
          place = p[1], place_en = p[2], problem = ja, problem_en = en } })
      end
    end
  end,
}
