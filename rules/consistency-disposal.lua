-- consistency-disposal: the text names one disposal method and the disposal section another.
-- The council made a point of it: 「シュレッダーでの処分ではなく、溶解ということによいか」
-- (議題(1)).  Negations do not count (「シュレッダーではなく溶解」 claims only 溶解).
-- Cleared by the follow-up: the same method in both places.
--   text 溶解, disposal shredding (none dissolution): medium
--   text names another method not found in disposal: low

local METHODS = {
  { re = [[溶解]], method = "dissolution", ja = "溶解", en = "dissolution" },
  { re = [[焼却]], method = "incineration", ja = "焼却", en = "incineration" },
  { re = [[シュレッダー|裁断|細断]], method = "shredding", ja = "シュレッダー（裁断）", en = "shredding" },
  { re = [[物理的に?破壊|物理破壊|破砕]], method = "physical_destruction", ja = "物理破壊", en = "physical destruction" },
  { re = [[消磁|磁気消去]], method = "degauss", ja = "磁気消去", en = "degaussing" },
  { re = [[上書き消去|上書きにより消去|上書きして消去]], method = "overwrite", ja = "上書き消去", en = "overwriting" },
}

return {
  id        = "consistency-disposal",
  topic     = "input.consistency",
  severity  = "medium",
  title     = { ja = "本文と廃棄方法が一致しない",
                en = "Text and disposal method disagree" },
  message   = { ja = "本文には「{quote}」と{claimed}による処分が書かれていますが、「{label:disposal.method}」欄は{listed}になっています。",
                en = "The text says {claimed_en} (\"{quote}\"), but the disposal section says {listed_en}." },
  follow_up = { ja = "実際の廃棄方法をそろえて記載し、受託者が廃棄する場合は廃棄証明書（溶解証明等）の提出を求めてください。",
                en = "State the method actually used in both places and, where the contractor disposes, require a certificate (e.g. of dissolution)." },
  precedent = "志木市 令和2年度第3回 議題(1)「個人情報記載の書類については、委託業者及び市で保管しているものについてもシュレッダーでの処分ではなく、溶解ということによいか」" .. situation.PRE_ACT,

  -- needs: check() returns at once without plan.disposal
  -- needs words: the prose says a method of METHODS the list lacks (物理的に?破壊, 物理破壊: 破壊;
  -- 上書き消去…: 上書き)
  needs = { stated = { "disposal" }, prose = { "溶解", "焼却", "シュレッダー", "裁断", "細断", "破壊", "破砕", "消磁", "磁気消去", "上書き" } },

  check = function(plan, ctx)
    local disposal = common.list(plan.disposal)
    if #disposal == 0 then return end
    local have, listed, listed_en = {}, {}, {}
    for _, d in ipairs(disposal) do
      if common.obj(d) and type(d.method) == "string" then
        have[d.method] = d
        listed[#listed + 1] = hogo.choice("disposal.method", d.method)
        listed_en[#listed_en + 1] = d.method
      end
    end
    if #listed == 0 then return end
    for _, m in ipairs(METHODS) do
      if not have[m.method] then
        local f = situation.says(plan, m.re)
        if f then
          local target = have.shredding or disposal[1]
          local sev = (m.method == "dissolution" and have.shredding) and "medium" or "low"
          ctx.report(target, "method", { severity = sev, vars = {
            quote = gov.quote(f, m.re), claimed = m.ja, claimed_en = m.en,
            listed = table.concat(listed, "・"), listed_en = table.concat(listed_en, ", ") } })
          return
        end
      end
    end
  end,
}
