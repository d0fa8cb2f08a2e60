-- operations-rules-not-in-force: the operating rules (要綱・運用規程) that tell staff how to run
-- the process are still being drafted, or there are none.  The council: 「市の職員が運用する部分
-- についてもセキュリティ管理が求められる。庁内の運用体制を次回審議会時に報告してほしい」,
-- answered 「要綱を作成していく」(議題(2)).
--   drafting: medium;  none: medium, high for 要配慮・被害者の情報

return {
  id        = "operations-rules-not-in-force",
  topic     = "operations.rules",
  severity  = "medium",
  title     = { ja = "運用ルール（要綱）が定まっていない",
                en = "Operating rules not yet in force" },
  message   = { ja = "職員が{data}を日々扱うための要綱・運用規程が{state}。",
                en = "The rules under which staff handle {data_en} day to day {state_en}." },
  follow_up = { ja = "要綱・運用規程の案（取り扱う職員、閲覧・入力・持出しの手順、点検）と制定の時期を示し、制定後の庁内の運用体制を次回の審議会に報告してください。",
                en = "Show the draft rules (who handles the data, how it is viewed, entered and taken out, how compliance is checked) and when they take effect, and report the operating arrangements to the next council session." },
  precedent = "志木市 令和2年度第3回 議題(2)「市の職員が運用する部分についてもセキュリティ管理が求められる。庁内の運用体制を次回審議会時に報告してほしい」「児童福祉法等に基づいて要綱を作成していく」",

  check = function(plan, ctx)
    local op = common.obj(plan.operations)
    if not op then return end
    local lv, st = gov.level(plan)
    local vars = { data = st.label_ja, data_en = st.label_en }
    if op.rules == "drafting" then
      vars.state, vars.state_en = "作成中で、まだ定まっていません", "are still being drafted"
      ctx.report(op, "rules", { severity = "medium", vars = vars })
    elseif op.rules == "none" then
      vars.state, vars.state_en = "ありません", "do not exist"
      ctx.report(op, "rules", { severity = lv >= 2 and "high" or "medium", vars = vars })
    end
  end,
}
