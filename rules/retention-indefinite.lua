-- retention-indefinite: 永年・無期限 retention with no stated basis.  Holding personal data
-- indefinitely needs a reason (a law or the records rules); otherwise it outlives its purpose
-- (個人情報保護法 第61条).  medium.
-- Every retention is read (retention may be an array, each with `what`).  Only hogo.days == -1
-- is indefinite: a period bounded by an event (事業終了まで, 契約満了まで: -2) is not.  A basis
-- that only defers (「別途定める」) or is the skeleton's placeholder is no basis (common.answer),
-- and the finding quotes it.
return {
  id        = "retention-indefinite",
  topic     = "retention.period",
  severity  = "medium",
  title     = { ja = "根拠のない永年保存",
                en = "Indefinite retention without a basis" },
  message   = { ja = "{what}保存期間が「{period}」（無期限）とされていますが、{state}。",
                en = "{what_en}The retention period is \"{period}\" (indefinite), but {state_en}." },
  follow_up = { ja = "永年保存とする法令・文書管理規程上の根拠を「{label:retention.basis}」欄に示すか、利用目的の達成に必要な期間を定めて、経過後の廃棄方法を示してください。",
                en = "Cite in retention.basis the law or records rule that requires indefinite retention, or set the period the purpose needs and how the data is destroyed afterwards." },
  precedent = "個人情報保護法 第61条（個人情報の保有の制限等：利用目的の達成に必要な範囲を超えた保有の禁止）; 京都府 防犯カメラ管理運用指針策定委員会 第3回（平成18年9月8日）「画像の保管はできるだけ短期間とし、『最大1箇月以内』とすることが望まれます」",

  check = function(plan, ctx)
    for _, r in ipairs(common.retentions(plan)) do
      if type(r.period) == "string" and hogo.days(r.period) == -1 then
        local basis, why = common.answer(r.basis)
        if not basis then
          local stated = why ~= "absent" and why ~= "null" and why ~= "blank"
          local what = common.answer(r.what)
          ctx.report(r, "period", { vars = {
            period = r.period,
            what = what and ("「" .. gov.excerpt(what, 20) .. "」の") or "",
            what_en = what and ("\"" .. gov.excerpt(what, 20) .. "\": ") or "",
            state = stated and ("根拠が「" .. gov.excerpt(common.text(r.basis), 20) .. "」とあるだけで示されていません")
                            or "その根拠が示されていません",
            state_en = stated and ("the basis only says \"" .. gov.excerpt(common.text(r.basis), 20) .. "\"")
                               or "no basis is given" } })
        end
      end
    end
  end,
}
