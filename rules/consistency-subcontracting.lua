-- consistency-subcontracting: the text and outsourcing.subcontracting disagree —
-- 「再委託は行わない」 with subcontracting allowed / with_approval, or a named 再委託先 with
-- subcontracting prohibited.  Conditionals (「再委託する場合は市の承認を得る」) are not claims.
--   text denies, field allows: medium (high when allowed without approval)
--   text claims, field prohibits: medium

local KW = [[再委託]]

return {
  id        = "consistency-subcontracting",
  topic     = "input.consistency",
  severity  = "medium",
  title     = { ja = "本文と再委託の可否が一致しない",
                en = "Text and re-subcontracting setting disagree" },
  message   = { ja = "本文には「{quote}」とありますが、再委託の設定（outsourcing.subcontracting）は「{field}」です。",
                en = "The text says \"{quote}\", but outsourcing.subcontracting is \"{field_en}\"." },
  follow_up = { ja = "再委託の実際の取扱い（禁止／市の承認を条件に可）をそろえて記載し、再委託する場合は再委託先と業務範囲を示してください。",
                en = "State the actual arrangement (prohibited / allowed with the city's approval) in both places; if re-subcontracting happens, name the subcontractor and the scope." },
  precedent = "個人情報保護法 第66条第2項; 志木市 令和2年度第3回 議題(1)（特記仕様書と責任体制）",

  check = function(plan, ctx)
    local o = common.outsourced(plan)
    if not o then return end
    local sc = o.subcontracting
    local LABEL = { prohibited = "禁止", with_approval = "承認により可", allowed = "可" }
    if sc == "allowed" or sc == "with_approval" then
      local f = gov.find_claim(plan, KW, "denied")
      if f then
        ctx.report(o, "subcontracting", { severity = sc == "allowed" and "high" or "medium", vars = {
          quote = gov.quote(f, KW), field = LABEL[sc], field_en = sc } })
      end
    elseif sc == "prohibited" then
      local f = gov.find_claim(plan, KW, "claimed")
      -- 「再委託の禁止」「再委託を承認なく」: wording about the rule itself, not a claim of use
      if f and not hogo.test(f.text, [[再委託(?:の|を)?(?:禁止|制限|承認|許可|不可)]]) then
        ctx.report(o, "subcontracting", { vars = {
          quote = gov.quote(f, KW), field = LABEL[sc], field_en = sc } })
      end
    end
  end,
}
