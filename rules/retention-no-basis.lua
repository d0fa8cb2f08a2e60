-- retention-no-basis: a bounded retention period with no basis (文書管理規程, a law, the need of
-- the work).  info; low for children's or sensitive data, or beyond 10 years.
return {
  id        = "retention-no-basis",
  topic     = "retention.period",
  severity  = "info",
  title     = { ja = "保存期間の根拠が記載されていない",
                en = "No basis for the retention period" },
  message   = { ja = "保存期間「{period}」の根拠が記載されていません。",
                en = "No basis is given for the retention period \"{period}\"." },
  follow_up = { ja = "保存期間の根拠（文書管理規程の分類、法令、事業上の必要性）を示してください。",
                en = "State the basis of the period (records schedule, law, the need of the work)." },
  precedent = "個人情報保護法 第61条（個人情報の保有の制限等）; 公文書等の管理に関する法律 第34条; 志木市 令和2年度第3回 議題(2)「契約期間3年間の根拠は何か」（期間の根拠を問う）",

  check = function(plan, ctx)
    local r = common.obj(plan.retention)
    if not r or type(r.period) ~= "string" then return end
    if common.text(r.basis) ~= "" then return end
    local days = hogo.days(r.period)
    if days == nil or days < 0 then return end   -- unreadable: an input error; 永年: retention-indefinite
    local st = common.stakes(plan)
    local sev = (st.high or days > 3650) and "low" or "info"
    ctx.report(r, "basis", { severity = sev, vars = { period = r.period } })
  end,
}
