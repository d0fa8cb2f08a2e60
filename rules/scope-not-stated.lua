-- scope-not-stated: work is outsourced but what the contractor does is not listed.  The council
-- asked it outright: 「委託するのは、受診結果のみか」→「受診の案内から、検査の実施、結果の送付までの
-- 一連の業務」 (議題(3)); 「システムへのデータ移行業務の委託は初回のみということか」 (議題(2)).
-- low (a question).  An empty list ([]) is asked too: a contractor with nothing to do is odd.
return {
  id        = "scope-not-stated",
  topic     = "outsourcing.scope",
  severity  = "low",
  title     = { ja = "委託する業務の範囲が記載されていない",
                en = "The outsourced work is not described" },
  message   = { ja = "業務を委託しますが、受託者（{contractor}）が行う業務の範囲が記載されていません。",
                en = "Work is outsourced, but what the contractor ({contractor}) does is not listed." },
  follow_up = { ja = "受託者が行う業務を工程ごとに（案内、受付、実施、結果の送付、データ移行等）列挙し、それぞれで扱う個人情報の項目を示してください。",
                en = "List the contractor's tasks step by step (notices, intake, the work itself, results, data migration...) and the personal data each uses." },
  precedent = "志木市 令和2年度第3回 議題(3)「委託するのは、受診結果のみか」; 議題(2)「システムへのデータ移行業務の委託は初回のみということか」",

  check = function(plan, ctx)
    local o = common.outsourced(plan)
    if not o then return end
    local vars = { contractor = o.contractor or "未記載" }
    if o.scope == nil or hogo.is_null(o.scope) then
      ctx.report(o, "scope", { vars = vars })
    elseif type(o.scope) == "table" and #o.scope == 0 then
      ctx.report(o, "scope", { vars = vars })
    end
  end,
}
