-- scope-results-handling: the contractor's work runs from contacting people to sending them their
-- results (「受診の案内から、検査の実施、結果の送付までの一連の業務」, 議題(3)): the whole life of the data
-- sits with the contractor.  info; low when the results are sensitive (健診・検査結果 etc.).
local RESULT_WORK_RE = [[結果(の)?(送付|通知|発送|返送|連絡)|判定(の)?(送付|通知)]]

return {
  id        = "scope-results-handling",
  topic     = "outsourcing.scope",
  severity  = "info",
  title     = { ja = "受託者が結果の送付まで行う",
                en = "The contractor also delivers the results" },
  message   = { ja = "受託者（{contractor}）の業務が{steps}に及び、結果を本人に送付するところまで含まれます。",
                en = "The contractor ({contractor}) does {steps_en}: the work runs up to sending people their results." },
  follow_up = { ja = "委託する業務の範囲（一連の業務か、結果の送付のみか）と、工程ごとに受託者へ渡す項目、結果の送付方法（誤送付の防止策）を示してください。",
                en = "State the scope (the whole chain, or only the results), which items the contractor gets for each step, and how results are sent (safeguards against mis-delivery)." },
  precedent = "志木市 令和2年度第3回 議題(3)「委託するのは、受診結果のみか」「受診の案内から、検査の実施、結果の送付までの一連の業務」",

  check = function(plan, ctx)
    local o = common.outsourced(plan)
    if not o then return end
    local scope = common.list(o.scope)
    local at = nil
    for i = 1, #scope do
      if hogo.test(common.text(scope[i]), RESULT_WORK_RE) then at = i; break end
    end
    if at == nil and o.results_to ~= "subject" then return end
    local sev = common.has_sensitive(plan) and "low" or "info"
    local steps = #scope > 0 and common.join(scope) or "結果の送付"
    local node, key = o, "results_to"
    if at then node, key = scope, at end
    ctx.report(node, key, { severity = sev, vars = {
      contractor = o.contractor or "未記載", steps = steps, steps_en = #scope > 0 and common.join(scope, ", ") or "the sending of results" } })
  end,
}
