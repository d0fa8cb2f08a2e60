-- answer-probe-deferral: a probe, not a rule of the pack (tests/answer-probe/README).  Raises when
-- common.answer(plan.purpose, echo) judges the purpose "deferral" -- "says" = an answer; echo is
-- plan.description when given (words of the question that do not count).
return {
  id = "answer-probe-deferral", topic = "input.consistency", severity = "info",
  title = { ja = "common.answer の判定（deferral）", en = "common.answer judged it: deferral" },
  message = { ja = "判定: deferral", en = "judged: deferral" },
  follow_up = { ja = "（試験用）", en = "(a test probe)" },
  precedent = "tests/answer-probe",
  check = function(plan, ctx)
    local echo = type(plan.description) == "string" and { plan.description } or nil
    local text, why = common.answer(plan.purpose, echo)
    if (text and "says" or why) == "deferral" then ctx.report(plan, "purpose", {}) end
  end,
}
