-- tests/text-fields/prose-probe.lua -- not a council rule: the text_fields ctest's probe of the
-- prose readers.  gov.says, gov.mentions and gov.prose are done in C (hogo.prose_reader);
-- gov.says_lua, gov.mentions_lua and gov.prose_lua are the reference.  On every plan this asks both about the pack's own
-- keywords (and a few odd ones: anchored, a verb, an empty alternative) with every `want`, and
-- reports any answer that differs ("mismatch") -- the very field entry, or nil, must agree.
local KEYWORDS = {
  tech.CAMERA, tech.LIBRARY, tech.USAGE, tech.OPT_IN, tech.AI, tech.RPA,
  situation.LGWAN_ASP, situation.GOV_CLOUD, situation.SEGMENT, situation.LIVE, situation.MIGRATION,
  common.CHILD_PATTERN, common.SERVICE_PATTERN, common.HANDOVER_PATTERN,
  [[クラウド|(?<![A-Za-z])(?:cloud|SaaS)(?![A-Za-z])]], [[再委託]], [[暗号化]], [[ログ|記録]], [[委託]],
  [[保存]], [[提供]], [[職員]], [[個人情報]], [[システム]], [[確認]], [[廃棄|消去]], [=[例[:：]]=],
  [[^件名]], [[する$]], [[(*COMMIT)委託]], [[x|]], [[LGWAN]], [[\d+年]],
}
local WANTS = { "claimed", "denied", "hypothetical" }

return {
  id = "prose-probe", topic = "storage.location", severity = "info",
  title = { ja = "gov.says の比較", en = "gov.says compared" },
  message = { ja = "{what}", en = "{what}" },
  follow_up = { ja = "なし", en = "none" }, precedent = "none: a test probe",
  check = function(plan, ctx)
    for i, kw in ipairs(KEYWORDS) do
      for _, want in ipairs(WANTS) do
        local a, b = gov.says(plan, kw, want), gov.says_lua(plan, kw, want)
        if not rawequal(a, b) then
          ctx.report(nil, nil, { vars = { what = "mismatch at entry says " .. i .. " " .. want .. ": " ..
            tostring(a and a.field) .. " vs " .. tostring(b and b.field) } })
          return
        end
      end
      local a, b = gov.mentions(plan, kw), gov.mentions_lua(plan, kw)
      if not rawequal(a, b) then
        ctx.report(nil, nil, { vars = { what = "mismatch at entry mentions " .. i .. ": " ..
          tostring(a and a.field) .. " vs " .. tostring(b and b.field) } })
        return
      end
    end
    if not rawequal(gov.says(plan, KEYWORDS[1]), gov.says_lua(plan, KEYWORDS[1], "claimed")) then
      ctx.report(nil, nil, { vars = { what = "mismatch at entry says with the default want" } })
      return
    end
    -- gov.prose (C) against gov.prose_lua: the very entries, in order, in a new array each time
    local a, b = gov.prose(plan), gov.prose_lua(plan)
    local same = #a == #b and not rawequal(a, gov.prose(plan))
    for i = 1, math.max(#a, #b) do same = same and rawequal(a[i], b[i]) end
    if not same then
      ctx.report(nil, nil, { vars = { what = "mismatch at entry prose: " .. #a .. " vs " .. #b } })
    end
  end,
}
