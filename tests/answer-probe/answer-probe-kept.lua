-- answer-probe-kept: a probe, not a rule of the pack (tests/answer-probe/README).  Raises when
-- every answer the pack's caches kept (common.answer, common.text, common.placeholder) is the
-- answer worked out afresh, over more strings than a generation of those caches holds, asked
-- in three orders so that answers are found in the newer generation, moved from the older, and
-- dropped and worked out again.  It raises only when all of them agree, so a case that expects
-- it to raise fails on any difference (and on a probe that did not run to the end).  With
-- plan.description "self-check" each answer is set against that of another string, and the
-- probe must stay quiet: the comparison can fail.
local BASES = {
  "特記仕様書で定める。", "（…）例：", "課長が指定した職員のみ", "選定後に記載", "ＡＢＣ１２３の端末",
  "氏名、住所、生年月日", "別途協議する。", "〇〇課", "未定", "ＴＢＤ", "　", "適切に管理する。記録は５年保存",
}
local N = 1800            -- strings, 1,794 of them distinct: more than one generation of common.answer's
                          -- cache (1,024), fewer than two

local function fresh(s)
  local t, why, later = common.answer(s, {})     -- (echo words given: the uncached path)
  return t, why, later
end

return {
  id = "answer-probe-kept", topic = "input.consistency", severity = "info",
  title = { ja = "記憶した判定と毎回の判定が一致", en = "kept answers are the answers" },
  message = { ja = "一致", en = "all agree" },
  follow_up = { ja = "（試験用）", en = "(a test probe)" },
  precedent = "tests/answer-probe",
  check = function(plan, ctx)
    local strings = {}
    for i = 1, N do strings[i] = BASES[i % #BASES + 1] .. (i % 100 == 0 and "" or tostring(i)) end
    local other = plan.description == "self-check" and 1 or 0
    local asked = 0
    for round = 1, 3 do
      for k = 1, N do
        local i = round == 1 and k or round == 2 and (N + 1 - k) or ((k * 7) % N + 1)
        local s = strings[i]
        local t1, w1, l1 = common.answer(s)
        local t2, w2, l2 = fresh(strings[(i + other - 1) % N + 1])
        if t1 ~= t2 or w1 ~= w2 or l1 ~= l2 then return end
        if common.text(s) ~= (hogo.normalize(s) or s) then return end
        if common.placeholder(s) ~= (w2 == "placeholder") then return end
        asked = asked + 1
      end
    end
    if asked == 3 * N then ctx.report(plan, "purpose", {}) end
  end,
}
