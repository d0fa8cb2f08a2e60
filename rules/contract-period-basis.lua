-- contract-period-basis: the contract runs for a stated number of years but the plan gives no
-- reason for that length (equipment life, lease term, maintenance, the data migration).  The
-- council: 「契約期間3年間の根拠は何か」, answered 「機器の老朽化等の問題があるため…3年間の
-- 保守契約等も含む」(議題(2)).  The personal data stays with the contractor for the whole term.
--   low: the council asked it (a question to answer before the session); above 5 years the
--   message adds the long-term contract rules (地方自治法 第234条の3 長期継続契約)
-- A basis is read from contract.basis (an extension field; a deferral or placeholder there is no
-- basis: common.answer) or, as docs/plan-guide.md 4 tells the writer, from description and the
-- rest of the prose: each reason the follow-up names, in its own words or a department's
-- (「機器の耐用年数に合わせ」「リース期間が5年のため」「保守期間（3年）」「次期システムへの
-- 移行時期」「サポート終了まで」「長期継続契約」…).

-- a reason that is one by itself
local REASON = [[耐用年数|法定耐用|老朽|更新(?:時期|周期|サイクル|期限|年度)|保証期間|サポート(?:期限|期間|終了|切れ)|保守(?:の)?(?:期間|年数|契約期間)|(?:リース|賃貸借|借入|レンタル|ライセンス|利用許諾)(?:の)?(?:期間|年数|契約期間)|(?:データ)?移行(?:の)?(?:時期|時点|予定|まで|に合わせ)|\d+(?:年|か年|ヵ年|カ年|ヶ年)間?の(?:保守|リース|賃貸借|サポート)|(?:賃貸借|リース|保守)契約[^。]{0,10}(?:ため|による|予定)|次期システム|長期継続契約|地方自治法(?:第)?234条の3]]
-- a period given with a reason: 「契約期間…ため／による／に合わせ／を考慮／根拠／理由」
local PERIOD_BECAUSE = [[(?:契約期間|期間|\d+(?:\.\d+)?(?:年|か年|ヵ年|カ年|ヶ年))(?:[^。]{0,40})(?:根拠|ため|理由|による|に合わせ|にあわせ|に揃え|にそろえ|を踏まえ|を考慮|に基づ|を見込)]]

local function basis_stated(plan, c)
  if common.answer(c.basis) then return true end
  -- (one search of all the plan's text says whether any field can give a reason)
  local all = common.joined(plan)
  if not (hogo.test(all, REASON) or hogo.test(all, PERIOD_BECAUSE)) then return false end
  for _, f in ipairs(gov.prose(plan)) do
    if common.answer(f.text) and (hogo.test(f.text, REASON) or hogo.test(f.text, PERIOD_BECAUSE)) then
      return true
    end
  end
  return false
end

return {
  id        = "contract-period-basis",
  topic     = "contract.period",
  severity  = "low",
  title     = { ja = "契約期間の根拠が示されていない",
                en = "No basis given for the contract length" },
  message   = { ja = "契約期間を{years}年とする根拠が示されていません。{long}",
                en = "No reason is given for a {years}-year contract. {long_en}" },
  follow_up = { ja = "契約期間{years}年の根拠（機器の耐用年数、リース・保守の期間、データ移行の時期など）と、期間中に受託者が保持する個人情報の範囲を「{label:description}」欄に示してください。",
                en = "Give in description (or contract.basis) the basis for {years} years (equipment life, lease and maintenance terms, migration timing) and what personal data the contractor holds during the term." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(2)「契約期間3年間の根拠は何か」「機器の老朽化等の問題があるため。また、今回は機器の賃貸借契約になる予定のため、3年間の保守契約等も含む」",

  -- needs: check() reports nothing without plan.contract
  -- needs words: contract.years, a number (its key is in the text)
  needs = { stated = { "contract" }, words = { "years" } },

  check = function(plan, ctx)
    local c = common.obj(plan.contract)
    -- a single-year contract is the default (単年度契約) and needs no reason
    if not c or type(c.years) ~= "number" or c.years <= 1 then return end
    if basis_stated(plan, c) then return end
    local y = math.tointeger(c.years) or c.years
    local long, long_en = "", ""
    if c.years > 5 then
      long = "5年を超える契約は、地方自治法の長期継続契約の範囲や機器の更新時期との関係も説明が必要です。"
      long_en = "A contract beyond five years also needs to be squared with the rules on long-term continuing contracts and equipment renewal."
    end
    ctx.report(c, "years", { vars = { years = y, long = long, long_en = long_en } })
  end,
}
