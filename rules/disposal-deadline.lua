-- disposal-deadline: the contractor's destruction or return has no deadline, or a very long one.
-- The cemetery plan set 「受け渡しから3か月以内」 (議題(1)).  No deadline: low; over a year or
-- 永年: low with a different message; 事業終了まで and other event-bounded periods are bounded
-- (not asked).  A deadline that is a placeholder or deferral (「未定」「別途協議」) is not stated, and
-- the finding quotes it; with no field, the plan's own words may give it (「3か月以内に返却」
-- 「業務終了後速やかに消去」).
local PROSE_DEADLINE = [[[0-9一二三四五六七八九十]+\s*(?:日|週間|か月|ヶ月|カ月|箇月|年)以内に?.{0,20}?(?:返却|廃棄|溶解|消去|削除|証明)|(?:業務|契約|委託|事業)(?:の)?(?:終了|完了|満了)(?:後|時)(?:に)?(?:速やかに|直ちに|遅滞なく|ただちに).{0,10}?(?:返却|廃棄|溶解|消去|削除)]]
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
  precedent = "志木市 令和2年度第3回 議題(1)「受け渡しから3か月以内に溶解証明を提出してもらうか、返却していただく」" .. situation.PRE_ACT,

  -- needs: check() reports nothing without plan.disposal
  -- needs words: a disposal entry done by the contractor
  needs = { stated = { "disposal" }, words = { "contractor" } },

  check = function(plan, ctx)
    for _, d in ipairs(common.list(plan.disposal)) do
      if common.obj(d) and d.by == "contractor" then
        local ret = d.method == "return"
        local vars = { action = ret and "返却" or "廃棄", action_en = ret and "return" or "destruction" }
        local answer = common.answer(d.deadline)
        if d.deadline == nil or hogo.is_null(d.deadline) then
          if not situation.says(plan, PROSE_DEADLINE) then ctx.report(d, "deadline", { vars = vars }) end
        elseif type(d.deadline) == "string" and not answer then
          vars.quote = gov.excerpt(d.deadline, 20)
          ctx.report(d, "deadline", { vars = vars,
            message = { ja = "受託者による{action}の期限が「{quote}」で、期限が示されていません。",
                        en = "The contractor's {action_en} deadline is \"{quote}\": no deadline is given." } })
        else
          local days = hogo.days(d.deadline)
          if days ~= nil and (days == -1 or days > 365) then
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
