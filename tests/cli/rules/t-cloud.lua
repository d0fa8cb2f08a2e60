-- t-cloud (CLI tests): a storage entry in the cloud is high.
return {
  id        = "t-cloud",
  topic     = "storage.location",
  severity  = "high",
  title     = { ja = "テスト：クラウド保存", en = "Test: stored in the cloud" },
  message   = { ja = "「{what}」をクラウドに保存します。", en = "{what} is stored in the cloud." },
  follow_up = { ja = "保存先を示してください。", en = "State where it is stored." },
  precedent = "tests/cli (CLI test pack)",
  check = function(plan, ctx)
    for _, s in ipairs(plan.storage or {}) do
      if s.location == "cloud" then
        ctx.report(s, "location", { vars = { what = s.what or "?" } })
      end
    end
  end,
}
