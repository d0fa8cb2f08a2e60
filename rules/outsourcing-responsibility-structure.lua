-- outsourcing-responsibility-structure: personal data goes to a contractor but the plan does not
-- say who answers for it (the contractor's 個人情報管理責任者, the body's supervising officer).
-- The council: 「特記仕様書で責任体制を構築することとなっているが、具体的には？」 and its
-- conclusion 「責任体制の構築について契約に明記し…提出する」(議題(1)).
-- Escalation: 要配慮・児童・被害者の情報 → high.  Every contractor is read (outsourcing may be an
-- array).  A text that only defers (「特記仕様書で定める」「検討中」「今後構築する」) or echoes the
-- question (「責任体制を構築する」) is no answer: common.answer judges it, and the finding quotes it.

-- Deferrals common.answer does not know: 「今後、特記仕様書で構築する」, 「-」, 「なし」.
local UNDECIDED = [[今後.{0,15}(?:検討|決定|整備|構築|定める)|別途.{0,8}(?:定める|検討)|^\s*(?:-|ー|なし|無し|特になし)\s*[。.]?\s*$]]
-- …unless it still names someone concrete (「作業責任者を選任し、詳細は今後検討」).
local CONCRETE = [[責任者|管理者|監督者|担当者|課長|部長|室長|所長|選任|届け出|届出]]

-- nil when rs answers; otherwise the state to report (ja, en)
local function gap(rs)
  local text, why = common.answer(rs, { "責任体制" })
  if text and not (hogo.test(text, UNDECIDED) and not hogo.test(text, CONCRETE)) then return nil end
  if why == "absent" then
    return "責任体制が記載されていません", "the responsibility structure is not stated"
  elseif why == "null" then
    -- stated "not applicable" while data is outsourced: that is itself the gap
    return "責任体制が「該当なし」とされています", "the responsibility structure is given as not applicable"
  end
  local q = gov.excerpt(common.text(rs), 20)
  return "責任体制が「" .. q .. "」とあるだけで、誰が責任を負うのかが書かれていません",
         "the responsibility structure says only \"" .. q .. "\", which names nobody"
end

return {
  id        = "outsourcing-responsibility-structure",
  topic     = "outsourcing.responsibility",
  severity  = "medium",
  title     = { ja = "委託先の責任体制が示されていない",
                en = "No responsibility structure for the outsourced data" },
  message   = { ja = "{contractor}に個人情報を委託しますが、{state}。{data}を扱う以上、受託者と{body}の双方で誰が責任を負うのかを契約で明らかにする必要があります。",
                en = "Personal data is outsourced to {contractor_en}, but {state_en}. Since {data_en} is handled, the contract must say who answers for it at the contractor and at {body_en}." },
  follow_up = { ja = "受託者側の個人情報管理責任者・作業責任者、{body}側の監督責任者（所属・職）、事故時の報告経路を特記仕様書または契約書に明記し、その内容を示してください。",
                en = "Name in the special terms or the contract the contractor's data protection officer and work supervisor, the supervising officer at {body_en}, and the incident reporting line, and show them." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(1)「個人情報の取扱いに関する特記仕様書で責任体制を構築することとなっているが、具体的には？」、結論「責任体制の構築について契約に明記し、会議録の送付までに行政管理課へ提出する」; 個人情報保護法 第66条第2項（委託を受けた者の安全管理措置）",

  -- needs: check() reads only common.outsourcings(plan): plan.outsourcing
  needs = { stated = { "outsourcing" } },

  check = function(plan, ctx)
    local lv, st
    for _, o in ipairs(common.outsourcings(plan)) do   -- none: nothing outsourced, or not stated (another rule asks)
      local state, state_en = gap(o.responsibility_structure)
      if state then
        if not lv then lv, st = gov.level(plan) end
        ctx.report(o, "responsibility_structure", { severity = lv >= 2 and "high" or "medium",
          vars = common.with_body(plan, {
            contractor = common.answer(o.contractor) and ("受託者（" .. common.answer(o.contractor) .. "）") or "受託者",
            contractor_en = common.answer(o.contractor) and ("the contractor (" .. common.answer(o.contractor) .. ")") or "the contractor",
            state = state, state_en = state_en, data = st.label_ja, data_en = st.label_en }) })
      end
    end
  end,
}
