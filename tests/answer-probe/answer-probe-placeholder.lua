-- answer-probe-placeholder: a probe, not a rule of the pack (tests/answer-probe/README).  Raises when
-- common.answer(plan.purpose, echo) judges the purpose "placeholder" -- "says" = an answer; echo is
-- plan.description when given (words of the question that do not count).
return {
  id = "answer-probe-placeholder", topic = "input.consistency", severity = "info",
  title = { ja = "common.answer の判定（placeholder）", en = "common.answer judged it: placeholder" },
  message = { ja = "判定: placeholder", en = "judged: placeholder" },
  follow_up = { ja = "（試験用）", en = "(a test probe)" },
  precedent = "tests/answer-probe",
  check = function(plan, ctx)
    local echo = type(plan.description) == "string" and { plan.description } or nil
    local text, why = common.answer(plan.purpose, echo)
    if (text and "says" or why) == "placeholder" then ctx.report(plan, "purpose", {}) end
  end,
}
