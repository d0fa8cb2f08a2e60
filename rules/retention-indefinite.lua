-- retention-indefinite: 永年・無期限 retention with no stated basis.  Holding personal data
-- indefinitely needs a reason (a law or the records rules); otherwise it outlives its purpose.
-- medium.
return {
  id        = "retention-indefinite",
  topic     = "retention.period",
  severity  = "medium",
  title     = { ja = "根拠のない永年保存",
                en = "Indefinite retention without a basis" },
  message   = { ja = "保存期間が「{period}」（無期限）とされていますが、その根拠が示されていません。",
                en = "The retention period is \"{period}\" (indefinite) with no basis given." },
  follow_up = { ja = "永年保存とする法令・文書管理規程上の根拠を示すか、利用目的の達成に必要な期間を定めて、経過後の廃棄方法を示してください。",
                en = "Cite the law or records rule that requires indefinite retention, or set the period the purpose needs and how the data is destroyed afterwards." },
  precedent = "個人情報保護法 第61条（個人情報の保有の制限等：利用目的の達成に必要な範囲を超えた保有の禁止）",

  check = function(plan, ctx)
    local r = common.obj(plan.retention)
    if not r or type(r.period) ~= "string" then return end
    local basis = common.text(r.basis)
    if hogo.days(r.period) == -1 and basis == "" then
      ctx.report(r, "period", { vars = { period = r.period } })
    end
  end,
}
