-- storage-cloud: personal data kept in a cloud service.  The council: 「クラウドにするのであれば
-- 再検討が必要だが、市の庁舎内で管理しているのであれば問題ない」(議題(2)).  What makes it worse:
-- children's or 要配慮 data, an overseas or unknown region, no ISMAP registration, no encryption.

return {
  id        = "storage-cloud",
  topic     = "storage.location",
  severity  = "medium",
  title     = { ja = "個人情報をクラウドに保存",
                en = "Personal data stored in the cloud" },
  message   = { ja = "「{what}」（{data}）をクラウド（{provider}）に保存する計画です。{problems}",
                en = "\"{what}\" ({data_en}) is to be stored in the cloud ({provider}). {problems_en}" },
  follow_up = { ja = "クラウド事業者とサービス名、データの所在国（国内リージョンか）、ISMAP登録の有無、暗号化と鍵の管理、アクセスできる者を示してください。児童や要配慮個人情報をクラウドに置く場合は、庁舎内で管理できない理由も説明してください。",
                en = "State the provider and service, the country where the data sits (a domestic region?), ISMAP registration, encryption and key management, and who can access it. For children's or sensitive data, explain why it cannot be kept on premises." },
  precedent = "志木市 令和2年度第3回 議題(2)「クラウドにするのであれば再検討が必要だが、市の庁舎内で管理しているのであれば問題ない」; 議題(6)（Google Driveへの保存）; 政府情報システムのためのセキュリティ評価制度（ISMAP）",

  check = function(plan, ctx)
    local st = common.stakes(plan)
    for _, s in ipairs(common.list(plan.storage)) do
      if s.location == "cloud" then
        local ja, en = {}, {}
        local sev
        if s.region == "overseas" then
          ja[#ja + 1] = "データの所在が海外です"; en[#en + 1] = "the data sits overseas"
        elseif s.region == nil or s.region == "unknown" or hogo.is_null(s.region) then
          ja[#ja + 1] = "データの所在国（リージョン）が" .. (s.region == "unknown" and "不明です" or "記載されていません")
          en[#en + 1] = "the region is " .. (s.region == "unknown" and "unknown" or "not stated")
        end
        if s.ismap == false then
          ja[#ja + 1] = "ISMAPに登録されていないサービスです"; en[#en + 1] = "the service is not ISMAP-registered"
        elseif s.ismap ~= true then
          ja[#ja + 1] = "ISMAP登録の有無が記載されていません"; en[#en + 1] = "ISMAP registration is not stated"
        end
        if s.encrypted == false then
          ja[#ja + 1] = "暗号化しない計画です"; en[#en + 1] = "the data is not encrypted"
        end
        if #ja == 0 then
          -- domestic, ISMAP-registered: only children's or sensitive data still needs a word
          sev = st.high and "low" or nil
        else
          sev = "medium"
          if st.high then sev = common.sev_shift(sev, 1) end
          if s.region == "overseas" then sev = common.sev_shift(sev, 1) end
        end
        if sev then
          local p_ja = #ja > 0 and (table.concat(ja, "。") .. "。") or "国内リージョン・ISMAP登録済みのサービスですが、取扱いの確認が必要です。"
          local joined = table.concat(en, "; ")
          local p_en = #en > 0 and (string.upper(joined:sub(1, 1)) .. joined:sub(2) .. ".") or "The service is domestic and ISMAP-registered; handling still needs to be shown."
          local provider = s.service or s.provider or "事業者未記載"
          ctx.report(s, "location", { severity = sev, vars = {
            what = s.what or "データ", provider = provider, data = st.label_ja, data_en = st.label_en,
            problems = p_ja, problems_en = p_en } })
        end
      end
    end
  end,
}
