-- outsourcing-responsibility-structure: personal data goes to a contractor but the plan does not
-- say who answers for it (the contractor's 個人情報管理責任者, the city's supervising officer).
-- The council: 「特記仕様書で責任体制を構築することとなっているが、具体的には？」 and its
-- conclusion 「責任体制の構築について契約に明記し…提出する」(議題(1)).
-- Escalation: 要配慮・児童・被害者の情報 → high.  A text that only says it will be decided later
-- (検討中・未定・今後) counts as not stated.

local UNDECIDED = [[検討中|未定|調整中|今後.{0,15}(?:検討|決定|整備|構築|定める)|別途.{0,8}(?:定める|検討)|^\s*(?:-|ー|なし|無し|特になし)\s*[。.]?\s*$]]
-- …unless it still names someone concrete (「作業責任者を選任し、詳細は今後検討」).
local CONCRETE = [[責任者|管理者|監督者|担当者|課長|部長|室長|所長|選任|届け出|届出]]

return {
  id        = "outsourcing-responsibility-structure",
  topic     = "outsourcing.responsibility",
  severity  = "medium",
  title     = { ja = "委託先の責任体制が示されていない",
                en = "No responsibility structure for the outsourced data" },
  message   = { ja = "{contractor}に個人情報を委託しますが、{state}。{data}を扱う以上、受託者と市の双方で誰が責任を負うのかを契約で明らかにする必要があります。",
                en = "Personal data is outsourced to {contractor_en}, but {state_en}. Since {data_en} is handled, the contract must say who answers for it at the contractor and at the city." },
  follow_up = { ja = "受託者側の個人情報管理責任者・作業責任者、市側の監督責任者（所属・職）、事故時の報告経路を特記仕様書または契約書に明記し、その内容を示してください。",
                en = "Name in the special terms or the contract the contractor's data protection officer and work supervisor, the city's supervising officer, and the incident reporting line, and show them." },
  precedent = "志木市 令和2年度第3回 議題(1)「個人情報の取扱いに関する特記仕様書で責任体制を構築することとなっているが、具体的には？」、結論「責任体制の構築について契約に明記し、会議録の送付までに行政管理課へ提出する」; 個人情報保護法 第66条第2項（委託を受けた者の安全管理措置）",

  check = function(plan, ctx)
    local o = common.outsourced(plan)
    if not o then return end                    -- nothing outsourced, or not stated (another rule asks)
    local rs = o.responsibility_structure
    local state, state_en
    if rs == nil then
      state, state_en = "責任体制が記載されていません", "the responsibility structure is not stated"
    elseif hogo.is_null(rs) then
      -- stated "not applicable" while data is outsourced: that is itself the gap
      state, state_en = "責任体制が「該当なし」とされています", "the responsibility structure is given as not applicable"
    elseif gov.blank(rs) or (hogo.test(common.text(rs), UNDECIDED) and not hogo.test(common.text(rs), CONCRETE)) then
      state, state_en = "責任体制が「" .. gov.excerpt(rs, 20) .. "」とされ、具体的に決まっていません",
                        "the responsibility structure is not yet decided (\"" .. gov.excerpt(rs, 20) .. "\")"
    else
      return
    end
    local lv, st = gov.level(plan)
    local sev = lv >= 2 and "high" or "medium"
    ctx.report(o, "responsibility_structure", { severity = sev, vars = {
      contractor = type(o.contractor) == "string" and ("受託者（" .. o.contractor .. "）") or "受託者",
      contractor_en = type(o.contractor) == "string" and ("the contractor (" .. o.contractor .. ")") or "the contractor",
      state = state, state_en = state_en, data = st.label_ja, data_en = st.label_en } })
  end,
}
