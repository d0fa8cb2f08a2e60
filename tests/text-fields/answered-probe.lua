-- tests/text-fields/answered-probe.lua -- not a council rule: the text_fields ctest's probe of
-- common.all_answered.  hogo.plan_every (engine/hogo_facts.c) reads every string of the plan in
-- C; common.all_answered_lua walks the plan in Lua and is the reference.  On every plan this
-- compares the strings the C walk hands fn, in order, with those pairs() reaches in Lua; the
-- answer of common.all_answered with the reference's; a walk stopped at its last string (false,
-- and no string asked after it); and the walk given `known` strings (fn not asked of them).  Any
-- difference is reported ("mismatch at entry ...").
local function lua_strings(plan)
  local out = {}
  local function walk(t)
    for _, v in pairs(t) do
      if type(v) == "string" then out[#out + 1] = v
      elseif type(v) == "table" and not hogo.is_null(v) then walk(v) end
    end
  end
  walk(plan)
  return out
end

return {
  id = "answered-probe", topic = "storage.location", severity = "info",
  title = { ja = "all_answered の比較", en = "all_answered compared" },
  message = { ja = "{what}", en = "{what}" },
  follow_up = { ja = "なし", en = "none" }, precedent = "none: a test probe",
  check = function(plan, ctx)
    local function fail(why) ctx.report(nil, nil, { vars = { what = "mismatch at entry " .. why } }) end
    local seen = {}
    local all = hogo.plan_every(plan, function(s) seen[#seen + 1] = s; return true end)
    local want = lua_strings(plan)
    if all ~= true then return fail("0: plan_every is not true when fn always is") end
    for i = 1, math.max(#seen, #want) do
      if seen[i] ~= want[i] then
        return fail(i .. ": C gave " .. tostring(seen[i]) .. ", Lua " .. tostring(want[i]))
      end
    end
    if common.all_answered(plan) ~= common.all_answered_lua(plan) then
      return fail("0: all_answered " .. tostring(common.all_answered(plan)) .. " vs the Lua reference")
    end
    if #want > 0 then
      local asked = 0
      local r = hogo.plan_every(plan, function() asked = asked + 1; return asked < #want end)
      if r ~= false or asked ~= #want then
        return fail(#want .. ": stopped at the last string: " .. tostring(r) .. " after " .. asked)
      end
      local known, n = { [want[1]] = true }, 0
      for _, s in ipairs(want) do if s ~= want[1] then n = n + 1 end end
      asked = 0
      hogo.plan_every(plan, function() asked = asked + 1; return true end, known)
      if asked ~= n then return fail("1: with known strings fn was asked " .. asked .. " times, not " .. n) end
    end
  end,
}
