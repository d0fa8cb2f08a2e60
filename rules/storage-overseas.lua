-- storage-overseas: personal data kept outside Japan somewhere other than a cloud service (a
-- contractor's or data centre's site abroad, offshore data entry).  Cloud storage abroad is
-- storage-cloud's concern.  The city must know the foreign country's data-protection regime and
-- take measures for it (外的環境の把握).  medium; high for children's or sensitive data.
return {
  id        = "storage-overseas",
  topic     = "storage.location",
  severity  = "medium",
  title     = { ja = "個人情報を海外で保管",
                en = "Personal data kept abroad" },
  message   = { ja = "「{what}」（{data}）を海外（{where}）で保管する計画です。",
                en = "\"{what}\" ({data_en}) is to be kept abroad ({where_en})." },
  follow_up = { ja = "保管する国と施設、その国の個人情報保護制度を把握した上での安全管理措置（外的環境の把握）、現地での閲覧・再委託の制限、国内で保管できない理由を示してください。",
                en = "State the country and site, the safeguards chosen in light of that country's data-protection regime (understanding of the external environment), limits on access and subcontracting there, and why it cannot be kept in Japan." },
  precedent = "個人情報の保護に関する法律についてのガイドライン（行政機関等編）「外的環境の把握」; 志木市 令和2年度第3回 議題(2)「サーバー及びデータの保管場所はどこか」",

  check = function(plan, ctx)
    local st = common.stakes(plan)
    for _, s in ipairs(common.list(plan.storage)) do
      if common.obj(s) and s.region == "overseas" and s.location ~= "cloud" then
        local where = ({ contractor = "受託者の施設", government_data_center = "データセンター",
                         on_premise = "庁舎外の拠点", personal_device = "個人の端末" })[s.location] or "保管場所未記載"
        local where_en = ({ contractor = "the contractor's site", government_data_center = "a data centre",
                            on_premise = "a site", personal_device = "a personal device" })[s.location] or "location not stated"
        ctx.report(s, "region", { severity = st.high and "high" or "medium", vars = {
          what = s.what or "データ", data = st.label_ja, data_en = st.label_en, where = where, where_en = where_en } })
      end
    end
  end,
}
