-- retention-no-basis: a bounded retention period with no basis (文書管理規程, a law, the need of
-- the work).  info; low for children's or sensitive data, or beyond 10 years.
-- Every retention is read (retention may be an array, each with `what`).  A period bounded by an
-- event (事業終了まで: hogo.days -2) carries its reason in its own words and is not asked; 永年 is
-- retention-indefinite's.  A basis that only defers or is a placeholder is no basis
-- (common.answer), and the finding quotes it.
return {
  id        = "retention-no-basis",
  topic     = "retention.period",
  severity  = "info",
  title     = { ja = "保存期間の根拠が記載されていない",
                en = "No basis for the retention period" },
  message   = { ja = "{what}保存期間「{period}」の根拠が{state}。",
                en = "{what_en}No basis is given for the retention period \"{period}\"{state_en}." },
  follow_up = { ja = "保存期間の根拠（文書管理規程の分類、法令、事業上の必要性）を「{label:retention.basis}」欄に示してください。",
                en = "State the basis of the period (records schedule, law, the need of the work) in retention.basis." },
  precedent = "個人情報保護法 第61条（個人情報の保有の制限等）; 公文書等の管理に関する法律 第34条; 志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(2)「契約期間3年間の根拠は何か」（期間の根拠を問う）",

  check = function(plan, ctx)
    local st
    for _, r in ipairs(common.retentions(plan)) do
      local days = type(r.period) == "string" and hogo.days(r.period) or nil
      -- unreadable: an input error; 永年: retention-indefinite; bounded by an event: says why
      if days and days >= 0 and not common.answer(r.basis) then
        st = st or common.stakes(plan)
        local stated = common.stated(r.basis) and not gov.blank(r.basis)
        local what = common.answer(r.what)
        local q = stated and gov.excerpt(common.text(r.basis), 20) or nil
        ctx.report(r, "basis", { severity = (st.high or days > 3650) and "low" or "info", vars = {
          period = r.period,
          what = what and ("「" .. gov.excerpt(what, 20) .. "」の") or "",
          what_en = what and ("\"" .. gov.excerpt(what, 20) .. "\": ") or "",
          state = q and ("「" .. q .. "」とあるだけで示されていません") or "記載されていません",
          state_en = q and (" (it only says \"" .. q .. "\")") or "" } })
      end
    end
  end,
}
