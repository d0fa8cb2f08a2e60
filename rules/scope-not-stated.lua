-- scope-not-stated: work is outsourced but what the contractor does is not listed: no scope, an
-- empty one, or only entries that say nothing (「仕様書のとおり」「別途協議」, the skeleton's hint),
-- quoted back.  The council asked it outright: 「委託するのは、受診結果のみか」→「受診の案内から、
-- 検査の実施、結果の送付までの一連の業務」 (議題(3)); 「システムへのデータ移行業務の委託は初回の
-- みということか」 (議題(2)).  low (a question).  Every contractor is asked.
return {
  id        = "scope-not-stated",
  topic     = "outsourcing.scope",
  severity  = "low",
  title     = { ja = "委託する業務の範囲が記載されていない",
                en = "The outsourced work is not described" },
  message   = { ja = "業務を委託しますが、受託者（{contractor}）が行う業務の範囲が記載されていません。",
                en = "Work is outsourced, but what the contractor ({contractor}) does is not listed." },
  follow_up = { ja = "受託者が行う業務を工程ごとに（案内、受付、実施、結果の送付、データ移行等）列挙し、それぞれで扱う個人情報の項目を「{label:outsourcing.scope}」欄に示してください。",
                en = "List the contractor's tasks step by step (notices, intake, the work itself, results, data migration...) and the personal data each uses (outsourcing.scope)." },
  precedent = "志木市 令和2年度第3回 議題(3)「委託するのは、受診結果のみか」; 議題(2)「システムへのデータ移行業務の委託は初回のみということか」（2023年4月の法施行前の審議）",

  -- needs: check() reads only common.outsourcings(plan): plan.outsourcing
  needs = { stated = { "outsourcing" } },

  check = function(plan, ctx)
    for _, o in ipairs(common.outsourcings(plan)) do
      local vars = { contractor = common.answer(o.contractor) and o.contractor or "未記載" }
      local scope = common.list(o.scope)
      if o.scope == nil or hogo.is_null(o.scope) or #scope == 0 then
        ctx.report(o, "scope", { vars = vars })
      else
        local said, first
        for _, s in ipairs(scope) do
          local ok, why = common.answer(s)
          if ok then said = true; break end
          if why == "deferral" and not first then first = s end
        end
        -- placeholders are consistency-placeholder-text's; a list of deferrals only is asked here
        if not said and first then
          vars.quote = gov.excerpt(first, 24)
          ctx.report(o, "scope", { vars = vars,
            message = { ja = "受託者（{contractor}）の業務の範囲が「{quote}」とだけあり、何をするのかが記載されていません。",
                        en = "What the contractor ({contractor}) does is given only as \"{quote}\", which does not say what it does." } })
        end
      end
    end
  end,
}
