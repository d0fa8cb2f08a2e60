-- retention-indefinite: 永年・無期限 retention with no stated basis.  Holding personal data
-- indefinitely needs a reason (a law or the records rules); otherwise it outlives its purpose
-- (個人情報保護法 第61条).  medium.
-- Every retention is read (retention may be an array, each with `what`).  hogo.days == -1 is
-- indefinite.  So is a period that ends with the service itself (「事業終了まで」「サービス廃止まで」:
-- common.event_period) when the service has no planned end (situation.planned_end) and no longest
-- bound is given (common.period_bound: retention.longest, 「最長10年」): such a day never comes.
-- That is medium without a basis, low with one (the bound is still missing).  Other event-bounded
-- periods (退所まで, 契約満了まで) are retention-no-basis's.  A basis that only defers
-- (「別途定める」) or is the skeleton's placeholder is no basis (common.answer), and the finding
-- quotes it.

-- the what/what_en and state/state_en words of a finding about entry r
local function said(r)
  local basis, why = common.answer(r.basis)
  local stated = why ~= "absent" and why ~= "null" and why ~= "blank"
  local what = common.answer(r.what)
  local q = stated and gov.excerpt(common.text(r.basis), 20) or nil
  return basis, {
    period = r.period,
    what = what and ("「" .. gov.excerpt(what, 20) .. "」の") or "",
    what_en = what and ("\"" .. gov.excerpt(what, 20) .. "\": ") or "",
    state = q and ("根拠が「" .. q .. "」とあるだけで示されていません") or "その根拠が示されていません",
    state_en = q and ("the basis only says \"" .. q .. "\"") or "no basis is given" }
end

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
  precedent = "個人情報保護法 第61条（個人情報の保有の制限等：利用目的の達成に必要な範囲を超えた保有の禁止）; 志木市 令和2年度第3回 議題(2)「契約期間3年間の根拠は何か」（期間の根拠を問う）" .. situation.PRE_ACT .. "; 京都府 防犯カメラ管理運用指針策定委員会 第3回（平成18年9月8日）「画像の保管はできるだけ短期間とし、『最大1箇月以内』とすることが望まれます」",

  -- needs: check() reads only common.retentions(plan): plan.retention
  needs = { stated = { "retention" } },

  check = function(plan, ctx)
    local planned
    for _, r in ipairs(common.retentions(plan)) do
      if type(r.period) == "string" and hogo.days(r.period) == -1 then
        local basis, vars = said(r)
        if not basis then ctx.report(r, "period", { vars = vars }) end
      else
        local ev = common.event_period(r)
        if ev and ev.service and not common.period_bound(plan, r) then
          if planned == nil then planned = situation.planned_end(plan) or false end
          if not planned then
            local basis, vars = said(r)
            vars.state = basis and "最長でいつまで保存するかが示されていません" or (vars.state .. "。最長の期間も示されていません")
            vars.state_en = basis and "no longest period is given" or (vars.state_en .. ", nor any longest period")
            ctx.report(r, "period", { severity = basis and "low" or "medium", vars = vars,
              message = { ja = "{what}保存期間が「{period}」とされていますが、この事業には終期が示されていないため、無期限の保存と変わりません。{state}。",
                          en = "{what_en}The retention period is \"{period}\", but the service has no planned end, so this is indefinite retention: {state_en}." },
              follow_up = { ja = "「{label:retention.longest}」（例：10年）とその根拠（「{label:retention.basis}」）を示すか、事業の終期を示してください。利用を終えた人の記録をいつ消去するか（最終利用から一定期間など）も示してください。",
                            en = "Give the longest retention (\"{label:retention.longest}\", e.g. 10年) and its basis (\"{label:retention.basis}\"), or the service's planned end; and say when the records of people who stopped using it are deleted (e.g. a period after last use)." } })
          end
        end
      end
    end
  end,
}
