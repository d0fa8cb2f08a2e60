-- network-lgwan-asp: data kept in an LGWAN-ASP service.  LGWAN is closed, so the questions about
-- internet exposure do not apply; what still matters is who runs the service and where its data
-- centre is.  狛江市の委員 asked 「LGWANASPとは,何のことか」 and who runs LGWAN (地方公共団体情報シス
-- テム機構).  low when the provider or the region is not stated, or the region is overseas (the same
-- severity: leaving the region out must never score better).  Quiet when both are stated (domestic).

-- (situation.service: location lgwan_asp, or the entry's own words name it)
local function is_asp(s)
  return situation.service(s) == "lgwan_asp"
end

return {
  id        = "network-lgwan-asp",
  topic     = "storage.location",
  severity  = "low",
  title     = { ja = "LGWAN-ASPサービスの提供事業者とデータセンター",
                en = "Who runs the LGWAN-ASP service and where its data centre is" },
  message   = { ja = "「{what}」をLGWAN-ASPのサービスに保存する計画です。LGWANは閉域網のため、インターネット経由の漏えいに関する質問は当てはまりませんが、{missing}",
                en = "\"{what}\" is kept in an LGWAN-ASP service. LGWAN is a closed network, so questions about the internet do not apply, but {missing_en}" },
  follow_up = { ja = "LGWAN-ASPサービスの名称と提供事業者（「{label:storage.provider}」欄と「{label:storage.service}」欄）、データセンターの所在国（「{label:storage.region}」欄）を記載してください。事業者の保守作業がインターネット経由で行われるかどうかも示してください。",
                en = "State the LGWAN-ASP service and its provider (storage.provider, service) and the country of its data centre (storage.region), and whether the provider's maintenance reaches it over the internet." },
  precedent = "狛江市個人情報保護審議会 令和3年8月2日: 委員「LGWANASPとは,何のことか」「地方公共団体システム機構というのは,どのような機関なのか」; 担当課「LGWAN環境内にシステムを設けて,各LGWAN端末からアクセスできるサービス」",

  -- needs: check() reports nothing without plan.storage
  -- needs words: situation.service: location lgwan_asp, or LGWAN[-‐－ ・]?ASP in the entry's words
  needs = { stated = { "storage" }, words = { "lgwan_asp", "lgwan" } },

  check = function(plan, ctx)
    for _, s in ipairs(common.list(plan.storage)) do
      if is_asp(s) then
        local who = common.answer(s.provider) or common.answer(s.service)
        local region = s.region
        local missing, missing_en = {}, {}
        if not who then missing[#missing + 1] = "提供事業者"; missing_en[#missing_en + 1] = "the provider" end
        if region == nil or hogo.is_null(region) or region == "unknown" then
          missing[#missing + 1] = "データセンターの所在国"; missing_en[#missing_en + 1] = "the data centre's country"
        end
        local sev
        if region == "overseas" and not situation.reason(plan, s, "region_reason", [[海外|国外|データセンター|リージョン]]) then
          sev = "low"
          missing[#missing + 1] = "データセンターが海外にある理由（「" .. hogo.label("storage.region_reason") .. "」の欄）"; missing_en[#missing_en + 1] = "why the data centre is abroad (the field \"" .. hogo.label("storage.region_reason", "en") .. "\")"
        elseif #missing > 0 then sev = "low" end
        if sev then
          ctx.report(s, "location", { severity = sev, vars = { what = s.what or "データ",
            missing = table.concat(missing, "、") .. "が記載されていません。",
            missing_en = table.concat(missing_en, ", ") .. " is not stated." } })
        end
      end
    end
  end,
}
