-- storage-overseas: personal data kept outside Japan somewhere other than a cloud service (a
-- contractor's or data centre's site abroad, offshore data entry).  Cloud storage abroad is
-- storage-cloud's concern.  The city must know the foreign country's data-protection regime and
-- take measures for it (外的環境の把握).  medium; high for children's or sensitive data.  Cleared
-- by keeping it in Japan (region domestic), or by the plan stating what the follow-up asks: the
-- country's regime understood (「外的環境の把握」「〇〇国の個人情報保護制度を確認」) and access or
-- subcontracting there limited.
local REGIME = [[外的環境(?:の)?(?:把握|を把握)|(?:国|地域|現地|[ァ-ヴー]{2,})の(?:個人情報(?:保護)?|データ保護)(?:に関する)?(?:制度|法令|法制度|法制|法律)|十分性認定|GDPR]]
local LIMITS = [[(?:閲覧|アクセス|再委託)(?:者|権限)?(?:を|は)?.{0,10}?(?:制限|限定|禁止|限る|させない)|再委託(?:を|は)?(?:禁止|しない|させない)]]
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
  precedent = "個人情報の保護に関する法律についてのガイドライン（行政機関等編）「外的環境の把握」; 志木市 令和2年度第3回 議題(2)「サーバー及びデータの保管場所はどこか」" .. situation.PRE_ACT,

  -- needs: check() reports nothing without plan.storage
  needs = { fields = { "storage" } },

  check = function(plan, ctx)
    local st = common.stakes(plan)
    if situation.mentions(plan, REGIME) and situation.mentions(plan, LIMITS) then return end
    for _, s in ipairs(common.list(plan.storage)) do
      if common.obj(s) and s.region == "overseas" and not situation.cloudlike(s) then
        local where = ({ contractor = "受託者の施設", government_data_center = "データセンター",
                         on_premise = "庁舎外の拠点", personal_device = "個人の端末",
                         lgwan_asp = "LGWAN-ASPのサービス", gov_cloud = "ガバメントクラウド" })[s.location] or "保管場所未記載"
        local where_en = ({ contractor = "the contractor's site", government_data_center = "a data centre",
                            on_premise = "a site", personal_device = "a personal device",
                            lgwan_asp = "an LGWAN-ASP service", gov_cloud = "the Government Cloud" })[s.location] or "location not stated"
        ctx.report(s, "region", { severity = st.high and "high" or "medium", vars = {
          what = common.answer(s.what) or "データ", data = st.label_ja, data_en = st.label_en, where = where, where_en = where_en } })
      end
    end
  end,
}
