-- consistency-subcontracting: the text and outsourcing.subcontracting disagree —
-- 「再委託は行わない」 with subcontracting allowed / with_approval, or a named 再委託先 with
-- subcontracting prohibited.  With several contractors (outsourcing as an array) the text
-- cannot be tied to one of them: it is weighed against each, and a contradiction needs all of
-- them to disagree with it (「再委託は行わない」 is not contradicted by one vendor that may).  Conditionals (「再委託する場合は市の承認を得る」) are not claims.
--   text denies, field allows: medium (high when allowed without approval)
--   text claims, field prohibits: medium

local KW = [[再委託]]

return {
  id        = "consistency-subcontracting",
  topic     = "input.consistency",
  severity  = "medium",
  title     = { ja = "本文と再委託の可否が一致しない",
                en = "Text and re-subcontracting setting disagree" },
  message   = { ja = "本文には「{quote}」とありますが、「{label:outsourcing.subcontracting}」欄は「{field}」です。",
                en = "The text says \"{quote}\", but outsourcing.subcontracting is \"{field_en}\"." },
  follow_up = { ja = "再委託の実際の取扱い（禁止／{body}の承認を条件に可）をそろえて記載し、再委託する場合は再委託先と業務範囲を示してください。",
                en = "State the actual arrangement (prohibited / allowed with {body_en}'s approval) in both places; if re-subcontracting happens, name the subcontractor and the scope." },
  precedent = "個人情報保護法 第66条第2項; 志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(1)（特記仕様書と責任体制）",

  -- needs: check() reports nothing without plan.outsourcing
  -- needs words: both findings quote a claim of KW (再委託)
  needs = { stated = { "outsourcing" }, prose = { "再委託" } },

  check = function(plan, ctx)
    local all = common.outsourcings(plan)
    if #all == 0 then return end
    -- the settings of every contractor: a text contradicts them only when it contradicts each
    local allows, prohibits, worst = 0, 0, nil
    for _, o in ipairs(all) do
      local sc = o.subcontracting
      if sc == "allowed" or sc == "with_approval" then
        allows = allows + 1
        if worst == nil or sc == "allowed" then worst = o end
      elseif sc == "prohibited" then prohibits = prohibits + 1 end
    end
    if allows == #all then
      local f = gov.find_claim(plan, KW, "denied")
      if f then
        local sc = worst.subcontracting
        ctx.report(worst, "subcontracting", { severity = sc == "allowed" and "high" or "medium",
          vars = common.with_body(plan, { quote = gov.quote(f, KW), field = hogo.choice("outsourcing.subcontracting", sc), field_en = sc }) })
      end
    elseif prohibits == #all then
      local f = gov.find_claim(plan, KW, "claimed")
      -- 「再委託の禁止」「再委託を承認なく」: wording about the rule itself, not a claim of use
      if f and not hogo.test(f.text, [[再委託(?:の|を)?(?:禁止|制限|承認|許可|不可)]]) then
        ctx.report(all[1], "subcontracting", { vars = common.with_body(plan, {
          quote = gov.quote(f, KW), field = hogo.choice("outsourcing.subcontracting", "prohibited"), field_en = "prohibited" }) })
      end
    end
  end,
}
