-- disposal-deadline: the contractor's destruction or return has no deadline, or a very long one.
-- The cemetery plan set 「受け渡しから3か月以内」 (議題(1)).  No deadline: low; over a year or
-- 永年: low with a different message.
return {
  id        = "disposal-deadline",
  topic     = "disposal.method",
  severity  = "low",
  title     = { ja = "受託者の廃棄・返却に期限がない",
                en = "No deadline for the contractor's destruction or return" },
  message   = { ja = "受託者による{action}の期限が記載されていません。",
                en = "No deadline is given for the contractor's {action_en}." },
  follow_up = { ja = "業務終了後または受け渡し後の期限（例：3か月以内）を定め、期限までに廃棄証明の提出または返却を受けてください。",
                en = "Set a deadline after the work or the hand-over (e.g. within 3 months) by which the certificate is submitted or the data returned." },
  precedent = "志木市 令和2年度第3回 議題(1)「受け渡しから3か月以内に溶解証明を提出してもらうか、返却していただく」",

  check = function(plan, ctx)
    for _, d in ipairs(common.list(plan.disposal)) do
      if d.by == "contractor" then
        local ret = d.method == "return"
        local vars = { action = ret and "返却" or "廃棄", action_en = ret and "return" or "destruction" }
        if d.deadline == nil or hogo.is_null(d.deadline) then
          ctx.report(d, "deadline", { vars = vars })
        else
          local days = hogo.days(d.deadline)
          if days ~= nil and (days < 0 or days > 365) then
            vars.deadline = tostring(d.deadline)
            ctx.report(d, "deadline", { vars = vars,
              message = { ja = "受託者による{action}の期限が「{deadline}」と長く、その間受託者の手元に個人情報が残ります。",
                          en = "The contractor's {action_en} deadline (\"{deadline}\") is long; the data stays with the contractor meanwhile." } })
          end
        end
      end
    end
  end,
}
