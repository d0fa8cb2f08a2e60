-- scope-results-handling: the contractor's work runs from contacting people to sending them their
-- results (「受診の案内から、検査の実施、結果の送付までの一連の業務」, 議題(3)): the whole life of the data
-- sits with the contractor.  low: the council asked it (「委託するのは、受診結果のみか」).
-- Every contractor is read.  Quiet once the plan says what the follow-up asks: which items the
-- contractor gets (a transfer to it, or 「…に渡す項目は…」 in the prose) and how results are sent
-- safely (誤送付の防止: 照合・ダブルチェック・親展・簡易書留…).
local RESULT_WORK_RE = [[結果(の)?(送付|通知|発送|返送|連絡)|判定(の)?(送付|通知)]]
local SAFE_SEND = [[誤送付|誤配|誤封入|(?:送付|発送|封入|通知|宛名)[^。]{0,24}(?:二重(?:の)?(?:チェック|確認)|ダブルチェック|照合|確認)|親展|簡易書留|書留|本人限定受取|特定記録]]
local ITEMS = [[(?:渡す|提供する|送付する|引き渡す)(?:[^。]{0,6})項目|項目(?:は|を)(?:[^。]{0,30})(?:に限|のみ)|(?:氏名|住所)[^。]{0,20}(?:のみ|に限)]]

-- the items handed to contractor o are stated: a transfer to it, or the prose names them
local function items_stated(plan, o)
  for _, t in ipairs(common.list(plan.transfers)) do
    if common.answer(t.what) and not common.is_city(t.to, plan)
       and (common.is_contractor(t.to, plan) or common.text(t.to) == common.text(o.contractor)) then
      return true
    end
  end
  return gov.find_claim(plan, ITEMS) ~= nil
end

-- (not transfers' verification.how: 「件数を照合」 checks a hand-over, not the sending of results)
local function safe_send(plan)
  for _, f in ipairs(gov.prose(plan)) do
    if f.field ~= "verification" and gov.claim(f.text, SAFE_SEND) == "claimed" then return true end
  end
  return false
end

local function answered(plan, o)
  return safe_send(plan) and items_stated(plan, o)
end

return {
  id        = "scope-results-handling",
  topic     = "outsourcing.scope",
  severity  = "low",
  title     = { ja = "受託者が結果の送付まで行う",
                en = "The contractor also delivers the results" },
  message   = { ja = "受託者（{contractor}）の業務が{steps}に及び、結果を本人に送付するところまで含まれます。",
                en = "The contractor ({contractor}) does {steps_en}: the work runs up to sending people their results." },
  follow_up = { ja = "委託する業務の範囲（一連の業務か、結果の送付のみか）と、工程ごとに受託者へ渡す項目（「{label:transfers}」欄）、結果の送付方法（誤送付の防止策）を示してください。",
                en = "State the scope (the whole chain, or only the results), which items the contractor gets for each step (transfers), and how results are sent (safeguards against mis-delivery)." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(3)「委託するのは、受診結果のみか」「受診の案内から、検査の実施、結果の送付までの一連の業務」",

  -- needs: check() reads only common.outsourcings(plan): plan.outsourcing, and reports only on an
  -- entry whose scope matches RESULT_WORK_RE (結果, 判定) or that has results_to subject
  needs = { stated = { "outsourcing" }, words = { "results_to", "結果", "判定" } },

  check = function(plan, ctx)
    for _, o in ipairs(common.outsourcings(plan)) do
      local scope = common.list(o.scope)
      local at = nil
      for i = 1, #scope do
        if hogo.test(common.text(scope[i]), RESULT_WORK_RE) then at = i; break end
      end
      if (at ~= nil or o.results_to == "subject") and not answered(plan, o) then
        local steps = #scope > 0 and common.join(scope) or "結果の送付"
        local node, key = o, "results_to"
        if at then node, key = scope, at end
        ctx.report(node, key, { vars = {
          contractor = common.answer(o.contractor) or "未記載", steps = steps,
          steps_en = #scope > 0 and common.join(scope, ", ") or "the sending of results" } })
      end
    end
  end,
}
