-- network-gov-cloud: data kept on ガバメントクラウド (the government cloud, with the 標準準拠システム).
-- Its cloud services are procured from the ISMAP list and the data stays in Japan (デジタル庁), so
-- asking for ISMAP or the region makes no sense; what still does: which application vendor runs
-- the system there (it, not the cloud provider, handles the data), and whether the data is
-- encrypted.  狛江市 consulted on moving the 戸籍 system to a cloud service as an 外部提供.  low when
-- the vendor or encryption is not stated, or the data is not encrypted (the same severity: leaving
-- encryption out must never score better).

-- (situation.service: location gov_cloud, or the entry's own words name it)
local function is_gov(s)
  return situation.service(s) == "gov_cloud"
end

return {
  id        = "network-gov-cloud",
  topic     = "storage.location",
  severity  = "low",
  title     = { ja = "ガバメントクラウド上のシステムの運用事業者と暗号化",
                en = "On the government cloud: who runs the system, and encryption" },
  message   = { ja = "「{what}」をガバメントクラウドに保存する計画です。ISMAP登録や国内リージョンは調達の要件で確保されていますが、{missing}",
                en = "\"{what}\" is kept on the government cloud. ISMAP registration and a domestic region are procurement requirements, but {missing_en}" },
  follow_up = { ja = "ガバメントクラウド上で標準準拠システムを運用する事業者（「{label:storage.provider}」欄）とシステム名（「{label:storage.service}」欄）、データの暗号化（「{label:storage.encrypted}」欄）を記載してください。運用事業者が個人情報を取り扱うか（委託に当たるか）も示してください。",
                en = "State the vendor running the standard-compliant system on the government cloud (storage.provider), the system (storage.service) and whether the data is encrypted (storage.encrypted), and whether that vendor handles the personal data (an outsourcing)." },
  precedent = "デジタル庁「地方自治体によるガバメントクラウドの活用について（案）」2021年9月「ISMAPのリストに登録されたサービスから…調達」「不正アクセス防止やデータ暗号化などにおいて、最新かつ最高レベルの情報セキュリティが確保できること」; 狛江市個人情報保護審議会 令和4年1月17日 諮問ウ「戸籍システムのクラウドサービスの導入における保有個人情報の外部提供…」; 個人情報保護委員会 注意喚起（令和6年3月25日）",

  -- needs: check() reports nothing without plan.storage
  -- needs words: situation.service: location gov_cloud, or GOV_CLOUD in the entry's words
  -- (ガバメント・?クラウド: ガバメント; Gov-?Cloud, government cloud, gov_cloud: gov)
  needs = { stated = { "storage" }, words = { "ガバメント", "ガバクラ", "gov" } },

  check = function(plan, ctx)
    for _, s in ipairs(common.list(plan.storage)) do
      if is_gov(s) then
        local vendor = common.answer(s.provider) or common.answer(s.service)
        local missing, missing_en = {}, {}
        local sev
        if not vendor then missing[#missing + 1] = "システムを運用する事業者"; missing_en[#missing_en + 1] = "the vendor running the system" end
        if s.encrypted == false then
          -- the reason, read where it is written (storage.encryption_reason or the prose)
          if not situation.reason(plan, s, "encryption_reason", [[暗号化]]) then
            missing[#missing + 1] = "暗号化しない理由（「" .. hogo.label("storage.encryption_reason") .. "」の欄）"; missing_en[#missing_en + 1] = "why the data is not encrypted (the field \"" .. hogo.label("storage.encryption_reason", "en") .. "\")"
          end
        elseif s.encrypted ~= true then
          missing[#missing + 1] = "暗号化の有無"; missing_en[#missing_en + 1] = "whether the data is encrypted"
        end
        if #missing > 0 then
          ctx.report(s, "location", { severity = sev or "low", vars = { what = s.what or "データ",
            missing = table.concat(missing, "、") .. "が記載されていません。",
            missing_en = table.concat(missing_en, ", ") .. " is not stated." } })
        end
      end
    end
  end,
}
