-- t-info (CLI tests): retention not stated: info, reported at the plan (line 1).
return {
  id        = "t-info",
  topic     = "retention.period",
  severity  = "info",
  title     = { ja = "テスト：保存期間の記載なし", en = "Test: retention not stated" },
  message   = { ja = "保存期間が記載されていません。", en = "The retention period is not stated." },
  follow_up = { ja = "保存期間を記載してください。", en = "State the retention period." },
  precedent = "tests/cli (CLI test pack)",
  check = function(plan, ctx)
    if plan.retention == nil then ctx.report(plan, "retention") end
  end,
}
