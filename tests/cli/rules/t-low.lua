-- t-low (CLI tests): a disposal without a certificate: low.
return {
  id        = "t-low",
  topic     = "disposal.method",
  severity  = "low",
  title     = { ja = "テスト：廃棄証明なし", en = "Test: no disposal certificate" },
  message   = { ja = "廃棄証明がありません。", en = "No certificate of disposal." },
  follow_up = { ja = "廃棄証明を求めてください。", en = "Ask for a certificate." },
  precedent = "tests/cli (CLI test pack)",
  check = function(plan, ctx)
    for _, d in ipairs(plan.disposal or {}) do
      if d.certificate == false then ctx.report(d, "certificate") end
    end
  end,
}
