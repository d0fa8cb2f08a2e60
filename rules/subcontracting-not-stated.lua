-- subcontracting-not-stated: personal data is outsourced but the plan does not say whether the
-- contractor may re-subcontract (再委託).  A question, low.  `null` (stated: not applicable)
-- stays quiet.  Every contractor is asked (outsourcing may be an array).  The prose may answer
-- it either way -- 「再委託は行わない」, 「再委託する場合は市の書面による事前承認を得る」 -- in the
-- text, the scope, the contract or the responsibility structure: then another rule
-- (consistency-subcontracting) compares text and field, and this one stays quiet.

-- 再委託 with an answer in the same sentence: forbidden, or allowed only with approval
local ANSWERED = [[再委託[^。]{0,40}?(?:禁止|しない|行わない|認めない|不可|させない|承認|許可|同意|届出|届け出)|(?:禁止|承認|許可|同意)[^。]{0,12}?再委託]]

local function answered_in_prose(plan, o)
  if common.find_text(plan, ANSWERED) then return true end
  return hogo.test(common.text(o.responsibility_structure), ANSWERED)
end

return {
  id        = "subcontracting-not-stated",
  topic     = "outsourcing.subcontracting",
  severity  = "low",
  title     = { ja = "再委託の可否が記載されていない",
                en = "Re-subcontracting not stated" },
  message   = { ja = "{contractor}への委託について、再委託を認めるかどうかが記載されていません。",
                en = "The plan does not say whether {contractor_en} may re-subcontract." },
  follow_up = { ja = "再委託を禁止するのか、{body}の事前承認を条件に認めるのかを「{label:outsourcing.subcontracting}」欄に記載してください。",
                en = "State whether re-subcontracting is prohibited (prohibited) or allowed only with {body_en}'s prior approval (with_approval) (outsourcing.subcontracting)." },
  precedent = "個人情報の保護に関する法律 第66条第2項（委託を受けた者の安全管理措置）; 個人情報保護委員会「個人情報の保護に関する法律についての事務対応ガイド（行政機関等向け）」（再委託）; 第204回国会 参議院 行政監視委員会 閉会後第1号（2021年6月21日）「個人情報保護委員会として、本当に氏名、振り仮名のみが中国で再委託されたと思うのか」",

  -- needs: check() reads only common.outsourcings(plan): plan.outsourcing
  needs = { stated = { "outsourcing" } },

  check = function(plan, ctx)
    for _, o in ipairs(common.outsourcings(plan)) do
      if o.subcontracting == nil and not answered_in_prose(plan, o) then
        local name = common.answer(o.contractor) and o.contractor or nil
        ctx.report(o, "subcontracting", { vars = common.with_body(plan, {
          contractor = name and ("受託者（" .. name .. "）") or "受託者",
          contractor_en = name and ("the contractor (" .. name .. ")") or "the contractor" }) })
      end
    end
  end,
}
