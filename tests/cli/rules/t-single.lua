-- t-single (CLI tests): one person alone checks a hand-over: medium.
return {
  id        = "t-single",
  topic     = "verification.single_person",
  severity  = "medium",
  title     = { ja = "テスト：確認者が1名", en = "Test: a single checker" },
  message   = { ja = "確認が1名です。", en = "One person checks it." },
  follow_up = { ja = "複数で確認してください。", en = "Have more than one person check it." },
  precedent = "tests/cli (CLI test pack)",
  check = function(plan, ctx)
    for _, t in ipairs(plan.transfers or {}) do
      if t.verification and t.verification.staff == 1 then
        ctx.report(t.verification, "staff")
      end
    end
  end,
}
