-- contract-period-basis: the contract runs for a stated number of years but the plan gives no
-- reason for that length (equipment life, lease term, maintenance, the data migration).  The
-- council: 「契約期間3年間の根拠は何か」, answered 「機器の老朽化等の問題があるため…3年間の
-- 保守契約等も含む」(議題(2)).  The personal data stays with the contractor for the whole term.
--   info;  low above 5 years (beyond the usual lease term, 地方自治法 第234条の3 長期継続契約)
-- A basis is read from contract.basis (an extension field) or from the prose
-- (「契約期間…根拠／ため／耐用年数／老朽化／リース期間／保守期間」).

local BASIS = [[(?:契約期間|リース期間|賃貸借期間|期間を?\d+年|\d+年間?)(?:[^。]{0,40})(?:根拠|ため|理由|耐用年数|老朽|更新時期|保守期間|サポート期限|法定)|耐用年数|老朽化|サポート(?:期限|終了)]]

return {
  id        = "contract-period-basis",
  topic     = "contract.period",
  severity  = "info",
  title     = { ja = "契約期間の根拠が示されていない",
                en = "No basis given for the contract length" },
  message   = { ja = "契約期間を{years}年とする根拠が示されていません。{long}",
                en = "No reason is given for a {years}-year contract. {long_en}" },
  follow_up = { ja = "契約期間{years}年の根拠（機器の耐用年数、リース・保守の期間、データ移行の時期など）と、期間中に受託者が保持する個人情報の範囲を示してください。",
                en = "Give the basis for {years} years (equipment life, lease and maintenance terms, migration timing) and what personal data the contractor holds during the term." },
  precedent = "志木市 令和2年度第3回 議題(2)「契約期間3年間の根拠は何か」「機器の老朽化等の問題があるため。また、今回は機器の賃貸借契約になる予定のため、3年間の保守契約等も含む」",

  check = function(plan, ctx)
    local c = common.obj(plan.contract)
    -- a single-year contract is the default (単年度契約) and needs no reason
    if not c or type(c.years) ~= "number" or c.years <= 1 then return end
    if not gov.blank(c.basis) then return end
    for _, f in ipairs(gov.prose(plan)) do
      if hogo.test(f.text, BASIS) then return end
    end
    local y = math.tointeger(c.years) or c.years
    local long, long_en, sev = "", "", "info"
    if c.years > 5 then
      long = "5年を超える契約は、地方自治法の長期継続契約の範囲や機器の更新時期との関係も説明が必要です。"
      long_en = "A contract beyond five years also needs to be squared with the rules on long-term continuing contracts and equipment renewal."
      sev = "low"
    end
    ctx.report(c, "years", { severity = sev, vars = { years = y, long = long, long_en = long_en } })
  end,
}
