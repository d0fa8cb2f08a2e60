-- t-extra (CLI tests): added to the pack by .hogo.json "rules"; a contract over 2 years: low.
return {
  id        = "t-extra",
  topic     = "contract.period",
  severity  = "low",
  title     = { ja = "テスト：長期契約", en = "Test: long contract" },
  message   = { ja = "契約期間が{years}年です。", en = "The contract runs {years} years." },
  follow_up = { ja = "根拠を示してください。", en = "Give the basis." },
  precedent = "tests/cli (CLI test pack)",
  check = function(plan, ctx)
    local c = plan.contract
    if c and type(c.years) == "number" and c.years > 2 then
      ctx.report(c, "years", { vars = { years = c.years } })
    end
  end,
}
