-- t-boom (CLI tests): loads, then fails on every plan (a rule error: exit 3).
return {
  id        = "t-boom",
  topic     = "input.consistency",
  severity  = "low",
  title     = { ja = "テスト：実行時エラー", en = "Test: runtime error" },
  message   = { ja = "到達しない", en = "never reached" },
  follow_up = { ja = "到達しない", en = "never reached" },
  precedent = "tests/cli (CLI test pack)",
  check = function(plan, ctx)
    error("t-boom always fails")
  end,
}
