-- retention-no-basis: a bounded retention period with no basis (文書管理規程, a law, the need of
-- the work).  info; low for children's or sensitive data, or beyond 10 years.
-- Every retention is read (retention may be an array, each with `what`).  A period bounded by an
-- event (退所まで, 卒業まで, アカウント削除まで, 契約満了まで: common.event_period) needs its basis
-- and a longest bound like any other (common.period_bound: retention.longest, 「最長5年」, the
-- contract's years): without a basis it is asked as a length is, and with a basis but no bound
-- the bound is asked (info).  One ending with the service itself and no planned end is
-- retention-indefinite's; 永年 too.  A basis that only defers or is a placeholder is no basis
-- (common.answer), and the finding quotes it.
return {
  id        = "retention-no-basis",
  topic     = "retention.period",
  severity  = "info",
  title     = { ja = "保存期間の根拠が記載されていない",
                en = "No basis for the retention period" },
  message   = { ja = "{what}保存期間「{period}」の根拠が{state}。",
                en = "{what_en}No basis is given for the retention period \"{period}\"{state_en}." },
  follow_up = { ja = "保存期間の根拠（文書管理規程の分類、法令、事業上の必要性）を「{label:retention.basis}」に示してください。",
                en = "State the basis of the period (records schedule, law, the need of the work) in \"{label:retention.basis}\"." },
  precedent = "個人情報保護法 第61条（個人情報の保有の制限等）; 公文書等の管理に関する法律 第34条; 志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(2)「契約期間3年間の根拠は何か」（期間の根拠を問う）",

  -- needs: check() reads only common.retentions(plan): plan.retention
  needs = { stated = { "retention" } },

  check = function(plan, ctx)
    local st, planned
    for _, r in ipairs(common.retentions(plan)) do
      local days = type(r.period) == "string" and hogo.days(r.period) or nil
      -- unreadable: an input error; 永年: retention-indefinite; bounded by an event: below
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
      local ev = common.event_period(r)
      local bound = ev and common.period_bound(plan, r)
      if ev and ev.service and not bound then
        if planned == nil then planned = situation.planned_end(plan) or false end
      end
      -- (a service's own end with no planned end and no bound: retention-indefinite)
      local open_service = ev and ev.service and not bound and not planned
      local basis = ev and common.answer(r.basis)
      if ev and not open_service and not (basis and bound) then
        st = st or common.stakes(plan)
        local stated = common.stated(r.basis) and not gov.blank(r.basis)
        local what = common.answer(r.what)
        local q = not basis and stated and gov.excerpt(common.text(r.basis), 20) or nil
        local missing, missing_en = {}, {}
        if not basis then missing[#missing + 1] = q and ("根拠（「" .. q .. "」とあるだけです）") or "根拠"; missing_en[#missing_en + 1] = "its basis" end
        if not bound then missing[#missing + 1] = "最長でいつまで保存するか"; missing_en[#missing_en + 1] = "the longest it is kept" end
        ctx.report(r, basis and "period" or "basis", {
          severity = (not basis and st.high) and "low" or "info",
          vars = { period = r.period,
                   what = what and ("「" .. gov.excerpt(what, 20) .. "」の") or "",
                   what_en = what and ("\"" .. gov.excerpt(what, 20) .. "\": ") or "",
                   missing = table.concat(missing, "と"), missing_en = table.concat(missing_en, " and ") },
          message = { ja = "{what}保存期間「{period}」は出来事で終わる期間で、{missing}が示されていません。",
                      en = "{what_en}The retention period \"{period}\" ends with an event, and the plan does not give {missing_en}." },
          follow_up = { ja = "保存期間の根拠（文書管理規程の分類、法令、事業上の必要性）を「{label:retention.basis}」に、その出来事が来ない場合も含めて最も長くていつまで保存するか（例：転出・退会から1年、最終利用から5年）を「{label:retention.longest}」に示してください。",
                        en = "State the basis in \"{label:retention.basis}\" (records schedule, law, the need of the work) and in \"{label:retention.longest}\" the longest the data is kept, including when the event never comes (e.g. a year after moving away or leaving, 5 years after last use)." } })
      end
    end
  end,
}
