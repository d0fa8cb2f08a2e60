-- subcontracting-not-stated: personal data is outsourced but the plan does not say whether the
-- contractor may re-subcontract (再委託).  A question, low.  `null` (stated: not applicable)
-- stays quiet.  The free text may answer it (「再委託は行わない」): then another rule
-- (consistency-subcontracting) compares text and field, and this one stays quiet.

return {
  id        = "subcontracting-not-stated",
  topic     = "outsourcing.subcontracting",
  severity  = "low",
  title     = { ja = "再委託の可否が記載されていない",
                en = "Re-subcontracting not stated" },
  message   = { ja = "{contractor}への委託について、再委託を認めるかどうかが記載されていません。",
                en = "The plan does not say whether {contractor_en} may re-subcontract." },
  follow_up = { ja = "再委託を禁止するのか、市の事前承認を条件に認めるのかを記載してください（outsourcing.subcontracting）。",
                en = "State whether re-subcontracting is prohibited or allowed only with the city's prior approval (outsourcing.subcontracting)." },
  precedent = "個人情報保護法 第66条第2項; 個人情報保護委員会「個人情報の保護に関する法律についての事務対応ガイド（行政機関等向け）」（再委託）",

  check = function(plan, ctx)
    local o = common.outsourced(plan)
    if not o or o.subcontracting ~= nil then return end
    -- the prose already answers it (either way): do not ask again
    if gov.find_claim(plan, [[再委託]], "denied") then return end
    ctx.report(o, "subcontracting", { vars = {
      contractor = type(o.contractor) == "string" and ("受託者（" .. o.contractor .. "）") or "受託者",
      contractor_en = type(o.contractor) == "string" and ("the contractor (" .. o.contractor .. ")") or "the contractor" } })
  end,
}
