-- t-critical (CLI tests): data about victims kept overseas: critical.
return {
  id        = "t-critical",
  topic     = "data.sensitive",
  severity  = "critical",
  title     = { ja = "テスト：被害者の情報を海外に保存", en = "Test: victims' data kept overseas" },
  message   = { ja = "被害者の情報を海外に保存します。", en = "Victims' data is kept overseas." },
  follow_up = { ja = "国内に保存してください。", en = "Keep it in Japan." },
  precedent = "tests/cli (CLI test pack)",
  check = function(plan, ctx)
    local victims = false
    for _, s in ipairs((plan.data and plan.data.subjects) or {}) do
      if s.kind == "victim" then victims = true end
    end
    if not victims then return end
    for _, s in ipairs(plan.storage or {}) do
      if s.region == "overseas" then ctx.report(s, "region") end
    end
  end,
}
