-- storage-overseas: personal data kept outside Japan somewhere other than a cloud service (a
-- contractor's or data centre's site abroad, offshore data entry).  Cloud storage abroad is
-- storage-cloud's concern.  The city must know the foreign country's data-protection regime and
-- take measures for it (外的環境の把握).  medium; high for children's or sensitive data.  Cleared
-- by keeping it in Japan (region domestic), or by the plan stating what the follow-up asks: the
-- country's regime understood (「外的環境の把握」「〇〇国の個人情報保護制度を確認」) and access or
-- subcontracting there limited.  The reason for keeping it abroad is read where it is written
-- (situation.reason: storage.region_reason, or the entry's or the plan's prose): once given, the
-- follow-up no longer asks it, and a reason that also states the regime and the limits clears it.
-- Electronic data at a contractor's site with no country (storage[].region) and no word of 国内/
-- 海外 in the prose is asked as 記載不足 (low): where the data is kept is a core fact, and the
-- guideline's 外的環境の把握 needs the country; leaving region out must never do better than
-- writing "overseas" (the omission property).
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
  follow_up = { ja = "保管する国と施設、その国の個人情報保護制度を把握した上での安全管理措置（外的環境の把握）、現地での閲覧・再委託の制限、国内で保管できない理由（「{label:storage.region_reason}」の欄）を示してください。",
                en = "State the country and site, the safeguards chosen in light of that country's data-protection regime (understanding of the external environment), limits on access and subcontracting there, and why it cannot be kept in Japan (the field \"{label:storage.region_reason}\")." },
  precedent = "個人情報の保護に関する法律についてのガイドライン（行政機関等編）「外的環境の把握」; 志木市 令和2年度第3回 議題(2)「サーバー及びデータの保管場所はどこか」" .. situation.PRE_ACT,

  -- needs: check() reports nothing without plan.storage
  -- needs words: a storage entry at the contractor or in region overseas
  needs = { stated = { "storage" }, words = { "contractor", "overseas" } },

  check = function(plan, ctx)
    local st = common.stakes(plan)
    if situation.mentions(plan, REGIME) and situation.mentions(plan, LIMITS) then return end
    for _, s in ipairs(common.list(plan.storage)) do
      if common.obj(s) and s.location == "contractor" and s.medium ~= "paper" and situation.value(s.region) == nil
         and not situation.says(plan, [[国内|日本国内|海外|国外]]) then
        -- which country the contractor keeps it in is where it is kept (a core fact): left out,
        -- it is asked as 記載不足, never better than stating "overseas"
        ctx.report(s, "region", { severity = "low", incomplete = true, vars = {
          what = common.answer(s.what) or "データ", data = st.label_ja, data_en = st.label_en },
          message = { ja = "受託者の施設で保管する「{what}」（{data}）の所在国（国内・海外）が記載されていません（記載不足）。",
                      en = "Which country the contractor keeps \"{what}\" ({data_en}) in is not stated (incomplete)." },
          follow_up = { ja = "受託者がこのデータを保管・処理する国を「{label:storage.region}」欄に記載してください（国内なら「" .. hogo.choice("storage.region", "domestic") .. "」）。海外の場合は、その国の個人情報保護制度を把握した上での安全管理措置（外的環境の把握）を示してください。",
                        en = "State the country where the contractor keeps and processes the data in storage[].region (domestic if in Japan); if abroad, the safeguards chosen in light of that country's regime." } })
      end
      if common.obj(s) and s.region == "overseas" and not situation.cloudlike(s) then
        local where = ({ contractor = "受託者の施設", government_data_center = "データセンター",
                         on_premise = "庁舎外の拠点", personal_device = "個人の端末",
                         lgwan_asp = "LGWAN-ASPのサービス", gov_cloud = "ガバメントクラウド" })[s.location] or "保管場所未記載"
        local where_en = ({ contractor = "the contractor's site", government_data_center = "a data centre",
                            on_premise = "a site", personal_device = "a personal device",
                            lgwan_asp = "an LGWAN-ASP service", gov_cloud = "the Government Cloud" })[s.location] or "location not stated"
        -- the reason for keeping it abroad, read where it is written (storage.region_reason or the
        -- prose): then only the regime and the limits are asked, and the reason may state them too
        local why = situation.reason(plan, s, "region_reason", [[海外|国外|国内|現地]])
        if why and hogo.test(why, REGIME) and hogo.test(why, LIMITS) then goto continue end
        ctx.report(s, "region", { severity = st.high and "high" or "medium",
          follow_up = why and {
            ja = "保管する国と施設、その国の個人情報保護制度を把握した上での安全管理措置（外的環境の把握）と、現地での閲覧・再委託の制限を示してください（国外に置く理由は「" .. gov.excerpt(why, 24) .. "」と示されています）。",
            en = "State the country and site, the safeguards chosen in light of that country's data-protection regime, and limits on access and subcontracting there (the reason for keeping it abroad is given)." } or nil,
          vars = {
          what = common.answer(s.what) or "データ", data = st.label_ja, data_en = st.label_en, where = where, where_en = where_en } })
      end
      ::continue::
    end
  end,
}
